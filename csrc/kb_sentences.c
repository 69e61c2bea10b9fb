/*
 * kb_sentences.c: sentence spans. A sentence ends after . ! ? ؟ … ۔ (and any
 * closing quotes or brackets right after them) when whitespace or the end
 * of the text follows, and at every line break (news text puts paragraphs
 * on lines). Terminators do not end a sentence inside a number (3.5),
 * a URL or an e-mail address, after an abbreviation (a single letter such as
 * د. or J., or Mr. Dr. etc.), or inside a quotation or brackets closed
 * within QUOTE_REACH bytes on the same line, unless the terminator is the
 * last thing before the closing mark.
 *
 * One pass, linear: a quotation is searched for its closing mark at most
 * QUOTE_REACH bytes ahead, and scanning resumes after that mark.
 */
#include "kb.h"

#include <stdlib.h>
#include <string.h>

#define QUOTE_REACH 2000

typedef struct {
	const unsigned char *s;
	size_t n;
} text;

static int32_t char_at(const text *t, size_t i, size_t *len)
{
	int32_t cp;
	if (t->s[i] < 0x80) {
		*len = 1;
		return t->s[i];
	}
	*len = kb_utf8_decode(t->s + i, t->n - i, &cp);
	return cp;
}

static int is_terminator(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x61F || cp == 0x2026 || cp == 0x6D4 ||
	       cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049;
}

static int is_closer(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0xBB || cp == 0x201D ||
	       cp == 0x2019 || cp == 0x203A || cp == 0xFD3F;
}

static int is_line_break(int32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x2029 || cp == 0x2028 || cp == 0x85;
}

static int is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == 0xA0 || is_line_break(cp) ||
	       (cp >= 0x2000 && cp <= 0x200F) || cp == 0x202F || cp == 0x3000 || cp == 0xFEFF;
}

