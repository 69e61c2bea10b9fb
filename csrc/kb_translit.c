/*
 * kb_translit.c: transliteration. The Buckwalter family (CAMeL Tools'
 * ar2bw, ar2safebw and ar2xmlbw charmaps and their reverses) is a table in
 * each direction; "latin" is ICU's Arabic-Latin transform.
 */
#include "kb.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/utrans.h>
#include <unicode/ustring.h>

/* ==================================================================== */
/* The Buckwalter family                                                 */
/* ==================================================================== */

typedef struct { uint16_t cp; char ascii; } bw_pair;

/* CAMeL Tools' ar2bw map: U+0621..U+063A, U+0640..U+0652, U+0670, U+0671
 * and the four extra letters P J V G. */
static const bw_pair buckwalter[] = {
	{0x0621, '\''}, {0x0622, '|'}, {0x0623, '>'}, {0x0624, '&'}, {0x0625, '<'},
	{0x0626, '}'}, {0x0627, 'A'}, {0x0628, 'b'}, {0x0629, 'p'}, {0x062A, 't'},
	{0x062B, 'v'}, {0x062C, 'j'}, {0x062D, 'H'}, {0x062E, 'x'}, {0x062F, 'd'},
	{0x0630, '*'}, {0x0631, 'r'}, {0x0632, 'z'}, {0x0633, 's'}, {0x0634, '$'},
	{0x0635, 'S'}, {0x0636, 'D'}, {0x0637, 'T'}, {0x0638, 'Z'}, {0x0639, 'E'},
	{0x063A, 'g'}, {0x0640, '_'}, {0x0641, 'f'}, {0x0642, 'q'}, {0x0643, 'k'},
	{0x0644, 'l'}, {0x0645, 'm'}, {0x0646, 'n'}, {0x0647, 'h'}, {0x0648, 'w'},
	{0x0649, 'Y'}, {0x064A, 'y'}, {0x064B, 'F'}, {0x064C, 'N'}, {0x064D, 'K'},
	{0x064E, 'a'}, {0x064F, 'u'}, {0x0650, 'i'}, {0x0651, '~'}, {0x0652, 'o'},
	{0x0670, '`'}, {0x0671, '{'}, {0x067E, 'P'}, {0x0686, 'J'}, {0x06A4, 'V'},
	{0x06AF, 'G'}
};

/* Where safe and XML Buckwalter differ from Buckwalter. */
static const bw_pair safe_changes[] = {
	{0x0621, 'C'}, {0x0622, 'M'}, {0x0623, 'O'}, {0x0624, 'W'}, {0x0625, 'I'},
	{0x0626, 'Q'}, {0x0630, 'V'}, {0x0634, 'c'}, {0x0670, 'e'}, {0x0671, 'L'},
	{0x06A4, 'B'}
};
static const bw_pair xml_changes[] = {
	{0x0623, 'O'}, {0x0624, 'W'}, {0x0625, 'I'}
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char lookup_change(const bw_pair *changes, size_t count, int32_t cp)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (changes[i].cp == cp)
			return changes[i].ascii;
	return 0;
}

/* The ASCII letter of cp in a scheme, or 0 when cp is not in its table. */
static char to_ascii(kb_translit_scheme scheme, int32_t cp)
{
	size_t i;
	char changed = 0;
	if (cp < 0x0621 || cp > 0x06AF)
		return 0;
	if (scheme == KB_TRANSLIT_SAFE_BUCKWALTER)
		changed = lookup_change(safe_changes, COUNT(safe_changes), cp);
	else if (scheme == KB_TRANSLIT_XML_BUCKWALTER)
		changed = lookup_change(xml_changes, COUNT(xml_changes), cp);
	if (changed)
		return changed;
	for (i = 0; i < COUNT(buckwalter); i++)
		if (buckwalter[i].cp == cp)
			return buckwalter[i].ascii;
	return 0;
}

kb_status kb_translit_scheme_named(const char *name, kb_translit_scheme *scheme)
{
	static const char *const names[] = {
		"buckwalter", "safe-buckwalter", "xml-buckwalter", "latin"
	};
	size_t i;
	for (i = 0; i < COUNT(names); i++) {
		if (strcmp(name, names[i]) == 0) {
			*scheme = (kb_translit_scheme)i;
			return KB_OK;
		}
	}
	return KB_EINVAL;
}

/* Both directions as two small tables built per call on the stack:
 * cheaper than searching the pairs for every character. */
typedef struct {
	char forward[0x06B0 - 0x0621];
	int32_t reverse[128];
} bw_tables;

static void build_tables(kb_translit_scheme scheme, bw_tables *t)
{
	size_t i;
	for (i = 0; i < COUNT(t->forward); i++)
		t->forward[i] = to_ascii(scheme, (int32_t)(0x0621 + i));
	for (i = 0; i < 128; i++)
		t->reverse[i] = -1;
	for (i = 0; i < COUNT(buckwalter); i++) {
		char c = to_ascii(scheme, buckwalter[i].cp);
		t->reverse[(unsigned char)c] = buckwalter[i].cp;
	}
}

