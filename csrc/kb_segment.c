/*
 * kb_segment.c: clitic segmentation of Arabic words, guided by word counts.
 *
 * A word w may be proclitics (و ف, then ب ل ك س, then the article ال or the
 * لل of ل + ال) + stem + an enclitic pronoun. Letters alone cannot tell
 * وليبيا (و + ليبيا) from وزير or كامل, so each analysis is checked against
 * the frequencies of the news corpus (data/clitics/lexicon.txt): it is kept
 * when its stem is a known word and w is not much more frequent than the
 * stem (the clitic then explains w's count); otherwise w stays whole.
 * data/clitics/overrides.txt fixes the frequent words the rule gets wrong.
 */
#include "kb_tokenize_internal.h"

#include <string.h>

/* make gen-clitics builds tools/clitic_segs.c with a table of its own. */
#ifndef KB_CLITIC_LEXICON
#define KB_CLITIC_LEXICON "gen/kb_clitic_lexicon.h"
#endif
#include KB_CLITIC_LEXICON

/* Letter codes of the segmenter's alphabet: 'A' + (code point - U+0621). */
#define LETTER(cp) ((unsigned char)('A' + ((cp) - 0x621)))
#define ALEF   LETTER(0x627)
#define BEH    LETTER(0x628)
#define TEH    LETTER(0x62A)
#define SEEN   LETTER(0x633)
#define FEH    LETTER(0x641)
#define KAF    LETTER(0x643)
#define LAM    LETTER(0x644)
#define MEEM   LETTER(0x645)
#define NOON   LETTER(0x646)
#define HEH    LETTER(0x647)
#define WAW    LETTER(0x648)
#define YEH    LETTER(0x64A)

#define MIN_STEM KB_SEG_MIN_LETTERS  /* shorter stems (ان، ما، قد) are never split off */
#define UNKNOWN_CLASS 2     /* the class of a word absent from the lexicon (count ~2) */
#define ABSENT (-1)

/* ------------------------------------------------------------------ */
/* Lexicon                                                             */
/* ------------------------------------------------------------------ */

typedef struct {
	int cls;         /* round(2 log2 count), ABSENT when not in the lexicon */
	int override;    /* 0 none, 1 keep whole, 1 + p: split p proclitic letters */
	const unsigned char *row;  /* the entry in the table, NULL when absent */
} lexicon_entry;

/* Entry layout (tools/gen_clitics.py): '0' + letters, class byte, two
 * segmentation bytes ('0' + prefix + 8 * suffix letters), the letters. */
#define ENTRY_HEAD 4
#define ENTRY_LETTERS(p) ((size_t)((p)[0] - '0'))

uint64_t kb_clitic_hash(const unsigned char *code, size_t n)
{
	uint64_t h = n;
	size_t i;
	for (i = 0; i < n; i += 8) {
		unsigned char chunk[8] = {0};
		memcpy(chunk, code + i, n - i < 8 ? n - i : 8);
		h = kb_clitic_hash_step(h, kb_clitic_chunk(chunk));
	}
	return h;
}

static uint32_t lexicon_slot(uint64_t hash)
{
	return kb_clitic_index[hash >> (64 - KB_CLITIC_BUCKET_BITS)];
}

static const unsigned char *lexicon_bucket(uint32_t slot)
{
	return (const unsigned char *)kb_clitic_rows[slot >> 16] + ((slot >> 4) & 0xfff);
}

void kb_clitic_prefetch_index(uint64_t hash)
{
	KB_PREFETCH(&kb_clitic_index[hash >> (64 - KB_CLITIC_BUCKET_BITS)]);
}

void kb_clitic_prefetch_bucket(uint64_t hash)
{
	KB_PREFETCH(lexicon_bucket(lexicon_slot(hash)));
}

