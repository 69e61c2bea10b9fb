/*
 * kb_ner_features.c: the features of the NER tagger, shared by the engine
 * and the trainer (tools/ner_train.c) so that both see exactly the same.
 *
 * Each word is first analysed once (search form, the core without glued
 * punctuation, proclitics and stem, cluster, lexicon flags, shape); the
 * features then combine the analyses of a ±2 window, plus document-level
 * evidence: what preceded other mentions of the same stem in the document.
 */
#include <stdlib.h>
#include <string.h>

#include "kb_ner_internal.h"
#include "gen/ner_lexicon.h"

/* ==================================================================== */
/* Hashing and the compiled lookup tables                                 */
/* ==================================================================== */

uint32_t kb_ner_hash(const char *s, size_t n, uint32_t seed)
{
	uint32_t h = 2166136261u ^ (seed * 0x9E3779B9u);
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	h *= 0xC2B2AE35u;
	h ^= h >> 16;
	return h;
}

/* A feature: template t applied to a value hash v; never 0. */
static uint32_t feature(unsigned t, uint32_t v)
{
	uint32_t h = v + (t + 1) * 0x9E3779B9u;
	h ^= h >> 15;
	h *= 0x2C1B3C6Du;
	h ^= h >> 12;
	h *= 0x297A2D39u;
	h ^= h >> 15;
	return h ? h : 1;
}

/* Index of hash h in a bucketed table (buckets by the top bits, 16-bit
 * keys from the low bits), or -1. */
static long table_find(const uint32_t *first, const uint16_t *keys, unsigned bits, uint32_t h)
{
	uint32_t b = h >> (32 - bits), i;
	uint16_t key = (uint16_t)(h & 0xFFFF);
	for (i = first[b]; i < first[b + 1]; i++)
		if (keys[i] == key)
			return (long)i;
	return -1;
}

void kb_ner_clusters(const char *stem, size_t n, int out[KB_NER_CLUSTER_SETS])
{
	long i = -1;
	int k;
	if (NER_CLUSTER_COUNT > 0)
		i = table_find(ner_cluster_first, ner_cluster_key, NER_CLUSTER_BITS,
		               kb_ner_hash(stem, n, 0));
	for (k = 0; k < KB_NER_CLUSTER_SETS; k++) {
		unsigned v = i < 0 || k >= NER_CLUSTER_SETS ? 0xFFFF :
		             ner_cluster_value[(size_t)i * NER_CLUSTER_SETS + (size_t)k];
		out[k] = v == 0xFFFF ? -1 : (int)v;
	}
}

int kb_ner_corpus_code(const char *stem, size_t n)
{
	long i;
	if (NER_CORPUS_COUNT == 0)
		return 0;
	i = table_find(ner_corpus_first, ner_corpus_key, NER_CORPUS_BITS, kb_ner_hash(stem, n, 0));
	return i < 0 ? 0 : ner_corpus_value[i];
}

int kb_ner_corpus_code_of(const unsigned counts[5])
{
	unsigned total = 0, major = 0, k;
	for (k = 0; k < 5; k++) {
		total += counts[k];
		if (counts[k] > counts[major])
			major = k;
	}
	if (total < 3 || (major == 0 && counts[0] * 10 >= total * 9))
		return 0;   /* rare, or reliably O: not worth a table entry */
	return 1 + (int)major * 3 + (counts[major] * 10 >= total * 9 ? 2 : counts[major] * 10 >= total * 6);
}

unsigned kb_ner_lexicon(const char *stem, size_t n)
{
	long i;
	if (NER_LEXICON_COUNT == 0)
		return 0;
	i = table_find(ner_lexicon_first, ner_lexicon_key, NER_LEXICON_BITS,
	               kb_ner_hash(stem, n, 0));
	return i < 0 ? 0 : ner_lexicon_value[i];
}

/* ==================================================================== */
/* Word analysis                                                          */
/* ==================================================================== */

/* Arabic letters of the search form (U+0621..U+064A) start with D8 or D9. */
static int arabic_letter_at(const char *s, size_t n, size_t i)
{
	unsigned char a, b;
	if (i + 2 > n)
		return 0;
	a = (unsigned char)s[i];
	b = (unsigned char)s[i + 1];
	return (a == 0xD8 && b >= 0xA1) || (a == 0xD9 && b <= 0x8A);
}

/* Whether byte c ends or starts a word as punctuation (ASCII only: the
 * search form maps Arabic punctuation to ASCII). */