kb_status kb_transliterate_buckwalter(kb_translit_scheme scheme, int reverse,
                                      kb_invalid_mode invalid, const char *src, size_t n,
                                      kb_buf *out, size_t *bad_offset)
{
	bw_tables t;
	size_t i = 0;
	const unsigned char *s = (const unsigned char *)src;
	if (scheme == KB_TRANSLIT_LATIN)
		return KB_EINVAL;
	build_tables(scheme, &t);
	if (kb_buf_reserve(out, reverse ? 2 * n : n) != KB_OK)
		return KB_ENOMEM;
	while (i < n) {
		int32_t cp;
		size_t len = kb_utf8_decode(s + i, n - i, &cp);
		char bytes[4];
		size_t k;
		if (cp < 0) {
			if (invalid == KB_INVALID_ERROR) {
				if (bad_offset)
					*bad_offset = i;
				return KB_EUTF8;
			}
			i += len;
			if (invalid == KB_INVALID_DROP)
				continue;
			cp = 0xFFFD;
		} else {
			i += len;
		}
		if (reverse && cp < 128 && t.reverse[cp] >= 0)
			cp = t.reverse[cp];
		else if (!reverse && cp >= 0x0621 && cp < 0x06B0 && t.forward[cp - 0x0621])
			cp = (unsigned char)t.forward[cp - 0x0621];
		k = kb_utf8_encode(cp, bytes);
		if (kb_buf_append(out, bytes, k) != KB_OK)
			return KB_ENOMEM;
	}
	return KB_OK;
}

/* ==================================================================== */
/* ICU's Arabic-Latin                                                    */
/* ==================================================================== */

struct kb_latin_translit {
	UTransliterator *transliterator;
};

kb_status kb_latin_translit_open(kb_latin_translit **translit)
{
	static const char id[] = "Arabic-Latin";
	UChar uid[sizeof id];
	UErrorCode err = U_ZERO_ERROR;
	UParseError parse;
	kb_latin_translit *t = malloc(sizeof *t);
	*translit = NULL;
	if (!t)
		return KB_ENOMEM;
	u_charsToUChars(id, uid, (int32_t)sizeof id);
	t->transliterator = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, &parse, &err);
	if (U_FAILURE(err)) {
		free(t);
		return KB_EICU;
	}
	*translit = t;
	return KB_OK;
}

void kb_latin_translit_close(kb_latin_translit *translit)
{
	if (!translit)
		return;
	utrans_close(translit->transliterator);
	free(translit);
}

/* Transliterates text[0..len) in a buffer of `capacity` units; returns
 * the new length, or -1 when the buffer was too small. */
static int32_t transform(kb_latin_translit *t, UChar *text, int32_t len, int32_t capacity,
                         UErrorCode *err)
{
	int32_t limit = len, text_len = len;
	utrans_transUChars(t->transliterator, text, &text_len, capacity, 0, &limit, err);
	if (*err == U_BUFFER_OVERFLOW_ERROR || text_len > capacity) {
		*err = U_ZERO_ERROR;
		return -1;
	}
	return text_len;
}

static kb_status append_utf16(kb_buf *out, const UChar *text, int32_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t need = 0;
	u_strToUTF8WithSub(NULL, 0, &need, text, len, 0xFFFD, NULL, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return KB_EICU;
	if (kb_buf_reserve(out, (size_t)need + 1) != KB_OK)
		return KB_ENOMEM;
	err = U_ZERO_ERROR;
	u_strToUTF8WithSub(out->data + out->len, need + 1, NULL, text, len, 0xFFFD, NULL, &err);
	if (U_FAILURE(err))
		return KB_EICU;
	out->len += (size_t)need;
	return KB_OK;
}

kb_status kb_transliterate_latin(kb_latin_translit *t, const char *src, size_t n, kb_buf *out)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = 0, capacity, result;
	UChar *original, *work;
	kb_status status;
	if (n > INT32_MAX / 8)
		return KB_ETOOBIG;
	u_strFromUTF8WithSub(NULL, 0, &len, src, (int32_t)n, 0xFFFD, NULL, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return KB_EICU;
	err = U_ZERO_ERROR;
	original = malloc(((size_t)len + 1) * sizeof *original);
	if (!original)
		return KB_ENOMEM;
	u_strFromUTF8WithSub(original, len + 1, NULL, src, (int32_t)n, 0xFFFD, NULL, &err);
	for (capacity = 4 * len + 16;; capacity *= 2) {
		work = U_FAILURE(err) ? NULL : malloc((size_t)capacity * sizeof *work);
		if (!work) {
			free(original);
			return U_FAILURE(err) ? KB_EICU : KB_ENOMEM;
		}
		memcpy(work, original, (size_t)len * sizeof *work);
		result = transform(t, work, len, capacity, &err);
		if (result >= 0 || U_FAILURE(err) || capacity > INT32_MAX / 4)
			break;
		free(work);
	}
	free(original);
	status = U_FAILURE(err) || result < 0 ? KB_EICU : append_utf16(out, work, result);
	free(work);
	return status;
}
