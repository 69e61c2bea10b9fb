/*
 * kb_gazetteer.c: words with folded keys, and lookups in the compiled-in
 * gazetteer (the TSV files of data/gazetteer via tools/gen_gazetteer.py).
 *
 * The entity layer scans words itself rather than through kb_tokenize: it
 * needs the punctuation between words (names end at a comma, dates span a
 * slash) and one fixed fold that the generated tables were built with.
 */
#include "kb_entities_internal.h"

#include <stdlib.h>
#include <string.h>

/* ==================================================================== */
/* Characters                                                            */
/* ==================================================================== */

static int is_mark(int32_t cp)
{
	return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 ||
	       (cp >= 0x06D6 && cp <= 0x06ED) || cp == 0x200C || cp == 0x200D;
}

static int is_arabic_letter(int32_t cp)
{
	return (cp >= 0x0621 && cp <= 0x063F) || (cp >= 0x0641 && cp <= 0x064A) ||
	       (cp >= 0x066E && cp <= 0x066F) || (cp >= 0x0671 && cp <= 0x06D3) ||
	       cp == 0x06D5 || (cp >= 0x06EE && cp <= 0x06EF) || (cp >= 0x06FA && cp <= 0x06FF) ||
	       (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
}

static int digit_value(int32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return cp - '0';
	if (cp >= 0x0660 && cp <= 0x0669)
		return cp - 0x0660;
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return cp - 0x06F0;
	return -1;
}

static int is_latin(int32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static int shape_of(int32_t cp)
{
	if (is_arabic_letter(cp) || is_mark(cp))
		return KB_SHAPE_ARABIC;
	if (digit_value(cp) >= 0)
		return KB_SHAPE_DIGITS;
	if (is_latin(cp))
		return KB_SHAPE_LATIN;
	return 0;
}

static unsigned gap_of(int32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case 0xA0: case 0x200F: case 0x200E: case 0xFEFF: case '\r':
		return 0;
	case 0x060C: case ',': case 0x061B: case ';': case ':':
		return KB_GAP_COMMA;
	case '.': case '!': case '?': case 0x061F: case '\n': case 0x06D4: case 0x2026:
		return KB_GAP_STOP;
	case '"': case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x2018: case 0x2019:
	case '\'':
		return KB_GAP_QUOTE;
	case '(': case ')': case '[': case ']': case '{': case '}':
		return KB_GAP_PAREN;
	case '/':
		return KB_GAP_SLASH;
	default:
		return cp <= 0x20 ? 0 : KB_GAP_OTHER;
	}
}

/* The folded code point, or 0 to drop it. */
static int32_t fold_cp(int32_t cp)
{
	int d;
	if (is_mark(cp))
		return 0;
	switch (cp) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
	case 0x0649: case 0x06CC: case 0x0626: return 0x064A;
	case 0x0629: return 0x0647;
	case 0x0624: return 0x0648;
	case 0x06A9: return 0x0643;
	default: break;
	}
	d = digit_value(cp);
	if (d >= 0)
		return '0' + d;
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	return cp;
}

