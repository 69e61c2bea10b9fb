/*
 * test_normalize.c: the normalization engine without Lua. Vectors for each
 * profile, the two loops (with and without a map) agreeing on random
 * input, the map's invariants, invalid UTF-8, and Buckwalter round trips.
 */
#include "kb.h"
#include "check.h"

#include <stdlib.h>

static char *normalize_with(const kb_norm_options *opts, const char *s, size_t n,
                            kb_offset_map *map, kb_status *status)
{
	kb_buf out = {0};
	size_t bad = 0;
	char *text;
	*status = kb_normalize(opts, s, n, &out, map, &bad);
	text = malloc(out.len + 1);
	if (text) {
		if (out.len)
			memcpy(text, out.data, out.len);
		text[out.len] = '\0';
	}
	kb_buf_free(&out);
	return text;
}

static void check_profile(const char *profile, const char *in, const char *want)
{
	kb_norm_options opts;
	kb_status status;
	char *got;
	CHECK(kb_norm_profile(&opts, profile) == KB_OK);
	got = normalize_with(&opts, in, strlen(in), NULL, &status);
	CHECK(status == KB_OK);
	CHECK_STR(got, want);
	free(got);
}

static void test_vectors(void)
{
	check_profile("search", "  Hello \t WORLD  ", "hello world");
	check_profile("search", "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf", "\xd8\xa7\xd8\xad\xd9\x85\xd8\xaf");
	/* ا + U+0654 composes to أ, then folds to ا. */
	check_profile("search", "\xd8\xa7\xd9\x94", "\xd8\xa7");
	check_profile("display", "\xd8\xa7\xd9\x94", "\xd8\xa3");
	/* ﻷ keeps its hamza in display. */
	check_profile("display", "\xef\xbb\xb7", "\xd9\x84\xd8\xa3");
	/* U+FE70 is the bare fathatan, no space. */
	check_profile("display", "\xef\xb9\xb0", "\xd9\x8b");
	check_profile("search", "\xd9\xa1\xd9\xa2\xd9\xa3", "123");
	check_profile("search", "Stra\xc3\x9f" "e", "strasse");
	check_profile("display", "Stra\xc3\x9f" "e", "Stra\xc3\x9f" "e");
	check_profile("search", "", "");
	check_profile("none", "  A  ", "  A  ");
	/* Latin: e + U+0301 composes to é. */
	check_profile("display", "e\xcc\x81", "\xc3\xa9");
	/* Marks are put in canonical order, with or without a base before them. */
	check_profile("display", "\xd8\xa8\xd9\x91\xd9\x8e", "\xd8\xa8\xd9\x8e\xd9\x91");
	check_profile("display", "\xd9\x91\xd9\x8e", "\xd9\x8e\xd9\x91");
	check_profile("display", "\xff\xd9\x91\xd9\x8e", "\xef\xbf\xbd\xd9\x8e\xd9\x91");
}

static void test_nul_and_invalid(void)
{
	kb_norm_options opts;
	kb_buf out = {0};
	size_t bad = 0;
	kb_norm_profile(&opts, "search");
	CHECK(kb_normalize(&opts, "a\0B", 3, &out, NULL, &bad) == KB_OK);
	CHECK(out.len == 3 && memcmp(out.data, "a\0b", 3) == 0);
	out.len = 0;
	CHECK(kb_normalize(&opts, "ab\xff\xfe" "c", 5, &out, NULL, &bad) == KB_OK);
	CHECK(out.len == 9 && memcmp(out.data, "ab\xef\xbf\xbd\xef\xbf\xbd" "c", 9) == 0);
	out.len = 0;
	opts.invalid = KB_INVALID_DROP;
	CHECK(kb_normalize(&opts, "ab\xe2\x82" "c", 5, &out, NULL, &bad) == KB_OK);
	CHECK(out.len == 3 && memcmp(out.data, "abc", 3) == 0);
	opts.invalid = KB_INVALID_ERROR;
	CHECK(kb_normalize(&opts, "ab\xe2\x82" "c", 5, &out, NULL, &bad) == KB_EUTF8);
	CHECK(bad == 2);
	kb_buf_free(&out);
}

