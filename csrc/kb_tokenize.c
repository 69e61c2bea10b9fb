/*
 * kb_tokenize.c: words, numbers, punctuation, Latin runs, symbols, URLs,
 * e-mail addresses, mentions and hashtags, each with its search form
 * (kb_normalize, "search" profile) and, for Arabic words, its clitics
 * (kb_segment.c).
 *
 * Speed: one pass; ASCII bytes are classified without decoding; the search
 * form of the common characters (Arabic letters, ASCII) is asked of
 * kb_normalize once per call and then copied from a small per-call cache, so
 * a token costs no allocation beyond the growing output arrays. Tokens with
 * marks, tatweel, presentation forms or anything rarer go through
 * kb_normalize whole (composition makes those context-dependent).
 *
 * Invalid UTF-8: each maximal invalid subsequence becomes a symbol token of
 * its own (search form U+FFFD); nothing is dropped and nothing crashes.
 */
#define _DEFAULT_SOURCE   /* MADV_HUGEPAGE, beside -D_POSIX_C_SOURCE */
#include "kb_tokenize_internal.h"

#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* ------------------------------------------------------------------ */
/* Character classes                                                   */
/* ------------------------------------------------------------------ */

enum { C_SPACE, C_LETTER, C_MARK, C_DIGIT, C_LATIN, C_PUNCT, C_SYMBOL, C_JOINER };