/* Decodes one code point, with a fast path for ASCII and two-byte forms. */
static size_t decode(const unsigned char *s, size_t n, int32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && s[0] >= 0xC2 && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = ((int32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	return kb_utf8_decode(s, n, cp);
}

size_t kb_fold(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, len = 0;
	while (i < n) {
		int32_t cp;
		char enc[4];
		size_t k;
		i += decode((const unsigned char *)s + i, n - i, &cp);
		if (cp < 0 || (cp = fold_cp(cp)) == 0)
			continue;
		k = kb_utf8_encode(cp, enc);
		if (len + k > cap)
			break;
		memcpy(out + len, enc, k);
		len += k;
	}
	return len;
}

/* ==================================================================== */
/* Words                                                                 */
/* ==================================================================== */

static kb_status push_word(kb_words *w, const kb_word *word)
{
	if (w->count == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		kb_word *items = realloc(w->items, cap * sizeof *items);
		if (!items)
			return KB_ENOMEM;
		w->items = items;
		w->cap = cap;
	}
	w->items[w->count++] = *word;
	return KB_OK;
}

/* A separator inside a number: 1.5, 1,000, ١٫٥ (followed by a digit). */
static int number_separator_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	int32_t cp, next;
	size_t k = decode(s + i, n - i, &cp), k2;
	if (cp != '.' && cp != ',' && cp != 0x066B && cp != 0x066C)
		return 0;
	if (i + k >= n)
		return 0;
	k2 = decode(s + i + k, n - i - k, &next);
	(void)k2;
	*len = k;
	return digit_value(next) >= 0;
}

/* Scans one word of the given shape from s[i..); appends its folded key. */
static kb_status scan_word(kb_words *w, size_t i, int shape, unsigned gap, size_t *end)
{
	const unsigned char *s = (const unsigned char *)w->s;
	kb_word word;
	size_t j = i;
	kb_status st;
	while (j < w->n) {
		int32_t cp;
		size_t k = decode(s + j, w->n - j, &cp), sep;
		if (shape_of(cp) == shape) {
			j += k;
			continue;
		}
		if (shape == KB_SHAPE_DIGITS && number_separator_at(s, w->n, j, &sep)) {
			j += sep;
			continue;
		}
		break;
	}
	word.start = (uint32_t)i;
	word.stop = (uint32_t)j;
	word.shape = (uint8_t)shape;
	word.gap = (uint8_t)gap;
	word.key = (uint32_t)w->keys.len;
	st = kb_buf_reserve(&w->keys, (j - i) + 1);
	if (st != KB_OK)
		return st;
	word.key_len = (uint32_t)kb_fold(w->s + i, j - i, w->keys.data + w->keys.len, j - i);
	w->keys.len += word.key_len;
	*end = j;
	return push_word(w, &word);
}

kb_status kb_words_scan(const char *s, size_t n, kb_words *w)
{
	size_t i = 0;
	unsigned gap = 0;
	w->s = s;
	w->n = n;
	if (n > UINT32_MAX)
		return KB_ETOOBIG;
	while (i < n) {
		int32_t cp;
		size_t k = decode((const unsigned char *)s + i, n - i, &cp);
		int shape = cp < 0 ? 0 : shape_of(cp);
		if (shape) {
			kb_status st = scan_word(w, i, shape, gap, &i);
			if (st != KB_OK)
				return st;
			gap = 0;
			continue;
		}
		gap |= cp < 0 ? KB_GAP_OTHER : gap_of(cp);
		i += k;
	}
	return KB_OK;
}

void kb_words_free(kb_words *w)
{
	free(w->items);
	kb_buf_free(&w->keys);
	w->items = NULL;
	w->count = w->cap = 0;
}

uint32_t kb_word_offset_after(const kb_words *w, size_t i, size_t letters)
{
	const unsigned char *s = (const unsigned char *)w->s;
	size_t j = w->items[i].start, stop = w->items[i].stop, seen = 0;
	while (j < stop) {
		int32_t cp;
		size_t k = decode(s + j, stop - j, &cp);
		if (!is_mark(cp)) {
			if (seen == letters)
				break;
			seen++;
		}
		j += k;
	}
	return (uint32_t)j;
}

/* ==================================================================== */
/* Gazetteer                                                             */
/* ==================================================================== */

#define ENTRY_COUNT (sizeof kb_gazetteer_entries / sizeof kb_gazetteer_entries[0])

static int compare_key(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return c;
	return an < bn ? -1 : an > bn;
}

const kb_gazetteer_entry *kb_gazetteer_find(const char *key, size_t n)
{
	size_t lo = 0, hi = ENTRY_COUNT;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const kb_gazetteer_entry *e = &kb_gazetteer_entries[mid];
		int c = compare_key(key, n, e->key, e->len);
		if (c == 0)
			return e;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

#define STARTS(p, n, b1, b2) ((n) >= 2 && (unsigned char)(p)[0] == (b1) && (unsigned char)(p)[1] == (b2))

size_t kb_clitic_forms(const char *key, size_t n, kb_clitic_form forms[3])
{
	size_t count = 0, letters = 0;
	const char *p = key;
	if (n > sizeof forms[0].text)
		return 0;
	memcpy(forms[count].text, key, n);
	forms[count].len = n;
	forms[count++].letters = 0;
	if ((STARTS(p, n, 0xD9, 0x88) || STARTS(p, n, 0xD9, 0x81)) && n >= 6) {
		p += 2, n -= 2, letters++;
		memcpy(forms[count].text, p, n);
		forms[count].len = n;
		forms[count++].letters = letters;
	}
	if ((STARTS(p, n, 0xD8, 0xA8) || STARTS(p, n, 0xD9, 0x83) || STARTS(p, n, 0xD9, 0x84)) &&
	    n >= 6) {
		if (STARTS(p + 2, n - 2, 0xD9, 0x84)) {
			/* لل: the preposition ل before ال, whose alef is not written */
			forms[count].text[0] = (char)0xD8;
			forms[count].text[1] = (char)0xA7;
			memcpy(forms[count].text + 2, p + 2, n - 2);
			forms[count].len = n;
		} else {
			memcpy(forms[count].text, p + 2, n - 2);
			forms[count].len = n - 2;
		}
		forms[count++].letters = letters + 1;
	}
	return count;
}

/* Extends a phrase starting with `form` over the following words as long as
 * the gazetteer knows a longer phrase; records the longest entry with kinds. */
static size_t longest_phrase(const kb_words *w, size_t i, const kb_clitic_form *form,
                             unsigned kinds, size_t max_words,
                             const kb_gazetteer_entry **best)
{
	char phrase[256];
	size_t len = form->len, words = 1, best_words = 0;
	const kb_gazetteer_entry *e;
	memcpy(phrase, form->text, len);
	for (;;) {
		const kb_word *next;
		e = kb_gazetteer_find(phrase, len);
		if (!e)
			break;
		if (e->kinds & kinds) {
			*best = e;
			best_words = words;
		}
		if (!(e->kinds & KB_GZ_PREFIX) || words >= max_words || i + words >= w->count)
			break;
		next = &w->items[i + words];
		if ((next->gap & KB_GAP_ANY) || len + 1 + next->key_len > sizeof phrase)
			break;
		phrase[len++] = ' ';
		memcpy(phrase + len, kb_word_key(w, i + words), next->key_len);
		len += next->key_len;
		words++;
	}
	return best_words;
}

int kb_gazetteer_match_at(const kb_words *w, size_t i, unsigned kinds, size_t max_words,
                          kb_gazetteer_match *match)
{
	kb_clitic_form forms[3];
	size_t count, f;
	const kb_word *word = &w->items[i];
	if (word->shape != KB_SHAPE_ARABIC && word->shape != KB_SHAPE_LATIN)
		return 0;
	count = kb_clitic_forms(kb_word_key(w, i), word->key_len, forms);
	match->words = 0;
	for (f = 0; f < count; f++) {
		const kb_gazetteer_entry *e = NULL;
		size_t words = longest_phrase(w, i, &forms[f], kinds, max_words, &e);
		if (words > match->words) {
			match->entry = e;
			match->words = words;
			match->prefix_letters = forms[f].letters;
		}
	}
	if (!match->words)
		return 0;
	match->start = match->prefix_letters
	               ? kb_word_offset_after(w, i, match->prefix_letters) : word->start;
	return 1;
}

unsigned kb_gazetteer_kinds(const kb_words *w, size_t i, const kb_gazetteer_entry **entry)
{
	kb_gazetteer_match m;
	if (!kb_gazetteer_match_at(w, i, (unsigned)~KB_GZ_PREFIX & 0xFFFFu, 1, &m))
		return 0;
	if (entry)
		*entry = m.entry;
	return m.entry->kinds;
}