/* Random text from pieces that exercise every rule and both loops. */
static const char *const pieces[] = {
	"a", "Z", " ", "  ", "\t", "\n", "\xd8\xa3", "\xd8\xa7", "\xd9\x94", "\xd9\x8e",
	"\xd9\x91", "\xd9\x80", "\xd8\xa9", "\xd9\x89", "\xdb\x8c", "\xd9\xa3", "\xdb\xb5",
	"\xd8\x8c", "\xc2\xab", "\xe2\x80\x8c", "\xe2\x80\x8f", "\xef\xbb\xb7", "\xef\xb7\xba",
	"\xef\xb9\xb0", "\xc3\x9f", "\xc3\x80", "e\xcc\x81", "\xcc\x81", "\xff", "\xe2\x82",
	"\xc2\xa0", "\xe3\x80\x80", "\xd8\xa4", "\xef\xbb\xbf", "\0", "\xe4\xb8\xad", "\xd0\x96"
};

static size_t random_text(char *buf, size_t cap, unsigned *seed)
{
	size_t len = 0, count = (size_t)(rand_r(seed) % 40);
	while (count--) {
		const char *p = pieces[rand_r(seed) % (sizeof pieces / sizeof pieces[0])];
		size_t k = (p[0] == '\0') ? 1 : strlen(p);
		if (len + k > cap)
			break;
		memcpy(buf + len, p, k);
		len += k;
	}
	return len;
}

static void check_map_invariants(const kb_offset_map *map, size_t out_len, size_t in_len)
{
	size_t i;
	int ok = map->len == out_len;
	for (i = 0; ok && i < map->len; i++) {
		ok = map->start[i] < map->stop[i] && map->stop[i] <= in_len;
		if (ok && i > 0)
			ok = map->start[i] >= map->start[i - 1] && map->stop[i] >= map->stop[i - 1];
	}
	CHECK(ok);
}

static void test_loops_agree(void)
{
	static const char *const profiles[] = {"search", "display", "none"};
	unsigned seed = 12345;
	int round;
	for (round = 0; round < 3000; round++) {
		char in[400];
		size_t n = random_text(in, sizeof in, &seed);
		kb_norm_options opts;
		kb_offset_map map = {0};
		kb_buf fast = {0}, full = {0};
		kb_norm_profile(&opts, profiles[round % 3]);
		if (round % 7 == 0)
			opts.zwnj = KB_ZWNJ_SPACE;
		if (round % 11 == 0)
			opts.flags ^= KB_NORM_HAMZA | KB_NORM_SPACE;
		CHECK(kb_normalize(&opts, in, n, &fast, NULL, NULL) == KB_OK);
		CHECK(kb_normalize(&opts, in, n, &full, &map, NULL) == KB_OK);
		CHECK(fast.len == full.len && (fast.len == 0 || memcmp(fast.data, full.data, fast.len) == 0));
		check_map_invariants(&map, full.len, n);
		kb_buf_free(&fast);
		kb_buf_free(&full);
		kb_offset_map_free(&map);
	}
}

/* Long text (the 16-byte block loop starts at 256 bytes): words of
 * common letters with the changes it folds itself, among everything else. */
static const char *const words[] = {
	"\xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd8\xb1\xd8\xb3\xd8\xa9", "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf",
	"\xd8\xa5\xd9\x84\xd9\x89", "\xd8\xa2\xd8\xae\xd8\xb1", "\xd9\x81\xd9\x8a", " ", "  ",
	"\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3", "abc", "ABC", "2015", "\n", "\xd8\x8c ", "\xc2\xab",
	"\xd9\x80", "\xd9\x8e", "\xd8\xa7\xd9\x94", "\xe2\x80\x8c", "\xc3\xa9", "\xff", "\xd9\xb1",
	"\xd8\xa9 ", "\xd8\xa9", "\xd9\x89 ", "\xd8\xa9\xd8\xa9\xd8\xa9\xd8\xa9\xd8\xa9\xd8\xa9\xd8\xa9\xd8\xa9"
};

static void test_long_texts_agree(void)
{
	static const char *const profiles[] = {"search", "display", "none"};
	unsigned seed = 777;
	int round;
	for (round = 0; round < 600; round++) {
		char in[4000];
		size_t n = 0, count = 50 + (size_t)(rand_r(&seed) % 400);
		kb_norm_options opts;
		kb_offset_map map = {0};
		kb_buf fast = {0}, full = {0};
		while (count--) {
			const char *w = words[rand_r(&seed) % (sizeof words / sizeof words[0])];
			size_t k = strlen(w);
			if (n + k > sizeof in)
				break;
			memcpy(in + n, w, k);
			n += k;
		}
		kb_norm_profile(&opts, profiles[round % 3]);
		if (round % 5 == 1)
			opts.flags &= ~(unsigned)(KB_NORM_ALEF | KB_NORM_YEH);
		if (round % 7 == 2)
			opts.flags &= ~(unsigned)(KB_NORM_TEH_MARBUTA | KB_NORM_SPACE);
		CHECK(kb_normalize(&opts, in, n, &fast, NULL, NULL) == KB_OK);
		CHECK(kb_normalize(&opts, in, n, &full, &map, NULL) == KB_OK);
		CHECK(fast.len == full.len && (fast.len == 0 || memcmp(fast.data, full.data, fast.len) == 0));
		check_map_invariants(&map, full.len, n);
		kb_buf_free(&fast);
		kb_buf_free(&full);
		kb_offset_map_free(&map);
	}
}

