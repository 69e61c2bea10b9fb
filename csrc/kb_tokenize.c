/*
 * kb_tokenize.c: words, numbers, punctuation, Latin runs, symbols, URLs,
 * e-mail addresses, mentions and hashtags, each with its search form
 * (kb_normalize, "search" profile) and, for Arabic words, its clitics
 * (kb_segment.c).
 *
 * Speed: one pass. Words of plain Arabic letters (nearly all of them) are
 * scanned, folded to their search form and encoded for the segmenter in one
 * loop, then segmented by a memo of this call's words or one look-up in the
 * clitic lexicon, which carries each word's segmentation; those look-ups are
 * fetched a few words ahead so that cache misses overlap the scanning. Other
 * tokens: the search form of the common characters (Arabic letters, ASCII)
 * is asked of kb_normalize once per call and then copied from a small
 * per-call cache; tokens with marks, tatweel, presentation forms or anything
 * rarer go through kb_normalize whole (composition makes those
 * context-dependent). No allocation per token beyond the growing output.
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

/* The class of each ASCII character, '0' + C_...: controls and space, then
 * ! " # $ % & ' ( ) * + , - . / digits : ; < = > ? @ letters [ \ ] ^ _ `
 * letters { | } ~ DEL. */
static const char ascii_classes[129] =
	"00000000000000000000000000000000"
	"05556665556655553333333333556665"
	"54444444444444444444444444456565"
	"64444444444444444444444444456560";