/* Words are short: a loop beats a call to memcmp. */
static int same_letters(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static lexicon_entry lexicon_find_hashed(const unsigned char *code, size_t n, uint64_t hash)
{
	lexicon_entry entry = {ABSENT, 0, NULL};
	uint32_t slot = lexicon_slot(hash);
	const unsigned char *p = lexicon_bucket(slot);
	unsigned count = slot & 15, i;
	for (i = 0; i < count; i++) {
		size_t len = ENTRY_LETTERS(p);
		if (len == n && same_letters(p + ENTRY_HEAD, code, n)) {
			entry.cls = p[1] % KB_CLITIC_CLASS_LIMIT;
			entry.override = p[1] / KB_CLITIC_CLASS_LIMIT;
			entry.row = p;
			return entry;
		}
		p += ENTRY_HEAD + len;
	}
	return entry;
}

static lexicon_entry lexicon_find(const unsigned char *code, size_t n)
{
	return lexicon_find_hashed(code, n, kb_clitic_hash(code, n));
}

static int lexicon_class(const unsigned char *code, size_t n)
{
	return lexicon_find(code, n).cls;
}

/* ------------------------------------------------------------------ */
/* Clitic inventories                                                  */
/* ------------------------------------------------------------------ */

/* How much more frequent than its stem a word may be for the analysis to
 * hold, in half octaves (2 log2 of the ratio): a common clitic like و can
 * explain a word as frequent as its stem, a rare one like ك cannot. */
typedef struct {
	unsigned char letters[3];
	unsigned char len;
	signed char slack;
} clitic;

static const clitic proclitics[] = {
	{{0}, 0, 0},
	{{WAW}, 1, 0}, {{FEH}, 1, -4}, {{BEH}, 1, -2}, {{LAM}, 1, -2}, {{KAF}, 1, -12},
	{{SEEN}, 1, -3},
	{{WAW, BEH}, 2, -2}, {{WAW, LAM}, 2, -2}, {{WAW, KAF}, 2, -9}, {{WAW, SEEN}, 2, -3},
	{{FEH, BEH}, 2, -6}, {{FEH, LAM}, 2, -6}, {{FEH, KAF}, 2, -12}, {{FEH, SEEN}, 2, -6}
};

static const clitic enclitics[] = {
	{{0}, 0, 0},
	{{HEH}, 1, 0}, {{HEH, ALEF}, 2, -2}, {{HEH, MEEM}, 2, -2}, {{HEH, MEEM, ALEF}, 3, -4},
	{{HEH, NOON}, 2, -4}, {{KAF}, 1, -7}, {{KAF, MEEM}, 2, -4}, {{KAF, NOON}, 2, -7},
	{{YEH}, 1, -14}, {{NOON, ALEF}, 2, -4}
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Inline loops: these run for every clitic of every new word. */
static int begins_with(const unsigned char *w, size_t n, const clitic *c)
{
	size_t i;
	if (n < c->len)
		return 0;
	for (i = 0; i < c->len; i++)
		if (w[i] != c->letters[i])
			return 0;
	return 1;
}

static int ends_with(const unsigned char *w, size_t n, const clitic *c)
{
	size_t i;
	if (n < c->len)
		return 0;
	for (i = 0; i < c->len; i++)
		if (w[n - c->len + i] != c->letters[i])
			return 0;
	return 1;
}

/* س marks the future only before an imperfect verb: سي ست سن سا. */
static int future_allowed(const clitic *pro, const unsigned char *rest, size_t n)
{
	if (pro->len == 0 || pro->letters[pro->len - 1] != SEEN)
		return 1;
	return n > 0 && (rest[0] == YEH || rest[0] == TEH || rest[0] == NOON || rest[0] == ALEF);
}

/* ------------------------------------------------------------------ */
/* Analyses                                                            */
/* ------------------------------------------------------------------ */

typedef struct {
	size_t prefix, suffix;   /* letters */
	int stem_class;
} analysis;

/* The class of a stem, trying ة for a final ت before a pronoun (حكومته). */
static int stem_class(const unsigned char *stem, size_t n, int has_suffix)
{
	int cls = lexicon_class(stem, n);
	if (cls == ABSENT && has_suffix && n > 0 && stem[n - 1] == TEH) {
		unsigned char alt[KB_SEG_MAX_LETTERS];
		memcpy(alt, stem, n);
		alt[n - 1] = HEH;
		cls = lexicon_class(alt, n);
	}
	return cls;
}

/* The class of the stem after ل when it is the لل of ل + ال (للتعاون):
 * looked up as ال + the rest. */
static int lam_article_class(const unsigned char *rest, size_t n)
{
	unsigned char alt[KB_SEG_MAX_LETTERS + 1];
	if (n < 1 + MIN_STEM || rest[0] != LAM || n + 1 > KB_SEG_MAX_LETTERS)
		return ABSENT;
	alt[0] = ALEF;
	memcpy(alt + 1, rest, n);
	return lexicon_class(alt, n + 1);
}

/* An analysis whose stem is in the lexicon, with the slack its clitics allow. */
typedef struct {
	size_t prefix, suffix;
	int stem_class, slack;
} candidate;

#define MAX_CANDIDATES 16

typedef struct {
	candidate items[MAX_CANDIDATES];
	size_t count;
} candidates;

static void add_candidate(candidates *c, size_t prefix, size_t suffix, int cls, int slack)
{
	if (cls == ABSENT || c->count == MAX_CANDIDATES)
		return;
	c->items[c->count].prefix = prefix;
	c->items[c->count].suffix = suffix;
	c->items[c->count].stem_class = cls;
	c->items[c->count++].slack = slack;
}

/* Every analysis with clitics whose stem is a known word. The clitics that
 * fit each end are listed first: few do, and this runs for every new word. */
static void find_candidates(const unsigned char *w, size_t n, unsigned hints, candidates *c)
{
	const clitic *pros[COUNT(proclitics)], *ens[COUNT(enclitics)];
	size_t npro = 0, nen = 0, i, j;
	c->count = 0;
	for (i = 0; i < COUNT(proclitics); i++)
		if (begins_with(w, n, &proclitics[i]) && future_allowed(&proclitics[i], w + proclitics[i].len,
		                                                        n - proclitics[i].len))
			pros[npro++] = &proclitics[i];
	for (j = 0; j < COUNT(enclitics); j++)
		if (ends_with(w, n, &enclitics[j]) &&
		    !(enclitics[j].len == 1 && enclitics[j].letters[0] == HEH && (hints & KB_SEG_FINAL_TEH_MARBUTA)))
			ens[nen++] = &enclitics[j];
	for (i = 0; i < npro; i++) {
		for (j = 0; j < nen; j++) {
			const clitic *pro = pros[i], *en = ens[j];
			size_t stem_len;
			if ((pro->len == 0 && en->len == 0) || n < (size_t)pro->len + en->len + MIN_STEM)
				continue;
			stem_len = n - pro->len - en->len;
			add_candidate(c, pro->len, en->len, stem_class(w + pro->len, stem_len, en->len > 0),
			              pro->slack + en->slack);
			if (pro->len > 0 && pro->letters[pro->len - 1] == LAM && en->len == 0)
				add_candidate(c, pro->len + 1, 0, lam_article_class(w + pro->len, stem_len),
				              pro->slack);
		}
	}
}

/* The candidate with the most frequent stem among those that explain the
 * word's count (class at least word_class - slack); ties go to more clitics. */
static analysis best_analysis(const candidates *c, int word_class)
{
	analysis best = {0, 0, ABSENT};
	size_t i;
	for (i = 0; i < c->count; i++) {
		const candidate *k = &c->items[i];
		if (k->stem_class < word_class - k->slack)
			continue;
		if (k->stem_class > best.stem_class ||
		    (k->stem_class == best.stem_class && k->prefix + k->suffix > best.prefix + best.suffix)) {
			best.prefix = k->prefix;
			best.suffix = k->suffix;
			best.stem_class = k->stem_class;
		}
	}
	return best;
}

/* The article ال at the start of the stem, unless its alef was hamzated
 * (ألمانيا، إلغاء) or the word is one kept whole (الذي، الله). */
static size_t article_length(const unsigned char *w, size_t n, size_t at, unsigned hints)
{
	if (n - at < 2 + 2 || w[at] != ALEF || w[at + 1] != LAM)
		return 0;
	if (at < 8 && (hints & (1u << (KB_SEG_HAMZA_ALEF_SHIFT + at))))
		return 0;
	/* The ال words kept whole (data/clitics/overrides.txt) are all short. */
	if (n - at <= 6 && lexicon_find(w + at, n - at).override == 1)
		return 0;
	return 2;
}

/* Words unknown to the lexicon whose stem is unknown too: split only the
 * safest clitics, و before a long remainder and a proclitic run ending
 * in the article. */
static size_t unknown_prefix(const unsigned char *w, size_t n, unsigned hints)
{
	size_t p = 0;
	if (n >= 1 + 4 && w[0] == WAW)
		p = 1;
	if (n - p >= 1 + 2 + 2 && (w[p] == BEH || w[p] == KAF || w[p] == LAM) &&
	    w[p + 1] == ALEF && w[p + 2] == LAM && !(hints & (1u << (KB_SEG_HAMZA_ALEF_SHIFT + p + 1))))
		p += 1;
	else if (n - p >= 2 + 3 && w[p] == LAM && w[p + 1] == LAM)
		p += 2;
	return p;
}

void kb_segment_letters(const unsigned char *w, size_t n, unsigned hints,
                        size_t *prefix_letters, size_t *suffix_letters)
{
	lexicon_entry whole = {ABSENT, 0, NULL};
	candidates found;
	analysis best = {0, 0, ABSENT};
	size_t fallback;
	*prefix_letters = *suffix_letters = 0;
	if (n < MIN_STEM || n > KB_SEG_MAX_LETTERS)
		return;
	find_candidates(w, n, hints, &found);
	fallback = unknown_prefix(w, n, hints);
	/* The word's own count matters only when something could be split off. */
	if (found.count > 0 || fallback > 0)
		whole = lexicon_find(w, n);
	if (whole.override == 1)
		return;
	if (whole.override > 1)
		best.prefix = (size_t)whole.override - 1;
	else if (found.count > 0)
		best = best_analysis(&found, whole.cls == ABSENT ? UNKNOWN_CLASS : whole.cls);
	if (whole.override == 0 && best.stem_class == ABSENT && whole.cls == ABSENT)
		best.prefix = fallback;
	best.prefix += article_length(w, n - best.suffix, best.prefix, hints);
	*prefix_letters = best.prefix;
	*suffix_letters = best.suffix;
}

int kb_segment_known(const unsigned char *code, size_t n, uint64_t hash, unsigned hints,
                     size_t *prefix_letters, size_t *suffix_letters)
{
	lexicon_entry whole = lexicon_find_hashed(code, n, hash);
	unsigned seg;
	if (!whole.row)
		return 0;
	seg = (unsigned)(whole.row[hints & KB_SEG_FINAL_TEH_MARBUTA ? 3 : 2] - '0');
	*prefix_letters = seg & 7;
	*suffix_letters = seg >> 3;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Search-form words                                                   */
/* ------------------------------------------------------------------ */

size_t kb_segment_encode(const char *norm, size_t n, unsigned char *code)
{
	const unsigned char *s = (const unsigned char *)norm;
	size_t i, letters = 0;
	if (n % 2 != 0 || n / 2 > KB_SEG_MAX_LETTERS)
		return 0;
	for (i = 0; i < n; i += 2) {
		unsigned cp;
		if (s[i] != 0xD8 && s[i] != 0xD9)
			return 0;
		cp = ((unsigned)(s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
		if (cp < 0x621 || (cp > 0x63A && cp < 0x641) || cp > 0x64A || (s[i + 1] & 0xC0) != 0x80)
			return 0;
		code[letters++] = LETTER(cp);
	}
	return letters;
}

void kb_segment(const char *norm, size_t n, size_t *prefix_len, size_t *suffix_len)
{
	unsigned char code[KB_SEG_MAX_LETTERS];
	size_t letters = kb_segment_encode(norm, n, code), prefix = 0, suffix = 0;
	if (letters > 0)
		kb_segment_letters(code, letters, 0, &prefix, &suffix);
	/* Every letter of the alphabet takes two bytes in UTF-8. */
	*prefix_len = 2 * prefix;
	*suffix_len = 2 * suffix;
}