/* Bits beyond the steps are ignored. */
static void test_unknown_flag_bits(void)
{
	kb_norm_options opts, extra;
	kb_buf a = {0}, b = {0};
	const char *s = "ABC \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf\xd8\xa9  \xd9\x85\xd8\xa4\xd8\xaa\xd9\x85\xd8\xb1 x";
	kb_norm_profile(&opts, "search");
	extra = opts;
	extra.flags |= 0xE000u;
	CHECK(kb_normalize(&opts, s, strlen(s), &a, NULL, NULL) == KB_OK);
	CHECK(kb_normalize(&extra, s, strlen(s), &b, NULL, NULL) == KB_OK);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	kb_buf_free(&a);
	kb_buf_free(&b);
}

static void test_appending(void)
{
	kb_norm_options opts;
	kb_buf out = {0};
	kb_offset_map map = {0};
	kb_norm_profile(&opts, "search");
	kb_buf_append(&out, "x ", 2);
	CHECK(kb_normalize(&opts, " A ", 3, &out, &map, NULL) == KB_OK);
	CHECK(out.len == 3 && memcmp(out.data, "x a", 3) == 0);
	CHECK(map.len == 1 && map.start[0] == 1 && map.stop[0] == 2);
	kb_buf_free(&out);
	kb_offset_map_free(&map);
}

static void check_round_trip(kb_translit_scheme scheme, const char *arabic)
{
	kb_buf ascii = {0}, back = {0};
	CHECK(kb_transliterate_buckwalter(scheme, 0, KB_INVALID_REPAIR, arabic, strlen(arabic),
	                                  &ascii, NULL) == KB_OK);
	CHECK(kb_transliterate_buckwalter(scheme, 1, KB_INVALID_REPAIR, ascii.data, ascii.len,
	                                  &back, NULL) == KB_OK);
	CHECK(back.len == strlen(arabic) && memcmp(back.data, arabic, back.len) == 0);
	kb_buf_free(&ascii);
	kb_buf_free(&back);
}

static void test_buckwalter(void)
{
	char all[256];
	size_t len = 0;
	int32_t cp;
	kb_buf out = {0};
	for (cp = 0x0621; cp <= 0x063A; cp++)
		len += kb_utf8_encode(cp, all + len);
	for (cp = 0x0640; cp <= 0x0652; cp++)
		len += kb_utf8_encode(cp, all + len);
	len += kb_utf8_encode(0x0670, all + len);
	len += kb_utf8_encode(0x0671, all + len);
	all[len] = '\0';
	check_round_trip(KB_TRANSLIT_BUCKWALTER, all);
	check_round_trip(KB_TRANSLIT_SAFE_BUCKWALTER, all);
	check_round_trip(KB_TRANSLIT_XML_BUCKWALTER, all);
	CHECK(kb_transliterate_buckwalter(KB_TRANSLIT_BUCKWALTER, 0, KB_INVALID_REPAIR,
	                                  "\xd8\xa3\xd8\xa8", 4, &out, NULL) == KB_OK);
	CHECK(out.len == 2 && memcmp(out.data, ">b", 2) == 0);
	kb_buf_free(&out);
}

static void test_latin(void)
{
	kb_latin_translit *t = NULL;
	kb_buf out = {0};
	CHECK(kb_latin_translit_open(&t) == KB_OK);
	CHECK(kb_transliterate_latin(t, "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", 8, &out) == KB_OK);
	CHECK(out.len == 6 && memcmp(out.data, "m\xe1\xb8\xa5md", 6) == 0);
	kb_buf_free(&out);
	kb_latin_translit_close(t);
}

int main(void)
{
	test_vectors();
	test_nul_and_invalid();
	test_loops_agree();
	test_long_texts_agree();
	test_appending();
	test_unknown_flag_bits();
	test_buckwalter();
	test_latin();
	return check_report("test_normalize");
}
