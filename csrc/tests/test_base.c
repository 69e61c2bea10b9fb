/* test_base.c: buffers, UTF-8 decoding of every invalid class, versions. */
#include "kb.h"
#include "check.h"

#include <stdlib.h>

static void test_decode(void)
{
	static const struct { const char *bytes; size_t n; int32_t cp; size_t len; } cases[] = {
		{"A", 1, 'A', 1},
		{"\xD8\xA7", 2, 0x627, 2},             /* alef */
		{"\xE2\x80\x8C", 3, 0x200C, 3},        /* ZWNJ */
		{"\xF0\x9F\x98\x80", 4, 0x1F600, 4},
		{"\xC0\xAF", 2, -1, 1},                /* overlong lead */
		{"\xE0\x80\xAF", 3, -1, 1},            /* overlong 3-byte */
		{"\xED\xA0\x80", 3, -1, 1},            /* surrogate */
		{"\xD8", 1, -1, 1},                    /* truncated */
		{"\xE2\x80", 2, -1, 2},                /* truncated, maximal prefix */
		{"\xF5\x80\x80\x80", 4, -1, 1},        /* beyond U+10FFFF */
		{"\xFF", 1, -1, 1},
		{"\x80", 1, -1, 1},                    /* lone continuation */
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int32_t cp;
		size_t len = kb_utf8_decode((const unsigned char *)cases[i].bytes, cases[i].n, &cp);
		CHECK(cp == cases[i].cp);
		CHECK(len == cases[i].len);
	}
	CHECK(kb_utf8_validate("ab\xD8\xA7", 4) == 4);
	CHECK(kb_utf8_validate("ab\xD8", 3) == 2);
}

static void test_encode(void)
{
	char out[4];
	CHECK(kb_utf8_encode(0x627, out) == 2 && memcmp(out, "\xD8\xA7", 2) == 0);
	CHECK(kb_utf8_encode(0x1F600, out) == 4 && memcmp(out, "\xF0\x9F\x98\x80", 4) == 0);
}

static void test_buffer(void)
{
	kb_buf buf = {0};
	int i;
	for (i = 0; i < 1000; i++)
		CHECK(kb_buf_append(&buf, "abc", 3) == KB_OK);
	CHECK(buf.len == 3000);
	CHECK(memcmp(buf.data + 2997, "abc", 3) == 0);
	kb_buf_free(&buf);
	CHECK(buf.data == NULL && buf.len == 0);
}

static void test_versions(void)
{
	char icu[32], unicode[32], pcre2[32];
	kb_versions(icu, unicode, pcre2);
	CHECK(icu[0] >= '1' && icu[0] <= '9');
	CHECK(unicode[0] >= '1' && unicode[0] <= '9');
	CHECK(pcre2[0] >= '1' && pcre2[0] <= '9');
	CHECK_STR(kb_status_message(KB_ENOMEM), "not enough memory");
}

int main(void)
{
	test_decode();
	test_encode();
	test_buffer();
	test_versions();
	return check_report("test_base");
}