static int is_arabic_letter(int32_t cp)
{
	return (cp >= 0x621 && cp <= 0x63F) || (cp >= 0x641 && cp <= 0x64A) ||
	       (cp >= 0x66E && cp <= 0x66F) || (cp >= 0x671 && cp <= 0x6D3) || cp == 0x6D5 ||
	       (cp >= 0x6EE && cp <= 0x6EF) || (cp >= 0x6FA && cp <= 0x6FF) ||
	       (cp >= 0x750 && cp <= 0x77F) || (cp >= 0x8A0 && cp <= 0x8C9) ||
	       (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
}

/* Harakat, Quranic marks and tatweel: they stay inside the word they follow. */
static int is_arabic_mark(int32_t cp)
{
	return (cp >= 0x610 && cp <= 0x61A) || (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 ||
	       cp == 0x640 || (cp >= 0x6D6 && cp <= 0x6ED) || (cp >= 0x8CA && cp <= 0x8FF);
}

static int is_space_or_invisible(int32_t cp)
{
	return cp == 0x85 || cp == 0xA0 || cp == 0xAD || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
	       (cp >= 0x200E && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) || cp == 0x205F ||
	       (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF || cp == 0x61C;
}

static int is_unicode_punct(int32_t cp)
{
	return cp == 0x60C || cp == 0x61B || cp == 0x61F || cp == 0x6D4 || cp == 0x61E ||
	       cp == 0x66B || cp == 0x66C || cp == 0xAB || cp == 0xBB || cp == 0xA1 || cp == 0xBF ||
	       cp == 0xB7 || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
	       (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0xFD3E && cp <= 0xFD3F) ||
	       (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE4F);
}

static int is_other_letter(int32_t cp)
{
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F) ||
	       (cp >= 0x1E00 && cp <= 0x1FFF);
}

static int classify(int32_t cp)
{
	if (cp < 0)
		return C_SYMBOL;
	if (cp < 0x80) {
		if (cp <= ' ' || cp == 0x7F)
			return C_SPACE;
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
			return C_LATIN;
		if (cp >= '0' && cp <= '9')
			return C_DIGIT;
		return strchr("$%+<=>^`|~&*\\", (int)cp) ? C_SYMBOL : C_PUNCT;
	}
	if (is_arabic_letter(cp))
		return C_LETTER;
	if (is_arabic_mark(cp))
		return C_MARK;
	if ((cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9))
		return C_DIGIT;
	if (cp == 0x200C || cp == 0x200D)
		return C_JOINER;
	if (is_space_or_invisible(cp))
		return C_SPACE;
	if (is_unicode_punct(cp))
		return C_PUNCT;
	if (is_other_letter(cp))
		return C_LATIN;
	return C_SYMBOL;
}

/* ------------------------------------------------------------------ */
/* The tokenizer's state for one call                                  */
/* ------------------------------------------------------------------ */

#define CACHE_UNKNOWN 0xFF
#define CACHE_SLOW 0xFE

/* The search form of one character, asked of kb_normalize on first use. */
typedef struct {
	unsigned char len;
	char bytes[3];
} cached_char;

/* Words repeat (Zipf): a direct-mapped table of the words already seen in
 * this call gives the search form and clitics of most tokens without
 * normalizing or segmenting them again. Only for inputs of MEMO_MIN_INPUT
 * bytes or more, where it pays for its allocation. */
#define MEMO_BITS 13
#define MEMO_RAW 21
#define MEMO_MIN_INPUT 16384

typedef struct {
	unsigned char raw_len, norm_len, prefix_len, suffix_len, stem_start, stem_stop;
	char raw[MEMO_RAW], norm[MEMO_RAW];
} memo_entry;

/* The entries, and beside them a dense array of 16-bit tags (hash bits,
 * 0 for empty) checked first, so a miss touches no entry. */
typedef struct {
	uint16_t tags[1u << MEMO_BITS];
	memo_entry entries[1u << MEMO_BITS];
} memo_table;

typedef struct {
	const unsigned char *s;
	size_t n;
	kb_tokens *out;
	memo_table *memo;          /* NULL for short inputs */
	kb_norm_options opts;
	kb_offset_map map;
	cached_char ascii[128];
	cached_char arabic[256];   /* U+0600..U+06FF */
	/* Origin of each letter of the current word's search form. */
	uint32_t letter_start[KB_SEG_MAX_LETTERS + 1], letter_stop[KB_SEG_MAX_LETTERS + 1];
	size_t letters;            /* KB_SEG_MAX_LETTERS + 1 once the word is too long */
} tokenizer;

static inline size_t decode(const tokenizer *t, size_t i, int32_t *cp)
{
	const unsigned char *p = t->s + i;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	/* The Arabic block, most of the text: two bytes, no function call. */
	if ((p[0] == 0xD8 || p[0] == 0xD9) && i + 1 < t->n && (p[1] & 0xC0) == 0x80) {
		*cp = ((int32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	return kb_utf8_decode(p, t->n - i, cp);
}

/* ------------------------------------------------------------------ */
/* Search forms                                                        */
/* ------------------------------------------------------------------ */

static cached_char *cache_slot(tokenizer *t, int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return &t->ascii[cp];
	if (cp >= 0x600 && cp < 0x700 && !is_arabic_mark(cp) && cp != 0x670)
		return &t->arabic[cp - 0x600];
	return NULL;
}

static kb_status cache_fill(tokenizer *t, cached_char *slot, const unsigned char *bytes, size_t len)
{
	kb_buf tmp = {NULL, 0, 0};
	size_t bad;
	kb_status status = kb_normalize(&t->opts, (const char *)bytes, len, &tmp, NULL, &bad);
	if (status != KB_OK) {
		kb_buf_free(&tmp);
		return status;
	}
	if (tmp.len <= sizeof slot->bytes) {
		slot->len = (unsigned char)tmp.len;
		if (tmp.len)
			memcpy(slot->bytes, tmp.data, tmp.len);
	} else {
		slot->len = CACHE_SLOW;
	}
	kb_buf_free(&tmp);
	return KB_OK;
}

static void note_letter(tokenizer *t, size_t start, size_t stop)
{
	if (t->letters <= KB_SEG_MAX_LETTERS) {
		t->letter_start[t->letters] = (uint32_t)start;
		t->letter_stop[t->letters] = (uint32_t)stop;
	}
	if (t->letters <= KB_SEG_MAX_LETTERS)
		t->letters++;
}

/* Appends the search form of s[start..stop) from the cache; 1 if every
 * character was cacheable, 0 (output rolled back) otherwise. */
static int fast_search_form(tokenizer *t, size_t start, size_t stop, kb_status *status)
{
	kb_buf *text = &t->out->text;
	size_t before = text->len, i = start;
	/* A cached form is at most 3 bytes, for a character of at least 1. */
	if ((*status = kb_buf_reserve(text, 3 * (stop - start))) != KB_OK)
		return 0;
	t->letters = 0;
	while (i < stop) {
		int32_t cp;
		size_t len = decode(t, i, &cp);
		cached_char *slot = cache_slot(t, cp);
		if (!slot)
			break;
		if (slot->len == CACHE_UNKNOWN && (*status = cache_fill(t, slot, t->s + i, len)) != KB_OK)
			break;
		if (slot->len == CACHE_SLOW)
			break;
		if (slot->len == 2) {
			text->data[text->len] = slot->bytes[0];
			text->data[text->len + 1] = slot->bytes[1];
		} else if (slot->len != 0) {
			memcpy(text->data + text->len, slot->bytes, slot->len);
		}
		text->len += slot->len;
		if (slot->len == 2)
			note_letter(t, i, i + len);
		else if (slot->len != 0)
			t->letters = KB_SEG_MAX_LETTERS + 1;
		i += len;
	}
	if (i == stop)
		return 1;
	text->len = before;
	return 0;
}

static kb_status slow_search_form(tokenizer *t, size_t start, size_t stop)
{
	size_t bad, before = t->out->text.len, i;
	kb_status status = kb_normalize(&t->opts, (const char *)t->s + start, stop - start,
	                                &t->out->text, &t->map, &bad);
	size_t len = t->out->text.len - before;
	if (status != KB_OK)
		return status;
	t->letters = len / 2 <= KB_SEG_MAX_LETTERS && len % 2 == 0 ? len / 2 : KB_SEG_MAX_LETTERS + 1;
	for (i = 0; i < t->letters && i <= KB_SEG_MAX_LETTERS && 2 * i + 1 < t->map.len; i++) {
		t->letter_start[i] = (uint32_t)(start + t->map.start[2 * i]);
		t->letter_stop[i] = (uint32_t)(start + t->map.stop[2 * i + 1]);
	}
	return KB_OK;
}

/* ------------------------------------------------------------------ */
/* Clitics                                                             */
/* ------------------------------------------------------------------ */

static int32_t original_char(const tokenizer *t, uint32_t at)
{
	int32_t cp;
	decode(t, at, &cp);
	return cp;
}

/* What the search form lost: hamzated alefs (no article) and ة (no pronoun). */
static unsigned segment_hints(const tokenizer *t, size_t letters)
{
	unsigned hints = 0;
	size_t k;
	int32_t last;
	for (k = 0; k < letters && k < 4; k++) {
		int32_t cp = original_char(t, t->letter_start[k]);
		if (cp == 0x622 || cp == 0x623 || cp == 0x625 || (cp >= 0xFE81 && cp <= 0xFE88))
			hints |= 1u << (KB_SEG_HAMZA_ALEF_SHIFT + k);
	}
	last = original_char(t, t->letter_start[letters - 1]);
	if (last == 0x629 || last == 0xFE93 || last == 0xFE94 || last == 0x6C0 || last == 0x6D5)
		hints |= KB_SEG_FINAL_TEH_MARBUTA;
	return hints;
}

static void segment_word(tokenizer *t, kb_token *tk)
{
	unsigned char code[KB_SEG_MAX_LETTERS];
	size_t letters, prefix = 0, suffix = 0;
	if (t->letters > KB_SEG_MAX_LETTERS)
		return;
	if (tk->norm_len == 0)
		return;   /* nothing to segment, and the text buffer may still be NULL */
	letters = kb_segment_encode(t->out->text.data + tk->norm, tk->norm_len, code);
	if (letters == 0 || letters != t->letters)
		return;
	kb_segment_letters(code, letters, segment_hints(t, letters), &prefix, &suffix);
	if (prefix > 0)
		tk->stem_start = t->letter_start[prefix];
	if (suffix > 0)
		tk->stem_stop = t->letter_stop[letters - suffix - 1];
	tk->prefix_len = (uint16_t)(2 * prefix);
	tk->suffix_len = (uint16_t)(2 * suffix);
}

/* ------------------------------------------------------------------ */
/* Emitting tokens                                                     */
/* ------------------------------------------------------------------ */

/* Four bytes a step: words are short, and this runs for every one. */
static uint32_t hash_bytes(const unsigned char *s, size_t n)
{
	uint32_t h = (uint32_t)n * 0x9E3779B1u;
	size_t i = 0;
	for (; i + 4 <= n; i += 4) {
		uint32_t chunk;
		memcpy(&chunk, s + i, 4);
		h = (h ^ chunk) * 0x9E3779B1u;
		h ^= h >> 15;
	}
	for (; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h ^ (h >> 16);
}

typedef struct {
	memo_entry *entry;
	uint16_t *tag_slot;
	uint16_t tag;
} memo_ref;

static int memo_find(const tokenizer *t, size_t start, size_t stop, memo_ref *ref)
{
	uint32_t h;
	if (!t->memo || stop - start > MEMO_RAW)
		return 0;
	h = hash_bytes(t->s + start, stop - start);
	ref->entry = &t->memo->entries[h & ((1u << MEMO_BITS) - 1)];
	ref->tag_slot = &t->memo->tags[h & ((1u << MEMO_BITS) - 1)];
	ref->tag = (uint16_t)((h >> 16) | 1);
	return 1;
}

static int same_bytes(const char *a, const unsigned char *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if ((unsigned char)a[i] != b[i])
			return 0;
	return 1;
}

/* A word seen before: its token from the memo, or 0. */
static int emit_remembered(tokenizer *t, const memo_ref *ref, size_t start, size_t stop)
{
	kb_tokens *out = t->out;
	const memo_entry *e = ref->entry;
	kb_token *tk;
	if (*ref->tag_slot != ref->tag || e->raw_len != stop - start ||
	    !same_bytes(e->raw, t->s + start, stop - start) ||
	    kb_buf_reserve(&out->text, e->norm_len) != KB_OK)
		return 0;
	tk = &out->items[out->count++];
	tk->start = (uint32_t)start;
	tk->stop = (uint32_t)stop;
	tk->stem_start = (uint32_t)(start + e->stem_start);
	tk->stem_stop = (uint32_t)(start + e->stem_stop);
	tk->norm = (uint32_t)out->text.len;
	tk->norm_len = e->norm_len;
	tk->prefix_len = e->prefix_len;
	tk->suffix_len = e->suffix_len;
	tk->kind = KB_TOKEN_WORD;
	memcpy(out->text.data + out->text.len, e->norm, e->norm_len);
	out->text.len += e->norm_len;
	return 1;
}

static void remember(tokenizer *t, const memo_ref *ref, const kb_token *tk)
{
	memo_entry *e = ref->entry;
	if (tk->norm_len > MEMO_RAW)
		return;
	*ref->tag_slot = ref->tag;
	e->raw_len = (unsigned char)(tk->stop - tk->start);
	memcpy(e->raw, t->s + tk->start, e->raw_len);
	e->norm_len = (unsigned char)tk->norm_len;
	memcpy(e->norm, t->out->text.data + tk->norm, tk->norm_len);
	e->prefix_len = (unsigned char)tk->prefix_len;
	e->suffix_len = (unsigned char)tk->suffix_len;
	e->stem_start = (unsigned char)(tk->stem_start - tk->start);
	e->stem_stop = (unsigned char)(tk->stem_stop - tk->start);
}

static kb_status emit(tokenizer *t, size_t start, size_t stop, int kind)
{
	kb_tokens *out = t->out;
	kb_token *tk;
	kb_status status;
	size_t before = out->text.len;
	memo_ref memo;
	int memo_usable = 0;
	if (out->count == out->cap) {
		size_t cap = out->cap ? 2 * out->cap : 64;
		kb_token *items = realloc(out->items, cap * sizeof *items);
		if (!items)
			return KB_ENOMEM;
		out->items = items;
		out->cap = cap;
	}
	if (kind == KB_TOKEN_WORD && (memo_usable = memo_find(t, start, stop, &memo)) &&
	    emit_remembered(t, &memo, start, stop))
		return KB_OK;
	if (!fast_search_form(t, start, stop, &status)) {
		if (status != KB_OK || (status = slow_search_form(t, start, stop)) != KB_OK)
			return status;
	}
	tk = &out->items[out->count++];
	tk->start = tk->stem_start = (uint32_t)start;
	tk->stop = tk->stem_stop = (uint32_t)stop;
	tk->norm = (uint32_t)before;
	tk->norm_len = (uint32_t)(out->text.len - before);
	tk->prefix_len = tk->suffix_len = 0;
	tk->kind = (uint8_t)kind;
	if (kind == KB_TOKEN_WORD)
		segment_word(t, tk);
	if (memo_usable)
		remember(t, &memo, tk);
	return KB_OK;
}

/* ------------------------------------------------------------------ */
/* Scanners: each returns the end of the token starting at i           */
/* ------------------------------------------------------------------ */

static inline int class_at(const tokenizer *t, size_t i, size_t *len)
{
	int32_t cp;
	*len = decode(t, i, &cp);
	if ((cp >= 0x621 && cp <= 0x63A) || (cp >= 0x641 && cp <= 0x64A))
		return C_LETTER;
	return classify(cp);
}

/* Arabic letters with their marks; ZWNJ and ZWJ only between them. */
/* The common letters, tatweel and harakat (U+0621..U+063A, U+0640..U+065F),
 * two bytes each, recognised without decoding. */
static size_t skip_plain_arabic(const unsigned char *s, size_t i, size_t n)
{
	while (i + 1 < n) {
		unsigned lead = s[i], next = s[i + 1];
		if (lead == 0xD8 ? (next < 0xA1 || next > 0xBA) : (lead != 0xD9 || next < 0x80 || next > 0x9F))
			break;
		i += 2;
	}
	return i;
}

static size_t scan_word(const tokenizer *t, size_t i)
{
	size_t len;
	while (i < t->n) {
		int c;
		i = skip_plain_arabic(t->s, i, t->n);
		if (i >= t->n)
			break;
		c = class_at(t, i, &len);
		if (c == C_JOINER) {
			size_t next;
			if (i + len >= t->n || ((c = class_at(t, i + len, &next)) != C_LETTER && c != C_MARK))
				break;
		} else if (c != C_LETTER && c != C_MARK) {
			break;
		}
		i += len;
	}
	return i;
}

static int is_ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static size_t scan_latin(const tokenizer *t, size_t i)
{
	size_t len;
	while (i < t->n) {
		int c = class_at(t, i, &len);
		if (c != C_LATIN && !(c == C_DIGIT && t->s[i] < 0x80))
			break;
		i += len;
	}
	return i;
}

/* Digits, with . , ٫ ٬ between two digits (3.5, 1,000). */
static size_t scan_number(const tokenizer *t, size_t i)
{
	size_t len;
	while (i < t->n) {
		int32_t cp;
		int c = class_at(t, i, &len);
		if (c == C_DIGIT) {
			i += len;
			continue;
		}
		decode(t, i, &cp);
		if ((cp == '.' || cp == ',' || cp == 0x66B || cp == 0x66C) && i + len < t->n) {
			size_t next;
			if (class_at(t, i + len, &next) == C_DIGIT) {
				i += len;
				continue;
			}
		}
		break;
	}
	return i;
}

static int has_prefix(const tokenizer *t, size_t i, const char *p)
{
	size_t k = strlen(p), j;
	if (t->n - i < k)
		return 0;
	for (j = 0; j < k; j++)
		if ((t->s[i + j] | (p[j] >= 'a' ? 0x20 : 0)) != (unsigned char)p[j])
			return 0;
	return 1;
}

/* A URL runs to the next space or bracket; final punctuation is not part of it. */
static size_t scan_url(const tokenizer *t, size_t i)
{
	size_t len, end;
	while (i < t->n) {
		int32_t cp;
		len = decode(t, i, &cp);
		if (classify(cp) == C_SPACE || cp < 0 || strchr("<>\"", (int)(cp < 0x80 ? cp : 'x')) ||
		    cp == 0xAB || cp == 0xBB || cp == 0x60C)
			break;
		i += len;
	}
	end = i;
	while (end > 0 && strchr(".,;:!?)]}'", t->s[end - 1]) && t->s[end - 1] != 0)
		end--;
	return end;
}

static int is_email_local(unsigned char c)
{
	return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* name@domain.tld starting at i, or i when there is none. */
static size_t scan_email(const tokenizer *t, size_t i)
{
	size_t j = i, k, dot = 0;
	while (j < t->n && is_email_local(t->s[j]))
		j++;
	if (j == i || j >= t->n || t->s[j] != '@')
		return i;
	for (k = j + 1; k < t->n && (is_ascii_alnum(t->s[k]) || t->s[k] == '-' || t->s[k] == '.'); k++)
		if (t->s[k] == '.' && k + 1 < t->n && is_ascii_alnum(t->s[k + 1]))
			dot = k;
	while (k > j + 1 && t->s[k - 1] == '.')
		k--;
	return dot > j + 1 ? k : i;
}

/* @name or #tag: ASCII letters, digits, _ and Arabic letters with their marks. */
static size_t scan_handle(const tokenizer *t, size_t i)
{
	size_t len;
	i++;
	while (i < t->n) {
		int c = class_at(t, i, &len);
		if (!(c == C_LETTER || c == C_MARK || c == C_DIGIT || c == C_LATIN || t->s[i] == '_'))
			break;
		i += len;
	}
	return i;
}

static size_t scan_punct(const tokenizer *t, size_t i, size_t len)
{
	size_t j = i + len;
	/* A run of one ASCII mark is one token: ... !! ?? -- */
	if (len == 1)
		while (j < t->n && t->s[j] == t->s[i])
			j++;
	return j;
}

/* ------------------------------------------------------------------ */
/* The main loop                                                       */
/* ------------------------------------------------------------------ */

static kb_status next_token(tokenizer *t, size_t *pos)
{
	size_t i = *pos, len, end, email;
	int c, kind = KB_TOKEN_SYMBOL;
	if (t->s[i] == ' ') {
		*pos = i + 1;
		return KB_OK;
	}
	c = class_at(t, i, &len);
	end = i + len;
	switch (c) {
	case C_SPACE:
		*pos = end;
		return KB_OK;
	case C_LETTER:
		end = scan_word(t, i);
		kind = KB_TOKEN_WORD;
		break;
	case C_DIGIT:
	case C_LATIN:
		if (has_prefix(t, i, "http://") || has_prefix(t, i, "https://") || has_prefix(t, i, "www.")) {
			end = scan_url(t, i);
			kind = KB_TOKEN_URL;
		} else if (t->s[i] < 0x80 && (email = scan_email(t, i)) > i) {
			end = email;
			kind = KB_TOKEN_EMAIL;
		} else if (c == C_DIGIT) {
			end = scan_number(t, i);
			kind = KB_TOKEN_NUMBER;
		} else {
			end = scan_latin(t, i);
			kind = KB_TOKEN_LATIN;
		}
		break;
	case C_PUNCT:
		if ((t->s[i] == '@' || t->s[i] == '#') && (end = scan_handle(t, i)) > i + 1) {
			kind = t->s[i] == '@' ? KB_TOKEN_MENTION : KB_TOKEN_HASHTAG;
			break;
		}
		end = scan_punct(t, i, len);
		kind = KB_TOKEN_PUNCT;
		break;
	default:
		break;  /* a symbol, a lone mark or joiner, or invalid bytes: one code point */
	}
	*pos = end;
	return emit(t, i, end, kind);
}

#define HUGE_PAGE ((size_t)2 << 20)
#define HUGE_TOKENS ((size_t)8 << 20)

/* One allocation up front for a long text (news averages 8 to 9 bytes a
 * token and a search form no longer than the text) instead of a dozen
 * doublings, each copying everything so far. */
static kb_status reserve_output(kb_tokens *out, size_t n)
{
	size_t want = out->count + n / 8 + 64;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	/* Hundreds of megabytes of tokens: on first touch, 4 KiB pages cost a
	 * page fault each, which then dominates; ask for transparent huge pages. */
	if (want > out->cap && out->items == NULL && want * sizeof(kb_token) >= HUGE_TOKENS) {
		void *items = NULL;
		if (posix_memalign(&items, HUGE_PAGE, want * sizeof(kb_token)) != 0)
			return KB_ENOMEM;
		madvise(items, want * sizeof(kb_token), MADV_HUGEPAGE);
		out->items = items;
		out->cap = want;
	}
#endif
	if (want > out->cap) {
		kb_token *items = realloc(out->items, want * sizeof *items);
		if (!items)
			return KB_ENOMEM;
		out->items = items;
		out->cap = want;
	}
	return kb_buf_reserve(&out->text, n);
}

kb_status kb_tokenize(const char *s, size_t n, kb_tokens *out)
{
	tokenizer *t;
	kb_status status = KB_OK;
	size_t pos = 0;
	if (n > UINT32_MAX)
		return KB_ETOOBIG;
	t = malloc(sizeof *t);
	if (!t)
		return KB_ENOMEM;
	t->s = (const unsigned char *)s;
	t->n = n;
	t->out = out;
	t->memo = NULL;
	if (n >= MEMO_MIN_INPUT && ((t->memo = malloc(sizeof *t->memo)) == NULL ||
	                            reserve_output(out, n) != KB_OK)) {
		free(t->memo);
		free(t);
		return KB_ENOMEM;
	}
	if (t->memo)
		memset(t->memo->tags, 0, sizeof t->memo->tags);
	t->map.start = t->map.stop = NULL;
	t->map.len = t->map.cap = 0;
	memset(t->ascii, CACHE_UNKNOWN, sizeof t->ascii);
	memset(t->arabic, CACHE_UNKNOWN, sizeof t->arabic);
	kb_norm_profile(&t->opts, "search");
	while (pos < n && status == KB_OK)
		status = next_token(t, &pos);
	kb_offset_map_free(&t->map);
	free(t->memo);
	free(t);
	return status;
}

void kb_tokens_free(kb_tokens *tokens)
{
	free(tokens->items);
	kb_buf_free(&tokens->text);
	tokens->items = NULL;
	tokens->count = tokens->cap = 0;
}