static int classify(int32_t cp)
{
	if (cp < 0)
		return C_SYMBOL;
	if (cp < 0x80)
		return ascii_classes[cp] - '0';
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

/* Words repeat (Zipf): a direct-mapped table of the segmentations already
 * made in this call, keyed by the letters and hints, small enough to stay in
 * the cache where the clitic lexicon does not. Only for inputs of
 * MEMO_MIN_INPUT bytes or more, where it pays for its clearing. */
#define MEMO_MAX_BITS 13
#define MEMO_MIN_INPUT 16384

typedef struct {
	unsigned char code[KB_SEG_MAX_LETTERS];
	unsigned char letters;   /* 0: empty */
	unsigned char hints;     /* the hamza bits << 1 | final teh marbuta */
	unsigned char prefix, suffix;
	unsigned char unused[4];
} memo_entry;

/* A word in the segmenter's encoding. */
typedef struct {
	unsigned char code[32];  /* the letters' codes, zeros after: the hash's chunks */
	size_t letters;
	unsigned hints;          /* KB_SEG_FINAL_TEH_MARBUTA and the hamza bits */
} coded_word;

/* Plain words whose segmentation is under way: the memo and lexicon
 * entries of each are fetched ahead while the next words are scanned (most
 * are not in the cache: looked up at once, they would stall the scan). A
 * word is probed in the memo PROBE_AGE words after it was read, and
 * segmented PENDING words after. */
#define PENDING 4
#define PROBE_AGE 2

typedef struct {
	coded_word word;
	uint64_t hash;
	size_t token;         /* its index in out->items */
	int segmented;        /* found in the memo: token done */
} pending_word;

typedef struct {
	const unsigned char *s;
	size_t n;
	kb_tokens *out;
	memo_entry *memo;          /* NULL for short inputs */
	unsigned memo_bits;
	pending_word pending[PENDING];
	size_t pending_first, pending_count;
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
		/* Three bytes whatever the length: room was reserved, and a copy of
		 * fixed size is two moves where one of slot->len bytes is a call. */
		memcpy(text->data + text->len, slot->bytes, sizeof slot->bytes);
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

#define CODE_ALEF ('A' + 0x627 - 0x621)
#define CODE_LAM ('A' + 0x644 - 0x621)

/* A hamzated alef matters to the segmenter only as the alef of an ال. */
static int hamza_on_article(const coded_word *w)
{
	unsigned bits = (w->hints >> KB_SEG_HAMZA_ALEF_SHIFT) & 15, k;
	for (k = 0; bits; k++, bits >>= 1)
		if ((bits & 1) && w->code[k] == CODE_ALEF && w->code[k + 1] == CODE_LAM)
			return 1;
	return 0;
}

static int memo_matches(const memo_entry *e, const coded_word *w, unsigned char hints)
{
	return e->letters == w->letters && e->hints == hints &&
	       memcmp(e->code, w->code, KB_SEG_MAX_LETTERS) == 0;
}

static uint64_t coded_hash(const coded_word *w)
{
	uint64_t hash = w->letters;
	size_t i;
	for (i = 0; i < w->letters; i += 8)
		hash = kb_clitic_hash_step(hash, kb_clitic_chunk(w->code + i));
	return hash;
}

static unsigned char memo_hints(const coded_word *w)
{
	return (unsigned char)(((w->hints >> KB_SEG_HAMZA_ALEF_SHIFT) & 15) << 1 |
	                       (w->hints & KB_SEG_FINAL_TEH_MARBUTA));
}

static memo_entry *memo_slot(const tokenizer *t, uint64_t hash)
{
	return t->memo ? &t->memo[hash >> (64 - t->memo_bits)] : NULL;
}

/* The segmentation of a word the memo lacks: one look-up in the lexicon for
 * most words, else the segmenter's analyses; then remembered. */
static void segment_unknown(const tokenizer *t, const coded_word *w, uint64_t hash,
                            size_t *prefix, size_t *suffix)
{
	memo_entry *e = memo_slot(t, hash);
	if (hamza_on_article(w) ||
	    !kb_segment_known(w->code, w->letters, hash, w->hints & KB_SEG_FINAL_TEH_MARBUTA, prefix, suffix))
		kb_segment_letters(w->code, w->letters, w->hints, prefix, suffix);
	if (e) {
		memcpy(e->code, w->code, KB_SEG_MAX_LETTERS);
		e->letters = (unsigned char)w->letters;
		e->hints = memo_hints(w);
		e->prefix = (unsigned char)*prefix;
		e->suffix = (unsigned char)*suffix;
	}
}

/* The segmentation from the memo: 1, or 0 when it is not there. */
static int segment_remembered(const tokenizer *t, const coded_word *w, uint64_t hash,
                              size_t *prefix, size_t *suffix)
{
	const memo_entry *e = memo_slot(t, hash);
	if (!e || !memo_matches(e, w, memo_hints(w)))
		return 0;
	*prefix = e->prefix;
	*suffix = e->suffix;
	return 1;
}

/* The clitics of a word, in letters, at once. */
static void segment_coded(const tokenizer *t, const coded_word *w, size_t *prefix, size_t *suffix)
{
	uint64_t hash;
	*prefix = *suffix = 0;
	if (w->letters < KB_SEG_MIN_LETTERS)
		return;
	hash = coded_hash(w);
	if (!segment_remembered(t, w, hash, prefix, suffix))
		segment_unknown(t, w, hash, prefix, suffix);
}

static void segment_word(tokenizer *t, kb_token *tk)
{
	coded_word w;
	size_t prefix, suffix;
	if (t->letters > KB_SEG_MAX_LETTERS)
		return;
	if (tk->norm_len == 0)
		return;   /* nothing to segment, and the text buffer may still be NULL */
	memset(w.code, 0, sizeof w.code);
	w.letters = kb_segment_encode(t->out->text.data + tk->norm, tk->norm_len, w.code);
	if (w.letters == 0 || w.letters != t->letters)
		return;
	w.hints = segment_hints(t, w.letters);
	segment_coded(t, &w, &prefix, &suffix);
	if (prefix > 0)
		tk->stem_start = t->letter_start[prefix];
	if (suffix > 0)
		tk->stem_stop = t->letter_stop[w.letters - suffix - 1];
	tk->prefix_len = (uint16_t)(2 * prefix);
	tk->suffix_len = (uint16_t)(2 * suffix);
}

/* ------------------------------------------------------------------ */
/* Emitting tokens                                                     */
/* ------------------------------------------------------------------ */

static kb_status grow_items(kb_tokens *out)
{
	size_t cap = out->cap ? 2 * out->cap : 64;
	kb_token *items = realloc(out->items, cap * sizeof *items);
	if (!items)
		return KB_ENOMEM;
	out->items = items;
	out->cap = cap;
	return KB_OK;
}

static kb_status emit(tokenizer *t, size_t start, size_t stop, int kind)
{
	kb_tokens *out = t->out;
	kb_token *tk;
	kb_status status;
	size_t before = out->text.len;
	if (out->count == out->cap && (status = grow_items(out)) != KB_OK)
		return status;
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
/* Plain Arabic words                                                  */
/* ------------------------------------------------------------------ */

/* Nearly every word is letters U+0621..U+063A and U+0641..U+064A alone: two
 * bytes each, each with a one-letter search form (آ أ إ → ا, ة → ه, ى → ي;
 * test_tokenize checks this table against kb_normalize). Such a word is
 * scanned, normalized, encoded for the segmenter and hashed in one pass, and
 * most are then segmented by one look-up in the clitic lexicon. */
typedef struct {
	unsigned char code;          /* the segmenter's code of the search form; 0: not plain */
	unsigned char norm[2];       /* the search form, UTF-8 */
	unsigned char hamza_alef;    /* آ أ إ: no article on this alef */
	unsigned char teh_marbuta;   /* ة: no pronoun after it */
} plain_letter;

/* A character's two bytes read as one number, lead << 8 | trail, less
 * 0xD880: D8 80..BF and D9 80..BF (U+0600..U+067F) fall in 0..319. */
#define PLAIN_KEY(cp) ((((0xC0 | ((cp) >> 6)) << 8) | (0x80 | ((cp) & 0x3F))) - 0xD880)
#define PLAIN_KEYS 320

#define PLAIN_FOLDED(cp, to, hamza, teh) \
	[PLAIN_KEY(cp)] = {(unsigned char)('A' + (to) - 0x621), \
	                   {(unsigned char)(0xC0 | ((to) >> 6)), (unsigned char)(0x80 | ((to) & 0x3F))}, \
	                   hamza, teh}
#define PLAIN(cp) PLAIN_FOLDED(cp, cp, 0, 0)

static const plain_letter plain_letters[PLAIN_KEYS] = {
	PLAIN(0x621), PLAIN_FOLDED(0x622, 0x627, 1, 0), PLAIN_FOLDED(0x623, 0x627, 1, 0),
	PLAIN(0x624), PLAIN_FOLDED(0x625, 0x627, 1, 0), PLAIN(0x626), PLAIN(0x627), PLAIN(0x628),
	PLAIN_FOLDED(0x629, 0x647, 0, 1), PLAIN(0x62A), PLAIN(0x62B), PLAIN(0x62C), PLAIN(0x62D),
	PLAIN(0x62E), PLAIN(0x62F), PLAIN(0x630), PLAIN(0x631), PLAIN(0x632), PLAIN(0x633),
	PLAIN(0x634), PLAIN(0x635), PLAIN(0x636), PLAIN(0x637), PLAIN(0x638), PLAIN(0x639),
	PLAIN(0x63A), PLAIN(0x641), PLAIN(0x642), PLAIN(0x643), PLAIN(0x644), PLAIN(0x645),
	PLAIN(0x646), PLAIN(0x647), PLAIN(0x648), PLAIN_FOLDED(0x649, 0x64A, 0, 0), PLAIN(0x64A)
};

/* Whether the word scan_word would read goes on at j (with marks, rarer
 * letters, or a joiner before them). */
static int word_goes_on(const tokenizer *t, size_t j)
{
	size_t len, next;
	int c;
	if (j >= t->n || t->s[j] < 0x80)
		return 0;
	c = class_at(t, j, &len);
	if (c == C_JOINER)
		return j + len < t->n && ((c = class_at(t, j + len, &next)) == C_LETTER || c == C_MARK);
	return c == C_LETTER || c == C_MARK;
}

/* Scans the plain word at i, writing its search form at norm (room for
 * 2 * KB_SEG_MAX_LETTERS bytes): its end, or i when the word at i is not
 * plain or is longer than KB_SEG_MAX_LETTERS letters. */
static size_t scan_plain_word(const tokenizer *t, size_t i, unsigned char *norm, coded_word *w)
{
	const unsigned char *s = t->s;
	/* At most KB_SEG_MAX_LETTERS letters: a longer word goes on after them. */
	size_t j = i, k = 0, stop = t->n - i > 2 * KB_SEG_MAX_LETTERS ? i + 2 * KB_SEG_MAX_LETTERS : t->n - 1;
	unsigned hamza = 0, teh = 0;
	memset(w->code, 0, sizeof w->code);
	while (j < stop) {
		unsigned key = ((unsigned)s[j] << 8 | s[j + 1]) - 0xD880u;
		const plain_letter *l = &plain_letters[key < PLAIN_KEYS ? key : 0];
		if (!l->code)
			break;
		w->code[k] = l->code;
		norm[2 * k] = l->norm[0];
		norm[2 * k + 1] = l->norm[1];
		hamza |= (unsigned)l->hamza_alef << k;
		teh = l->teh_marbuta;
		k++;
		j += 2;
	}
	if (k == 0 || word_goes_on(t, j))
		return i;
	w->letters = k;
	/* segment_hints: the hamza of the first four letters, a final ة. */
	w->hints = (hamza & 15) << KB_SEG_HAMZA_ALEF_SHIFT | (teh ? KB_SEG_FINAL_TEH_MARBUTA : 0);
	return j;
}

static void set_clitics(tokenizer *t, size_t token, size_t prefix, size_t suffix)
{
	kb_token *tk = &t->out->items[token];
	tk->stem_start = tk->start + (uint32_t)(2 * prefix);
	tk->stem_stop = tk->stop - (uint32_t)(2 * suffix);
	tk->prefix_len = (uint16_t)(2 * prefix);
	tk->suffix_len = (uint16_t)(2 * suffix);
}

static pending_word *pending_at(tokenizer *t, size_t age)
{
	return &t->pending[(t->pending_first + t->pending_count - 1 - age) % PENDING];
}

/* Its memo entry has had time to arrive: a hit settles the word, a miss
 * fetches its lexicon bucket (whose index entry has had time too). */
static void probe_pending(tokenizer *t, pending_word *p)
{
	size_t prefix, suffix;
	if (segment_remembered(t, &p->word, p->hash, &prefix, &suffix)) {
		set_clitics(t, p->token, prefix, suffix);
		p->segmented = 1;
	} else {
		kb_clitic_prefetch_bucket(p->hash);
	}
}

static void finish_oldest_pending(tokenizer *t)
{
	pending_word *p = &t->pending[t->pending_first];
	size_t prefix, suffix;
	if (!p->segmented) {
		segment_unknown(t, &p->word, p->hash, &prefix, &suffix);
		set_clitics(t, p->token, prefix, suffix);
	}
	t->pending_first = (t->pending_first + 1) % PENDING;
	t->pending_count--;
}

/* Every word still under way, segmented now (at the end of the text). */
static void finish_pending(tokenizer *t)
{
	size_t age;
	for (age = t->pending_count; age-- > 0;)
		if (age < PROBE_AGE)
			probe_pending(t, pending_at(t, age));
	while (t->pending_count > 0)
		finish_oldest_pending(t);
}

static void add_pending(tokenizer *t, const coded_word *w, size_t token)
{
	pending_word *p;
	if (t->pending_count == PENDING)
		finish_oldest_pending(t);
	t->pending_count++;
	p = pending_at(t, 0);
	p->word = *w;
	p->hash = coded_hash(w);
	p->token = token;
	p->segmented = 0;
	if (t->memo)
		KB_PREFETCH(memo_slot(t, p->hash));
	kb_clitic_prefetch_index(p->hash);
	if (t->pending_count > PROBE_AGE)
		probe_pending(t, pending_at(t, PROBE_AGE));
}

/* The plain word at i as a token; *end is i when there is none (the
 * general scanners then take the word). Its clitics come later
 * (add_pending); until then the token has none. */
static kb_status emit_plain_word(tokenizer *t, size_t i, size_t *end)
{
	kb_tokens *out = t->out;
	kb_buf *text = &out->text;
	kb_status status;
	kb_token *tk;
	coded_word w;
	size_t j;
	*end = i;
	if (text->cap - text->len < 2 * KB_SEG_MAX_LETTERS &&
	    (status = kb_buf_reserve(text, 2 * KB_SEG_MAX_LETTERS)) != KB_OK)
		return status;
	if (out->count == out->cap && (status = grow_items(out)) != KB_OK)
		return status;
	j = scan_plain_word(t, i, (unsigned char *)text->data + text->len, &w);
	if (j == i)
		return KB_OK;
	tk = &out->items[out->count++];
	tk->start = tk->stem_start = (uint32_t)i;
	tk->stop = tk->stem_stop = (uint32_t)j;
	tk->norm = (uint32_t)text->len;
	tk->norm_len = (uint32_t)(2 * w.letters);
	tk->prefix_len = tk->suffix_len = 0;
	tk->kind = KB_TOKEN_WORD;
	text->len += 2 * w.letters;
	if (w.letters >= KB_SEG_MIN_LETTERS)
		add_pending(t, &w, out->count - 1);
	*end = j;
	return KB_OK;
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
#define HUGE_BYTES ((size_t)8 << 20)

/* Hundreds of megabytes of tokens and search forms: on first touch, 4 KiB
 * pages cost a page fault each, which then dominates; ask for transparent
 * huge pages. NULL when the system has none (the caller uses malloc). */
static void *huge_alloc(size_t size)
{
	void *p = NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	if (size >= HUGE_BYTES && posix_memalign(&p, HUGE_PAGE, size) == 0)
		madvise(p, size, MADV_HUGEPAGE);
#else
	(void)size;
#endif
	return p;
}

/* Faults in the pages of [p, p + size) with one system call rather than a
 * page fault each on first touch (in a virtual machine a fault costs
 * microseconds: a megabyte of text fills a thousand pages of tokens). Only
 * a hint: nothing happens where the system lacks it. */
static void prefault(void *p, size_t size)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
	uintptr_t page = 4096, start = ((uintptr_t)p + page - 1) & ~(page - 1),
	          stop = ((uintptr_t)p + size) & ~(page - 1);
	unsigned char resident = 0;
	/* Memory used before (the allocator's reuse) is there already, and
	 * asking again would still walk every page; fresh memory is fresh to its
	 * end, which is checked (the start may share a page with older data). */
	if (stop > start && mincore((void *)(stop - page), page, &resident) == 0 && !(resident & 1))
		madvise((void *)start, stop - start, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)size;
#endif
}

/* One allocation up front for a long text (news averages 8 to 9 bytes a
 * token and a search form no longer than the text) instead of a dozen
 * doublings, each copying everything so far. */
static kb_status reserve_output(kb_tokens *out, size_t n)
{
	size_t want = out->count + n / 8 + 64;
	if (want > out->cap && out->items == NULL && (out->items = huge_alloc(want * sizeof(kb_token))))
		out->cap = want;
	if (want > out->cap) {
		kb_token *items = realloc(out->items, want * sizeof *items);
		if (!items)
			return KB_ENOMEM;
		out->items = items;
		out->cap = want;
	}
	if (out->text.data == NULL && (out->text.data = huge_alloc(n)))
		out->text.cap = n;
	if (kb_buf_reserve(&out->text, n) != KB_OK)
		return KB_ENOMEM;
	prefault(out->items + out->count, (want - out->count) * sizeof(kb_token));
	prefault(out->text.data + out->text.len, n);
	return KB_OK;
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
	t->memo_bits = 0;
	t->pending_first = t->pending_count = 0;
	if (n >= MEMO_MIN_INPUT) {
		/* A slot per 64 bytes of text, up to 1 << MEMO_MAX_BITS. */
		while (t->memo_bits < MEMO_MAX_BITS && (n >> 6) >> t->memo_bits > 1)
			t->memo_bits++;
		t->memo = calloc((size_t)1 << t->memo_bits, sizeof *t->memo);
		if (!t->memo || reserve_output(out, n) != KB_OK) {
			free(t->memo);
			free(t);
			return KB_ENOMEM;
		}
	}
	t->map.start = t->map.stop = NULL;
	t->map.len = t->map.cap = 0;
	memset(t->ascii, CACHE_UNKNOWN, sizeof t->ascii);
	memset(t->arabic, CACHE_UNKNOWN, sizeof t->arabic);
	kb_norm_profile(&t->opts, "search");
	while (pos < n && status == KB_OK) {
		size_t end = pos;
		if (t->s[pos] == ' ') {
			pos++;
			continue;
		}
		if ((t->s[pos] & 0xFE) == 0xD8 && (status = emit_plain_word(t, pos, &end)) != KB_OK)
			break;
		if (end > pos)
			pos = end;
		else
			status = next_token(t, &pos);
	}
	finish_pending(t);
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
