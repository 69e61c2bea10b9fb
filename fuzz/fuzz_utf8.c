/*
 * fuzz_utf8.c: the UTF-8 decoder, validator and encoder, and the growable
 * buffer, on arbitrary bytes.
 * needs: kb_utf8_decode
 */
#include "fuzz.h"

/* Decoding walks the input in steps of 1..4 bytes, every code point it
 * answers is a scalar value that encodes back to the same bytes, and the
 * validator stops exactly where the decoder first failed. */
static void check_decoding(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, first_invalid = n;
	while (i < n) {
		int32_t cp;
		char out[4];
		size_t len = kb_utf8_decode(u + i, n - i, &cp);
		FUZZ_ASSERT(len >= 1 && len <= 4 && len <= n - i);
		if (cp < 0) {
			if (first_invalid == n)
				first_invalid = i;
		} else {
			FUZZ_ASSERT(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
			FUZZ_ASSERT(kb_utf8_encode(cp, out) == len);
			FUZZ_ASSERT(memcmp(out, s + i, len) == 0);
		}
		i += len;
	}
	FUZZ_ASSERT(kb_utf8_validate(s, n) == first_invalid);
}

/* Appending the input in pieces gives back the input. */
static void check_buffer(const char *s, size_t n)
{
	kb_buf buf = {NULL, 0, 0};
	size_t i = 0, step = n % 7 + 1;
	while (i < n) {
		size_t piece = n - i < step ? n - i : step;
		FUZZ_ASSERT(kb_buf_append(&buf, s + i, piece) == KB_OK);
		i += piece;
	}
	FUZZ_ASSERT(buf.len == n && buf.len <= buf.cap);
	FUZZ_ASSERT(n == 0 || memcmp(buf.data, s, n) == 0);
	kb_buf_free(&buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_decoding((const char *)data, size);
	check_buffer((const char *)data, size);
	return 0;
}