static int is_digit_byte(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The closing mark of an opening one, or 0. */
static int32_t closer_of(int32_t cp)
{
	switch (cp) {
	case 0xAB: return 0xBB;
	case 0x201C: return 0x201D;
	case '(': return ')';
	case '[': return ']';
	case 0xFD3E: return 0xFD3F;
	case '"': return '"';
	default: return 0;
	}
}

/* Where the quotation opened at i closes (the closing mark's offset), or 0. */
static size_t quotation_end(const text *t, size_t i, int32_t closer)
{
	size_t j, len, limit = t->n - i > QUOTE_REACH ? i + QUOTE_REACH : t->n;
	char_at(t, i, &len);
	for (j = i + len; j < limit; j += len) {
		int32_t cp = char_at(t, j, &len);
		if (cp == closer)
			return j;
		if (is_line_break(cp))
			return 0;
	}
	return 0;
}

/* A '"' opens a quotation at the start or after a space or punctuation. */
static int opens_here(const text *t, size_t i, int32_t cp)
{
	unsigned char before;
	if (cp != '"')
		return 1;
	if (i == 0)
		return 1;
	before = t->s[i - 1];
	return before < 0x80 && !is_digit_byte(before) && !((before | 0x20) >= 'a' && (before | 0x20) <= 'z');
}

/* The end of a URL or e-mail address running from i (its next space). */
static size_t skip_address(const text *t, size_t i)
{
	size_t len;
	while (i < t->n && !is_space(char_at(t, i, &len)))
		i += len;
	return i;
}

static int starts_address(const text *t, size_t i)
{
	static const char *const schemes[] = {"http://", "https://", "www.", NULL};
	size_t k;
	if (i > 0 && !is_space(t->s[i - 1]) && t->s[i - 1] != '(')
		return 0;
	for (k = 0; schemes[k]; k++) {
		size_t m = strlen(schemes[k]);
		if (t->n - i >= m && memcmp(t->s + i, schemes[k], m) == 0)
			return 1;
	}
	return 0;
}

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || is_digit_byte(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
}

/* The word right before a '.' at i is an abbreviation: one letter (د. م.
 * J.), or a common Latin title or short form. */
static int after_abbreviation(const text *t, size_t i)
{
	static const char *const short_forms[] = {"mr", "mrs", "ms", "dr", "prof", "st", "inc", "ltd",
	                                          "co", "jr", "sr", "vs", "etc", "no", "gen", "col",
	                                          "lt", "sgt", "capt", "gov", "sen", "rep", "eg", "ie", NULL};
	size_t start = i, len, k, j;
	int32_t cp;
	while (start > 0 && is_word_byte(t->s[start - 1]))
		start--;
	if (start == i)
		return 0;
	cp = char_at(t, start, &len);
	if (start + len == i && !(cp >= '0' && cp <= '9'))
		return 1;
	if (i - start > 4)
		return 0;
	for (k = 0; short_forms[k]; k++) {
		if (strlen(short_forms[k]) != i - start)
			continue;
		for (j = 0; j < i - start && (t->s[start + j] | 0x20) == (unsigned char)short_forms[k][j]; j++)
			;
		if (j == i - start)
			return 1;
	}
	return 0;
}

/* If a sentence ends at the terminator at i, the offset after it (with its
 * run of terminators and closing marks); otherwise 0. */
static size_t sentence_end(const text *t, size_t i)
{
	size_t j = i, len;
	int32_t cp = char_at(t, i, &len);
	if (cp == '.' && i > 0 && is_digit_byte(t->s[i - 1]) && i + 1 < t->n && is_digit_byte(t->s[i + 1]))
		return 0;
	if (cp == '.' && after_abbreviation(t, i))
		return 0;
	while (j < t->n && is_terminator(char_at(t, j, &len)))
		j += len;
	while (j < t->n && is_closer(char_at(t, j, &len)))
		j += len;
	if (j < t->n && !is_space(char_at(t, j, &len)))
		return 0;
	return j;
}

/* A terminator is the last thing before the closing mark at c. */
static int ends_before(const text *t, size_t open, size_t c)
{
	size_t j = c;
	while (j > open + 1 && (t->s[j - 1] == ' '))
		j--;
	if (j <= open + 1)
		return 0;
	if (t->s[j - 1] == '.' || t->s[j - 1] == '!' || t->s[j - 1] == '?')
		return 1;
	/* ؟ … ۔ end in the bytes 9F, A6, 94 */
	return j >= open + 3 && (memcmp(t->s + j - 2, "\xD8\x9F", 2) == 0 ||
	                         memcmp(t->s + j - 2, "\xDB\x94", 2) == 0 ||
	                         (j >= open + 4 && memcmp(t->s + j - 3, "\xE2\x80\xA6", 3) == 0));
}

static kb_status push_span(kb_spans *out, const text *t, size_t start, size_t stop)
{
	size_t len;
	while (start < stop && is_space(char_at(t, start, &len)))
		start += len;
	while (stop > start && (t->s[stop - 1] == ' ' || t->s[stop - 1] == '\t' || t->s[stop - 1] == '\n' ||
	                        t->s[stop - 1] == '\r'))
		stop--;
	if (start >= stop)
		return KB_OK;
	if (out->count == out->cap) {
		size_t cap = out->cap ? 2 * out->cap : 16;
		kb_span *items = realloc(out->items, cap * sizeof *items);
		if (!items)
			return KB_ENOMEM;
		out->items = items;
		out->cap = cap;
	}
	out->items[out->count].start = (uint32_t)start;
	out->items[out->count++].stop = (uint32_t)stop;
	return KB_OK;
}

kb_status kb_sentences(const char *s, size_t n, kb_spans *out)
{
	text t;
	size_t i = 0, start = 0, len, end, c;
	kb_status status = KB_OK;
	if (n > UINT32_MAX)
		return KB_ETOOBIG;
	t.s = (const unsigned char *)s;
	t.n = n;
	while (i < n && status == KB_OK) {
		int32_t cp = char_at(&t, i, &len), closer = closer_of(cp);
		if (is_line_break(cp)) {
			status = push_span(out, &t, start, i);
			start = i += len;
		} else if (is_terminator(cp) && (end = sentence_end(&t, i)) > 0) {
			status = push_span(out, &t, start, end);
			start = i = end;
		} else if (closer && opens_here(&t, i, cp) && (c = quotation_end(&t, i, closer)) > 0) {
			if (ends_before(&t, i, c) && (end = sentence_end(&t, c)) > 0) {
				status = push_span(out, &t, start, end);
				start = i = end;
			} else {
				char_at(&t, c, &len);
				i = c + len;
			}
		} else if ((cp == 'h' || cp == 'w') && starts_address(&t, i)) {
			i = skip_address(&t, i);
			if (is_terminator(t.s[i - 1]))   /* a URL at the end of a sentence */
				i--;
		} else {
			i += len;
		}
	}
	if (status == KB_OK)
		status = push_span(out, &t, start, n);
	return status;
}

void kb_spans_free(kb_spans *spans)
{
	free(spans->items);
	spans->items = NULL;
	spans->count = spans->cap = 0;
}