static int is_edge_punct(unsigned char c)
{
	return c < 0x80 && c > 0x20 && !(c >= '0' && c <= '9') &&
	       !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

void kb_ner_core(const char *s, size_t n, size_t *start, size_t *stop)
{
	size_t a = 0, b = n;
	while (a < b && is_edge_punct((unsigned char)s[a]))
		a++;
	while (b > a && is_edge_punct((unsigned char)s[b - 1]))
		b--;
	*start = a;
	*stop = b;
}

/* Letters as 2-byte units: the proclitic letters of the search form. */
#define WAW "\xD9\x88"
#define FEH "\xD9\x81"
#define BEH "\xD8\xA8"
#define LAM "\xD9\x84"
#define KAF "\xD9\x83"
#define ALEF "\xD8\xA7"

static int letter_is(const char *s, const char *letter)
{
	return s[0] == letter[0] && s[1] == letter[1];
}

static size_t letters(const char *s, size_t n)
{
	size_t i, count = 0;
	for (i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

/* Proclitics: [و ف]? then [ب ل ك]? then ال?, or لل; a stem of at least
 * three letters must remain after a single-letter clitic, two after ال. */
size_t kb_ner_prefix_len(const char *s, size_t n)
{
	size_t p = 0;
	if (n >= 8 && (letter_is(s, WAW) || letter_is(s, FEH)) && arabic_letter_at(s, n, 2))
		p = 2;
	if (n - p >= 8 && (letter_is(s + p, BEH) || letter_is(s + p, KAF) || letter_is(s + p, LAM))) {
		if (letter_is(s + p, LAM) && letter_is(s + p + 2, LAM) && n - p >= 8)
			return p + 4;  /* لل = ل + ال */
		p += 2;
	}
	if (n - p >= 8 && letter_is(s + p, ALEF) && letter_is(s + p + 2, LAM))
		p += 4;
	if (p > 0 && letters(s + p, n - p) < 2)
		return 0;
	return p;
}

/* What the features need of one word. */
typedef struct {
	uint32_t word, stem, prefix, shape;
	int cluster;         /* -1 or 0..4095: the first clustering (kb_ner_clusters) */
	int more[KB_NER_CLUSTER_SETS - 1];   /* the other clusterings */
	unsigned lexicon;    /* KB_NER_LEX_* of the stem */
	uint8_t corpus;      /* kb_ner_corpus_code of the stem */
	uint32_t affix[6];   /* hashes of the stem's first and last 1..3 letters */
	uint8_t arabic;      /* the core is Arabic letters */
} word_info;

/* Byte length of the first k letters of s[0..n). */
static size_t letters_prefix_bytes(const char *s, size_t n, size_t k)
{
	size_t i = 0;
	while (i < n && k > 0) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k--;
	}
	return i;
}

static size_t letters_suffix_bytes(const char *s, size_t n, size_t k)
{
	size_t i = n;
	while (i > 0 && k > 0) {
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		k--;
	}
	return n - i;
}

/* A coarse shape: script classes of the core, glued punctuation, length. */
static uint32_t word_shape(const char *s, size_t n, size_t core_start, size_t core_stop)
{
	unsigned digit = 0, latin = 0, arabic = 0, other = 0, len;
	size_t i;
	for (i = core_start; i < core_stop; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			digit = 1;
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			latin = 1;
		else if (c == 0xD8 || c == 0xD9)
			arabic = 1;
		else if (c < 0x80 || (c & 0xC0) == 0xC0)
			other = 1;
	}
	len = (unsigned)letters(s + core_start, core_stop - core_start);
	len = len > 7 ? 7 : len;
	return digit | latin << 1 | arabic << 2 | other << 3 | (core_start > 0) << 4 |
	       (core_stop < n) << 5 | len << 6;
}

static void analyse_word(const char *s, size_t n, word_info *w)
{
	size_t a, b, p, k;
	const char *stem;
	size_t stem_len;
	kb_ner_core(s, n, &a, &b);
	p = kb_ner_prefix_len(s + a, b - a);
	stem = s + a + p;
	stem_len = b - a - p;
	w->word = kb_ner_hash(s, n, 1);
	w->stem = kb_ner_hash(stem, stem_len, 2);
	w->prefix = kb_ner_hash(s + a, p, 3);
	w->shape = word_shape(s, n, a, b);
	w->arabic = arabic_letter_at(s, b, a);
	{
		int all[KB_NER_CLUSTER_SETS];
		kb_ner_clusters(stem, stem_len, all);
		w->cluster = all[0];
		memcpy(w->more, all + 1, sizeof w->more);
	}
	w->lexicon = kb_ner_lexicon(stem, stem_len);
	w->corpus = (uint8_t)kb_ner_corpus_code(stem, stem_len);
	if (!w->lexicon && p > 0)
		w->lexicon = kb_ner_lexicon(s + a, b - a);
	for (k = 0; k < 3; k++) {
		size_t pre = letters_prefix_bytes(stem, stem_len, k + 1);
		size_t suf = letters_suffix_bytes(stem, stem_len, k + 1);
		w->affix[k] = kb_ner_hash(stem, pre, 10 + (uint32_t)k);
		w->affix[3 + k] = kb_ner_hash(stem + stem_len - suf, suf, 20 + (uint32_t)k);
	}
}

/* ==================================================================== */
/* Document evidence                                                      */
/* ==================================================================== */

/* For each stem of the document, the lexicon flags of the words that
 * preceded its mentions (a title before "بوش" somewhere marks every بوش).
 * An open-addressed table of stem hashes, sized for the document. */
typedef struct {
	uint32_t *keys;
	unsigned *flags;
	size_t mask;
} doc_table;

static kb_status doc_table_init(doc_table *t, size_t n)
{
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	t->keys = calloc(size, sizeof *t->keys);
	t->flags = calloc(size, sizeof *t->flags);
	t->mask = size - 1;
	if (!t->keys || !t->flags) {
		free(t->keys);
		free(t->flags);
		return KB_ENOMEM;
	}
	return KB_OK;
}

static unsigned *doc_table_slot(doc_table *t, uint32_t key)
{
	size_t i;
	key = key ? key : 1;
	for (i = key & t->mask; t->keys[i] && t->keys[i] != key; i = (i + 1) & t->mask)
		;
	t->keys[i] = key;
	return &t->flags[i];
}

static void doc_table_free(doc_table *t)
{
	free(t->keys);
	free(t->flags);
}

/* Context flags that a word gives the next one. */
static unsigned context_flags(const word_info *prev, const word_info *prev2)
{
	unsigned f = 0;
	if (prev)
		f |= prev->lexicon & (KB_NER_LEX_TITLE | KB_NER_LEX_LOC_HEAD | KB_NER_LEX_SPEECH |
		                      KB_NER_LEX_ORG_HEAD);
	if (prev2 && (prev2->lexicon & KB_NER_LEX_TITLE))
		f |= KB_NER_LEX_TITLE2;
	return f;
}

/* ==================================================================== */
/* Features                                                               */
/* ==================================================================== */

enum {
	T_BIAS, T_W0, T_S0, T_P0, T_WM1, T_WP1, T_WM2, T_WP2, T_SM1, T_SP1,
	T_AFFIX, T_SHAPE = T_AFFIX + 6, T_SHAPE_M1, T_SHAPE_P1,
	T_C0, T_CC0, T_CM1, T_CP1, T_CCM1, T_CCP1, T_CCM2, T_CCP2,
	T_LEX0, T_LEXM1 = T_LEX0 + 16, T_LEXM2 = T_LEXM1 + 16, T_LEXP1 = T_LEXM2 + 16,
	T_DOC = T_LEXP1 + 16, T_NOCLUSTER = T_DOC + 16, T_C0X, T_CXM1, T_CXP1,
	T_MORE   /* 8 templates for each clustering after the first (under 200) */
};

typedef struct {
	uint32_t *out;
	size_t count;
} slot_writer;

static void put(slot_writer *sw, unsigned t, uint32_t v)
{
	if (sw->count < KB_NER_CORPUS_SLOT)
		sw->out[sw->count++] = feature(t, v);
}

static void put_bits(slot_writer *sw, unsigned t, unsigned bits)
{
	unsigned b;
	for (b = 0; bits && b < 16; b++, bits >>= 1)
		if (bits & 1)
			put(sw, t + b, 1);
}

#define FINEST(c) ((uint32_t)(c))
#define FINE(c) ((uint32_t)(c) >> 2)
#define COARSE(c) ((uint32_t)(c) >> 6)

/* A cluster's id at a level (>> shift), 0xFFFE when the word has none and
 * 0xFFFF past the sentence's ends (cluster -2). */
static uint32_t cluster_at(int cluster, unsigned shift)
{
	return cluster == -2 ? 0xFFFF : cluster < 0 ? 0xFFFE : (uint32_t)cluster >> shift;
}

/* The features of a further clustering: the word's cluster at each level,
 * its neighbours' at the fine and coarse levels. */
static void more_cluster_features(slot_writer *sw, unsigned t, int c0, int m1, int p1)
{
	if (c0 == -1 && m1 < 0 && p1 < 0)
		return;
	put(sw, t, cluster_at(c0, 0));
	put(sw, t + 1, cluster_at(c0, 2));
	put(sw, t + 2, cluster_at(c0, 6));
	put(sw, t + 3, cluster_at(m1, 2));
	put(sw, t + 4, cluster_at(p1, 2));
	put(sw, t + 5, cluster_at(m1, 6));
	put(sw, t + 6, cluster_at(p1, 6));
}

/* The window around i, with sentence boundaries as padding. */
static const word_info *at(const word_info *w, size_t n, const size_t *sent, size_t i, long d)
{
	long j = (long)i + d;
	if (j < 0 || (size_t)j >= n || sent[j] != sent[i])
		return NULL;
	return &w[j];
}

static void word_features(const word_info *w, size_t n, const size_t *sent, size_t i,
                          unsigned doc_flags, uint32_t *out)
{
	slot_writer sw;
	const word_info *m1 = at(w, n, sent, i, -1), *p1 = at(w, n, sent, i, 1);
	const word_info *m2 = at(w, n, sent, i, -2), *p2 = at(w, n, sent, i, 2);
	const word_info *c = &w[i];
	int k;
	sw.out = out;
	sw.count = 0;
	put(&sw, T_BIAS, 0);
	put(&sw, T_W0, c->word);
	put(&sw, T_S0, c->stem);
	put(&sw, T_P0, c->prefix);
	put(&sw, T_WM1, m1 ? m1->word : 0);
	put(&sw, T_WP1, p1 ? p1->word : 0);
	put(&sw, T_WM2, m2 ? m2->word : 0);
	put(&sw, T_WP2, p2 ? p2->word : 0);
	put(&sw, T_SM1, m1 ? m1->stem : 0);
	put(&sw, T_SP1, p1 ? p1->stem : 0);
	for (k = 0; k < 6; k++)
		put(&sw, T_AFFIX + (unsigned)k, c->affix[k]);
	put(&sw, T_SHAPE, c->shape);
	put(&sw, T_SHAPE_M1, m1 ? m1->shape : 0xFFFF);
	put(&sw, T_SHAPE_P1, p1 ? p1->shape : 0xFFFF);
	if (c->cluster >= 0) {
		put(&sw, T_C0, FINE(c->cluster));
		put(&sw, T_C0X, FINEST(c->cluster));
		put(&sw, T_CC0, COARSE(c->cluster));
	} else {
		put(&sw, T_NOCLUSTER, c->arabic);
	}
	put(&sw, T_CM1, m1 ? (m1->cluster >= 0 ? FINE(m1->cluster) : 0xFFFE) : 0xFFFF);
	put(&sw, T_CXM1, m1 ? (m1->cluster >= 0 ? FINEST(m1->cluster) : 0xFFFE) : 0xFFFF);
	put(&sw, T_CXP1, p1 ? (p1->cluster >= 0 ? FINEST(p1->cluster) : 0xFFFE) : 0xFFFF);
	put(&sw, T_CP1, p1 ? (p1->cluster >= 0 ? FINE(p1->cluster) : 0xFFFE) : 0xFFFF);
	put(&sw, T_CCM1, m1 ? (m1->cluster >= 0 ? COARSE(m1->cluster) : 0xFFFE) : 0xFFFF);
	put(&sw, T_CCP1, p1 ? (p1->cluster >= 0 ? COARSE(p1->cluster) : 0xFFFE) : 0xFFFF);
	put(&sw, T_CCM2, m2 ? (m2->cluster >= 0 ? COARSE(m2->cluster) : 0xFFFE) : 0xFFFF);
	put(&sw, T_CCP2, p2 ? (p2->cluster >= 0 ? COARSE(p2->cluster) : 0xFFFE) : 0xFFFF);
	put_bits(&sw, T_LEX0, c->lexicon);
	put_bits(&sw, T_LEXM1, m1 ? m1->lexicon : 0);
	put_bits(&sw, T_LEXM2, m2 ? m2->lexicon : 0);
	put_bits(&sw, T_LEXP1, p1 ? p1->lexicon : 0);
	put_bits(&sw, T_DOC, doc_flags);
	for (k = 0; k < KB_NER_CLUSTER_SETS - 1; k++)
		more_cluster_features(&sw, T_MORE + 8 * (unsigned)k, c->more[k],
		                      m1 ? m1->more[k] : -2, p1 ? p1->more[k] : -2);
	memset(out + sw.count, 0, (KB_NER_SLOTS - sw.count) * sizeof *out);
}

/* The corpus-lexicon features: the word's code, and its code with its
 * neighbours' (99 past the sentence's ends). */
enum { T_CORPUS = 300, T_CORPUS_WINDOW };

void kb_ner_corpus_features(const uint8_t *codes, const uint32_t *sent, size_t n,
                            uint32_t *feats)
{
	size_t i;
	for (i = 0; i < n; i++) {
		uint32_t prev = i > 0 && sent[i - 1] == sent[i] ? codes[i - 1] : 99;
		uint32_t next = i + 1 < n && sent[i + 1] == sent[i] ? codes[i + 1] : 99;
		feats[i * KB_NER_SLOTS + KB_NER_CORPUS_SLOT] = feature(T_CORPUS, codes[i]);
		feats[i * KB_NER_SLOTS + KB_NER_CORPUS_SLOT + 1] =
			feature(T_CORPUS_WINDOW, (prev * 128 + codes[i]) * 128 + next);
	}
}

/* ==================================================================== */
/* Second-pass features                                                   */
/* ==================================================================== */

enum { T_LAB_M1 = 200, T_LAB_0, T_LAB_P1, T_LAB_M2, T_LAB_P2, T_DOC_CLASS, T_DOC_MAJOR = T_DOC_CLASS + 5,
       T_DOC_PAIR };

/* Class counts of the first-pass labels of each stem, in a table keyed by
 * stem (5 counters: O, PERS, LOC, ORG, MISC). */
static kb_status class_counts(const uint32_t *stem, size_t n, const uint8_t *labels,
                              doc_table *t, unsigned **counts)
{
	size_t i;
	kb_status st = doc_table_init(t, n);
	if (st != KB_OK)
		return st;
	*counts = calloc((t->mask + 1) * 5, sizeof **counts);
	if (!*counts) {
		doc_table_free(t);
		return KB_ENOMEM;
	}
	for (i = 0; i < n; i++)
		if (stem[i]) {
			unsigned *slot = doc_table_slot(t, stem[i]);
			(*counts)[(size_t)(slot - t->flags) * 5 + (size_t)(labels[i] + 1) / 2]++;
		}
	return KB_OK;
}

static uint32_t label_at(const uint32_t *sent, size_t n, const uint8_t *labels, size_t i, long d)
{
	long j = (long)i + d;
	if (j < 0 || (size_t)j >= n || sent[j] != sent[i])
		return 99;
	return labels[j];
}

kb_status kb_ner_label_features(const uint32_t *stem, const uint32_t *sent, size_t n,
                                const uint8_t *labels, uint32_t *feats)
{
	doc_table table;
	unsigned *counts;
	size_t i;
	kb_status st = class_counts(stem, n, labels, &table, &counts);
	if (st != KB_OK)
		return st;
	for (i = 0; i < n; i++) {
		uint32_t *out = feats + i * KB_NER_SLOTS + KB_NER_BASE_SLOTS;
		unsigned c[5] = {0, 0, 0, 0, 0}, k, major = 0, others = 0;
		memset(out, 0, (KB_NER_SLOTS - KB_NER_BASE_SLOTS) * sizeof *out);
		out[0] = feature(T_LAB_M1, label_at(sent, n, labels, i, -1));
		out[1] = feature(T_LAB_0, labels[i]);
		out[2] = feature(T_LAB_P1, label_at(sent, n, labels, i, 1));
		out[3] = feature(T_LAB_M2, label_at(sent, n, labels, i, -2));
		out[4] = feature(T_LAB_P2, label_at(sent, n, labels, i, 2));
		if (!stem[i])
			continue;
		memcpy(c, counts + (size_t)(doc_table_slot(&table, stem[i]) - table.flags) * 5, sizeof c);
		c[(labels[i] + 1) / 2]--;
		for (k = 0; k < 5; k++) {
			others += c[k];
			if (c[k] > c[major])
				major = k;
		}
		if (!others)
			continue;
		out[5] = feature(T_DOC_MAJOR, major);
		out[6] = feature(T_DOC_PAIR, major * 16 + labels[i]);
		for (k = 1; k < 5; k++)
			if (c[k])
				out[6 + k] = feature(T_DOC_CLASS + k, 1);
	}
	free(counts);
	doc_table_free(&table);
	return KB_OK;
}

/* ==================================================================== */
/* Extraction                                                             */
/* ==================================================================== */

static kb_status reserve_features(kb_ner_features *out, size_t n)
{
	uint32_t *p;
	if (n <= out->cap)
		return KB_OK;
	if (!(p = realloc(out->feats, n * KB_NER_SLOTS * sizeof *p)))
		return KB_ENOMEM;
	out->feats = p;
	if (!(p = realloc(out->stem, n * sizeof *p)))
		return KB_ENOMEM;
	out->stem = p;
	if (!(p = realloc(out->sent, n * sizeof *p)))
		return KB_ENOMEM;
	out->sent = p;
	out->cap = n;
	return KB_OK;
}

/* Normalizes and analyses every word; sent[i] numbers its sentence. */
static kb_status analyse_words(const kb_ner_word *words, size_t n, word_info *info, size_t *sent)
{
	kb_norm_options opts;
	kb_buf norm = {NULL, 0, 0};
	size_t i, s = 0;
	kb_status st = kb_norm_profile(&opts, "search");
	for (i = 0; st == KB_OK && i < n; i++) {
		norm.len = 0;
		st = kb_normalize(&opts, words[i].text, words[i].len, &norm, NULL, NULL);
		if (st != KB_OK)
			break;
		if (i > 0 && words[i].sentence_start)
			s++;
		sent[i] = s;
		analyse_word(norm.data ? norm.data : "", norm.len, &info[i]);
	}
	kb_buf_free(&norm);
	return st;
}

/* The document flags of every word: context flags of all mentions of its
 * stem, minus those of this very mention (so the feature is evidence
 * from elsewhere in the document). */
static kb_status document_flags(const word_info *info, size_t n, const size_t *sent,
                                unsigned *doc)
{
	doc_table table;
	size_t i;
	kb_status st = doc_table_init(&table, n);
	if (st != KB_OK)
		return st;
	for (i = 0; i < n; i++) {
		doc[i] = context_flags(at(info, n, sent, i, -1), at(info, n, sent, i, -2));
		if (info[i].arabic)
			*doc_table_slot(&table, info[i].stem) |= doc[i];
	}
	for (i = 0; i < n; i++) {
		unsigned all = info[i].arabic ? *doc_table_slot(&table, info[i].stem) : 0;
		doc[i] = all & ~doc[i];
	}
	doc_table_free(&table);
	return KB_OK;
}

kb_status kb_ner_extract(const kb_ner_word *words, size_t n, kb_ner_features *out)
{
	word_info *info;
	size_t *sent, i;
	unsigned *doc;
	uint8_t *codes;
	kb_status st = reserve_features(out, n);
	if (st != KB_OK)
		return st;
	out->n = n;
	if (n == 0)
		return KB_OK;
	info = malloc(n * sizeof *info);
	sent = malloc(n * sizeof *sent);
	doc = malloc(n * sizeof *doc);
	codes = malloc(n);
	if (!info || !sent || !doc || !codes)
		st = KB_ENOMEM;
	if (st == KB_OK)
		st = analyse_words(words, n, info, sent);
	if (st == KB_OK)
		st = document_flags(info, n, sent, doc);
	for (i = 0; st == KB_OK && i < n; i++) {
		word_features(info, n, sent, i, doc[i], out->feats + i * KB_NER_SLOTS);
		out->stem[i] = info[i].arabic ? (info[i].stem ? info[i].stem : 1) : 0;
		out->sent[i] = (uint32_t)sent[i];
		codes[i] = info[i].corpus;
	}
	if (st == KB_OK)
		kb_ner_corpus_features(codes, out->sent, n, out->feats);
	free(info);
	free(sent);
	free(doc);
	free(codes);
	return st;
}

void kb_ner_features_free(kb_ner_features *features)
{
	free(features->feats);
	free(features->stem);
	free(features->sent);
	features->feats = features->stem = features->sent = NULL;
	features->n = features->cap = 0;
}
