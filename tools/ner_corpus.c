/*
 * ner_corpus.c: learns the tagger's word clusters and mined name lists from
 * unlabeled news (SaudiNewsNet's articles.jsonl, read on stdin).
 *
 *   zcat articles.jsonl.gz | ner_corpus TRIGGERS.tsv CLUSTERS.tsv MINED.tsv [SENTENCES.txt]
 *
 * Words are stems of the search form (proclitics stripped, exactly as the
 * tagger sees them). The VOCAB most frequent stems get vectors: seeded,
 * single-threaded skip-gram with negative sampling (word2vec; SETS_SKIPGRAM
 * clusterings of them) and, optionally (SETS_PPMI, 0 by default: measured
 * weaker), PPMI of the frequent stems at offsets -2..+2 through a fixed
 * random projection. Each clustering is three levels of spherical k-means:
 * COARSE clusters, each split in FINE_PER and each of those in FINEST_PER
 * (a hierarchy, like Brown cluster prefixes). Deterministic.
 *
 * SENTENCES.txt (optional) gets the first 3 million tokens as sentences,
 * one a line, for the trainer's corpus lexicon (tools/ner_train.c -C).
 *
 * MINED.tsv lists stems that often follow a TITLE or SPEECH trigger
 * (PERSON) or a LOC_HEAD (PLACE) in the corpus.
 */
#include <math.h>

#include "kb_ner_internal.h"
#include "ner_common.h"

#ifndef VOCAB
#define VOCAB 40000
#endif
#ifndef CONTEXTS
#define CONTEXTS 800
#endif
#ifndef DIM
#define DIM 128
#endif
#ifndef COARSE
#define COARSE 64
#endif
#ifndef FINE_PER
#define FINE_PER 16
#endif
#ifndef FINEST_PER
#define FINEST_PER 4
#endif
#ifndef ITERATIONS
#define ITERATIONS 12
#endif
#ifndef MIN_COUNT
#define MIN_COUNT 5
#endif
/* Independent clusterings (each its own projection or vectors, and its
 * own k-means seeds): their partitions err differently, so the tagger
 * sees each. SETS_PPMI of PPMI vectors, then SETS_SKIPGRAM of skip-gram. */
#ifndef SETS_PPMI
#define SETS_PPMI 0
#endif
#ifndef SETS_SKIPGRAM
#define SETS_SKIPGRAM 2
#endif
#define SETS (SETS_PPMI + SETS_SKIPGRAM)
#ifndef SG_EPOCHS
#define SG_EPOCHS 2
#endif
#define SG_NEGATIVE 5
#define SG_WINDOW 2
#define SG_TABLE (1 << 22)
#define SG_RATE 0.025
#define SG_SAMPLE 1e-4

/* ==================================================================== */
/* Interning stems                                                        */
/* ==================================================================== */

typedef struct {
	char **str;
	uint32_t *len, *count;
	uint32_t *slots;      /* id + 1, 0 = empty */
	size_t n, cap, mask;
} interner;

static void interner_init(interner *t)
{
	t->cap = 1 << 20;
	t->mask = (1 << 22) - 1;
	t->str = xmalloc(t->cap * sizeof *t->str);
	t->len = xmalloc(t->cap * sizeof *t->len);
	t->count = xcalloc(t->cap, sizeof *t->count);
	t->slots = xcalloc(t->mask + 1, sizeof *t->slots);
	t->n = 0;
}

static uint32_t intern(interner *t, const char *s, size_t n)
{
	size_t i = kb_ner_hash(s, n, 7) & t->mask;
	for (; t->slots[i]; i = (i + 1) & t->mask) {
		uint32_t id = t->slots[i] - 1;
		if (t->len[id] == n && memcmp(t->str[id], s, n) == 0)
			return id;
	}
	if (t->n == t->cap || t->n >= t->mask / 2) {
		fprintf(stderr, "ner_corpus: too many distinct words\n");
		exit(1);
	}
	t->str[t->n] = xmalloc(n + 1);
	memcpy(t->str[t->n], s, n);
	t->str[t->n][n] = 0;
	t->len[t->n] = (uint32_t)n;
	t->slots[i] = (uint32_t)++t->n;
	return (uint32_t)(t->n - 1);
}

/* ==================================================================== */
/* Reading the corpus                                                     */
/* ==================================================================== */

#define BOUNDARY 0xFFFFFFFFu

typedef struct {
	uint32_t *ids;
	size_t n, cap;
} id_seq;

static void seq_push(id_seq *q, uint32_t id)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 1 << 22;
		q->ids = xrealloc(q->ids, q->cap * sizeof *q->ids);
	}
	q->ids[q->n++] = id;
}

/* Unescapes the JSON string starting after the opening quote at s into
 * out; returns the position after the closing quote. */
static const char *json_string(const char *s, kb_buf *out)
{
	char u[4];
	while (*s && *s != '"') {
		if (*s == '\\' && s[1]) {
			s++;
			if (*s == 'u' && s[1] && s[2] && s[3] && s[4]) {
				char hex[5] = {s[1], s[2], s[3], s[4], 0};
				size_t k = kb_utf8_encode((int32_t)strtol(hex, NULL, 16), u);
				kb_buf_append(out, u, k);
				s += 5;
				continue;
			}
			kb_buf_append(out, *s == 'n' || *s == 't' || *s == 'r' ? " " : s, 1);
			s++;
			continue;
		}
		kb_buf_append(out, s, 1);
		s++;
	}
	return *s ? s + 1 : s;
}

/* Splits normalized text into words and punctuation; each word becomes
 * its stem, each number "0", each punctuation mark itself. */
static void add_text(interner *t, id_seq *q, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j, a, b, p;
		while (i < n && s[i] == ' ')
			i++;
		for (j = i; j < n && s[j] != ' '; j++)
			;
		if (j == i)
			break;
		kb_ner_core(s + i, j - i, &a, &b);
		for (p = i; p < i + a; p++)
			seq_push(q, intern(t, s + p, 1));
		if (b > a) {
			const char *w = s + i + a;
			size_t wl = b - a, pre;
			if (w[0] >= '0' && w[0] <= '9') {
				seq_push(q, intern(t, "0", 1));
			} else {
				pre = kb_ner_prefix_len(w, wl);
				seq_push(q, intern(t, w + pre, wl - pre));
			}
		}
		for (p = i + b; p < j; p++) {
			seq_push(q, intern(t, s + p, 1));
			if (s[p] == '.')
				seq_push(q, BOUNDARY);
		}
		i = j;
	}
}

/* Writes normalized text as sentences for the trainer's corpus lexicon:
 * one sentence a line, punctuation split off as in ANERcorp. */
#define SENTENCE_TOKENS 3000000

static size_t write_sentences(FILE *out, const char *s, size_t n, size_t budget)
{
	size_t i = 0, written = 0, line = 0;
	while (i < n && written < budget) {
		size_t j, a, b, p;
		while (i < n && s[i] == ' ')
			i++;
		for (j = i; j < n && s[j] != ' '; j++)
			;
		if (j == i)
			break;
		kb_ner_core(s + i, j - i, &a, &b);
		for (p = i; p < i + a; p++, written++, line++)
			fprintf(out, "%s%c", line ? " " : "", s[p]);
		if (b > a) {
			fprintf(out, "%s%.*s", line ? " " : "", (int)(b - a), s + i + a);
			written++;
			line++;
		}
		for (p = i + b; p < j; p++, written++, line++) {
			fprintf(out, " %c", s[p]);
			if (s[p] == '.' || s[p] == '?' || s[p] == '!') {
				fputc('\n', out);
				line = 0;
			}
		}
		i = j;
	}
	if (line)
		fputc('\n', out);
	return written;
}

static void read_corpus(interner *t, id_seq *q, FILE *sentences)
{
	size_t budget = SENTENCE_TOKENS;
	static char line[1 << 22];
	kb_buf raw = {NULL, 0, 0}, norm = {NULL, 0, 0};
	kb_norm_options opts;
	size_t articles = 0;
	kb_norm_profile(&opts, "search");
	while (fgets(line, sizeof line, stdin)) {
		const char *fields[2] = {"\"title\": \"", "\"text\": \""};
		int f;
		for (f = 0; f < 2; f++) {
			const char *p = strstr(line, fields[f]);
			if (!p)
				continue;
			raw.len = norm.len = 0;
			json_string(p + strlen(fields[f]), &raw);
			if (kb_normalize(&opts, raw.data ? raw.data : "", raw.len, &norm, NULL, NULL) != KB_OK)
				continue;
			add_text(t, q, norm.data ? norm.data : "", norm.len);
			if (sentences && f == 1 && budget > 0)
				budget -= write_sentences(sentences, norm.data ? norm.data : "", norm.len, budget);
			seq_push(q, BOUNDARY);
		}
		articles++;
	}
	kb_buf_free(&raw);
	kb_buf_free(&norm);
	fprintf(stderr, "corpus: %zu articles, %zu tokens, %zu types\n", articles, q->n, t->n);
}

/* ==================================================================== */
/* Vectors                                                                */
/* ==================================================================== */

static const interner *sort_table;

static int by_count(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint32_t cx = sort_table->count[x], cy = sort_table->count[y];
	if (cx != cy)
		return cx > cy ? -1 : 1;
	return strcmp(sort_table->str[x], sort_table->str[y]);
}

#ifndef SEED
#define SEED 0x2545F4914F6CDD1Du
#endif
static uint64_t seed = SEED;

static double uniform(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (double)(seed >> 11) / 9007199254740992.0;
}

/* Context counts, PPMI, projection, normalization: vec[v * DIM]. */
static float *context_vectors(const id_seq *q, const int32_t *vocab_of, const int32_t *ctx_of,
                              size_t vocab)
{
	const size_t dims = 4 * CONTEXTS;
	uint32_t *counts = xcalloc(vocab * dims, sizeof *counts);
	double *col = xcalloc(dims, sizeof *col), *row = xcalloc(vocab, sizeof *row), total = 0;
	float *proj = xmalloc(dims * DIM * sizeof *proj), *vec = xcalloc(vocab * DIM, sizeof *vec);
	static const int offsets[4] = {-2, -1, 1, 2};
	size_t t, v, d, k;
	for (t = 0; t < q->n; t++) {
		int32_t w = q->ids[t] == BOUNDARY ? -1 : vocab_of[q->ids[t]];
		if (w < 0)
			continue;
		for (k = 0; k < 4; k++) {
			long u = (long)t + offsets[k];
			int32_t c;
			if (u < 0 || (size_t)u >= q->n || q->ids[u] == BOUNDARY)
				continue;
			c = ctx_of[q->ids[u]];
			if (c >= 0)
				counts[(size_t)w * dims + k * CONTEXTS + (size_t)c]++;
		}
	}
	for (v = 0; v < vocab; v++)
		for (d = 0; d < dims; d++) {
			row[v] += counts[v * dims + d];
			col[d] += pow(counts[v * dims + d], 1.0);
		}
	for (d = 0; d < dims; d++) {
		col[d] = pow(col[d], 0.75);
		total += col[d];
	}
	for (d = 0; d < dims * DIM; d++)
		proj[d] = uniform() < 0.5 ? -1.0f : 1.0f;
	for (v = 0; v < vocab; v++) {
		double norm = 0;
		for (d = 0; d < dims; d++) {
			double c = counts[v * dims + d], pmi;
			if (c == 0)
				continue;
			pmi = log(c * total / (row[v] * col[d]));
			if (pmi <= 0)
				continue;
			for (k = 0; k < DIM; k++)
				vec[v * DIM + k] += (float)pmi * proj[d * DIM + k];
		}
		for (k = 0; k < DIM; k++)
			norm += (double)vec[v * DIM + k] * vec[v * DIM + k];
		norm = norm > 0 ? sqrt(norm) : 1;
		for (k = 0; k < DIM; k++)
			vec[v * DIM + k] = (float)(vec[v * DIM + k] / norm);
	}
	free(counts);
	free(col);
	free(row);
	free(proj);
	return vec;
}

static float sigmoid(float x)
{
	x = x > 6 ? 6 : x < -6 ? -6 : x;
	return 1.0f / (1.0f + expf(-x));
}

/* Whether the words at t and u (within SG_WINDOW) are in one sentence. */
static int same_sentence(const id_seq *q, size_t t, long u)
{
	long k, lo = u < (long)t ? u : (long)t, hi = u < (long)t ? (long)t : u;
	if (u < 0 || (size_t)u >= q->n)
		return 0;
	for (k = lo; k <= hi; k++)
		if (q->ids[k] == BOUNDARY)
			return 0;
	return 1;
}

/* One skip-gram step: word w against context c and SG_NEGATIVE samples. */
static void skipgram_step(float *in, float *out, const uint32_t *table, int32_t w, int32_t c,
                          float rate)
{
	float grad[DIM], *x = in + (size_t)w * DIM;
	int k;
	size_t d;
	memset(grad, 0, sizeof grad);
	for (k = 0; k <= SG_NEGATIVE; k++) {
		int32_t target = k == 0 ? c : (int32_t)table[(size_t)(uniform() * SG_TABLE) % SG_TABLE];
		float dot = 0, g, *y = out + (size_t)target * DIM;
		if (k > 0 && target == c)
			continue;
		for (d = 0; d < DIM; d++)
			dot += x[d] * y[d];
		g = ((k == 0) - sigmoid(dot)) * rate;
		for (d = 0; d < DIM; d++) {
			grad[d] += g * y[d];
			y[d] += g * x[d];
		}
	}
	for (d = 0; d < DIM; d++)
		x[d] += grad[d];
}

/* Skip-gram with negative sampling (word2vec), single-threaded and seeded
 * so the result is reproducible: a second view of the words beside the
 * PPMI vectors. Words outside the vocabulary are skipped; the result is
 * the input vectors, normalized, vec[v * DIM]. */
static float *skipgram_vectors(const id_seq *q, const int32_t *vocab_of, size_t vocab,
                               const uint32_t *freq)
{
	float *in = xmalloc(vocab * DIM * sizeof *in), *out = xcalloc(vocab * DIM, sizeof *out);
	uint32_t *table = xmalloc(SG_TABLE * sizeof *table);
	double total = 0, acc = 0, words = 0;
	size_t v, i, t, step = 0, steps = (size_t)SG_EPOCHS * q->n;
	int e;
	for (v = 0; v < vocab; v++) {
		total += pow(freq[v], 0.75);
		words += freq[v];
	}
	for (i = 0, v = 0; i < SG_TABLE; i++) {
		while (v + 1 < vocab && (double)i / SG_TABLE > (acc + pow(freq[v], 0.75)) / total)
			acc += pow(freq[v++], 0.75);
		table[i] = (uint32_t)v;
	}
	for (i = 0; i < vocab * DIM; i++)
		in[i] = (float)((uniform() - 0.5) / DIM);
	for (e = 0; e < SG_EPOCHS; e++)
		for (t = 0; t < q->n; t++, step++) {
			int32_t w = q->ids[t] == BOUNDARY ? -1 : vocab_of[q->ids[t]];
			double f, keep;
			float rate;
			long off;
			if (w < 0)
				continue;
			f = freq[w] / words;
			keep = (sqrt(f / SG_SAMPLE) + 1) * SG_SAMPLE / f;
			if (keep < 1 && uniform() > keep)
				continue;
			rate = (float)(SG_RATE * (1 - (double)step / (double)steps));
			rate = rate < SG_RATE * 1e-4f ? SG_RATE * 1e-4f : rate;
			for (off = -SG_WINDOW; off <= SG_WINDOW; off++) {
				int32_t c;
				if (off == 0 || !same_sentence(q, t, (long)t + off))
					continue;
				c = vocab_of[q->ids[(long)t + off]];
				if (c >= 0)
					skipgram_step(in, out, table, w, c, rate);
			}
		}
	for (v = 0; v < vocab; v++) {
		double norm = 0;
		for (i = 0; i < DIM; i++)
			norm += (double)in[v * DIM + i] * in[v * DIM + i];
		norm = norm > 0 ? sqrt(norm) : 1;
		for (i = 0; i < DIM; i++)
			in[v * DIM + i] = (float)(in[v * DIM + i] / norm);
	}
	free(out);
	free(table);
	return in;
}

/* Spherical k-means of the members[0..m) rows into k clusters (labels out). */
static void kmeans(const float *vec, const uint32_t *members, size_t m, size_t k, uint32_t *label)
{
	float *cent = xcalloc(k * DIM, sizeof *cent);
	size_t i, c, d, it;
	if (m == 0)
		return;
	for (c = 0; c < k; c++) {
		size_t pick = (size_t)(uniform() * (double)m) % m;
		memcpy(cent + c * DIM, vec + (size_t)members[pick] * DIM, DIM * sizeof *cent);
	}
	for (it = 0; it < ITERATIONS; it++) {
		for (i = 0; i < m; i++) {
			const float *x = vec + (size_t)members[i] * DIM;
			float best = -2;
			for (c = 0; c < k; c++) {
				float dot = 0;
				for (d = 0; d < DIM; d++)
					dot += x[d] * cent[c * DIM + d];
				if (dot > best) {
					best = dot;
					label[i] = (uint32_t)c;
				}
			}
		}
		memset(cent, 0, k * DIM * sizeof *cent);
		for (i = 0; i < m; i++)
			for (d = 0; d < DIM; d++)
				cent[label[i] * DIM + d] += vec[(size_t)members[i] * DIM + d];
		for (c = 0; c < k; c++) {
			double norm = 0;
			for (d = 0; d < DIM; d++)
				norm += (double)cent[c * DIM + d] * cent[c * DIM + d];
			norm = norm > 0 ? sqrt(norm) : 1;
			for (d = 0; d < DIM; d++)
				cent[c * DIM + d] = (float)(cent[c * DIM + d] / norm);
		}
	}
	free(cent);
}

/* ==================================================================== */
/* Triggers and mined lists                                               */
/* ==================================================================== */

static unsigned *read_triggers(const char *path, interner *t)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	unsigned *flags = xcalloc(t->cap, sizeof *flags);
	kb_buf norm = {NULL, 0, 0};
	kb_norm_options opts;
	kb_norm_profile(&opts, "search");
	if (!f) {
		fprintf(stderr, "ner_corpus: cannot open %s\n", path);
		exit(1);
	}
	while (fgets(line, sizeof line, f)) {
		char *tab = strchr(line, '\t');
		size_t a, b, p;
		unsigned fl = 0;
		if (line[0] == '#' || !tab)
			continue;
		*tab = 0;
		fl |= strstr(tab + 1, "TITLE") || strstr(tab + 1, "SPEECH") ? 1u : 0u;
		fl |= strstr(tab + 1, "LOC_HEAD") ? 2u : 0u;
		norm.len = 0;
		kb_normalize(&opts, line, strlen(line), &norm, NULL, NULL);
		kb_ner_core(norm.data, norm.len, &a, &b);
		p = kb_ner_prefix_len(norm.data + a, b - a);
		flags[intern(t, norm.data + a + p, b - a - p)] |= fl;
	}
	fclose(f);
	kb_buf_free(&norm);
	return flags;
}

static void write_mined(const char *path, const interner *t, const id_seq *q,
                        const unsigned *trig, const uint32_t *order, size_t vocab)
{
	uint32_t *after_person = xcalloc(t->n, sizeof *after_person);
	uint32_t *after_place = xcalloc(t->n, sizeof *after_place);
	FILE *f = fopen(path, "w");
	size_t i, persons = 0, places = 0;
	if (!f)
		exit(1);
	for (i = 1; i < q->n; i++) {
		uint32_t prev = q->ids[i - 1], cur = q->ids[i];
		if (prev == BOUNDARY || cur == BOUNDARY)
			continue;
		if (trig[prev] & 1)
			after_person[cur]++;
		if (trig[prev] & 2)
			after_place[cur]++;
	}
	fprintf(f, "# Mined from SaudiNewsNet by tools/ner_corpus.c: stems that often follow a\n"
	        "# title or speech verb (PERSON) or a place head (PLACE). stem <TAB> flags\n");
	for (i = 0; i < vocab; i++) {
		uint32_t w = order[i];
		double n = t->count[w];
		int person = after_person[w] >= 4 && after_person[w] / n >= 0.15 && !trig[w];
		int place = after_place[w] >= 4 && after_place[w] / n >= 0.15 && !trig[w];
		if (!person && !place)
			continue;
		fprintf(f, "%s\t%s%s%s\n", t->str[w], person ? "PERSON" : "",
		        person && place ? "," : "", place ? "PLACE" : "");
		persons += (size_t)person;
		places += (size_t)place;
	}
	fclose(f);
	fprintf(stderr, "mined: %zu persons, %zu places\n", persons, places);
	free(after_person);
	free(after_place);
}

/* Three levels of spherical k-means over vec: COARSE clusters, each split
 * in FINE_PER, each of those in FINEST_PER; the finest ids end in coarse[]. */
static void cluster_hierarchy(const float *vec, size_t vocab, uint32_t *members, uint32_t *coarse,
                              uint32_t *fine, uint32_t *sub)
{
	size_t i, c;
	for (i = 0; i < vocab; i++)
		members[i] = (uint32_t)i;
	kmeans(vec, members, vocab, COARSE, coarse);
	for (c = 0; c < COARSE; c++) {
		size_t m = 0;
		for (i = 0; i < vocab; i++)
			if (coarse[i] == c)
				members[m++] = (uint32_t)i;
		kmeans(vec, members, m, m < FINE_PER ? (m ? m : 1) : FINE_PER, sub);
		for (i = 0; i < m; i++)
			fine[members[i]] = (uint32_t)(c * FINE_PER) + sub[i];
	}
	for (c = 0; c < (size_t)COARSE * FINE_PER; c++) {
		size_t m = 0;
		for (i = 0; i < vocab; i++)
			if (fine[i] == c)
				members[m++] = (uint32_t)i;
		kmeans(vec, members, m, m < FINEST_PER ? (m ? m : 1) : FINEST_PER, sub);
		for (i = 0; i < m; i++)
			coarse[members[i]] = (uint32_t)(c * FINEST_PER) + sub[i];
	}
}

/* ==================================================================== */
/* Main                                                                   */
/* ==================================================================== */

int main(int argc, char **argv)
{
	interner t;
	id_seq q = {NULL, 0, 0};
	uint32_t *order, *members, *coarse, *fine, *sub, *labels[SETS];
	int32_t *vocab_of, *ctx_of;
	unsigned *trig;
	size_t i, vocab = 0;
	int set;
	float *vec;
	FILE *out;
	FILE *sentences = NULL;
	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: zcat articles.jsonl.gz | ner_corpus TRIGGERS.tsv CLUSTERS.tsv MINED.tsv "
		        "[SENTENCES.txt]\n");
		return 2;
	}
	if (argc == 5 && !(sentences = fopen(argv[4], "w"))) {
		fprintf(stderr, "ner_corpus: cannot write %s\n", argv[4]);
		return 1;
	}
	interner_init(&t);
	trig = read_triggers(argv[1], &t);
	read_corpus(&t, &q, sentences);
	if (sentences)
		fclose(sentences);
	for (i = 0; i < q.n; i++)
		if (q.ids[i] != BOUNDARY)
			t.count[q.ids[i]]++;
	order = xmalloc(t.n * sizeof *order);
	for (i = 0; i < t.n; i++)
		order[i] = (uint32_t)i;
	sort_table = &t;
	qsort(order, t.n, sizeof *order, by_count);
	vocab_of = xmalloc(t.n * sizeof *vocab_of);
	ctx_of = xmalloc(t.n * sizeof *ctx_of);
	for (i = 0; i < t.n; i++) {
		vocab_of[order[i]] = i < VOCAB && t.count[order[i]] >= MIN_COUNT ? (int32_t)i : -1;
		ctx_of[order[i]] = i < CONTEXTS ? (int32_t)i : -1;
		if (vocab_of[order[i]] >= 0)
			vocab = i + 1;
	}
	write_mined(argv[3], &t, &q, trig, order, vocab);
	members = xmalloc(vocab * sizeof *members);
	coarse = xmalloc(vocab * sizeof *coarse);
	fine = xmalloc(vocab * sizeof *fine);
	sub = xmalloc(vocab * sizeof *sub);
	for (set = 0; set < SETS_PPMI; set++) {
		labels[set] = xmalloc(vocab * sizeof *labels[set]);
		vec = context_vectors(&q, vocab_of, ctx_of, vocab);
		cluster_hierarchy(vec, vocab, members, coarse, fine, sub);
		memcpy(labels[set], coarse, vocab * sizeof *coarse);
		free(vec);
	}
	if (SETS_SKIPGRAM > 0) {
		uint32_t *freq = xmalloc(vocab * sizeof *freq);
		for (i = 0; i < vocab; i++)
			freq[i] = t.count[order[i]];
		vec = skipgram_vectors(&q, vocab_of, vocab, freq);
		for (set = SETS_PPMI; set < SETS; set++) {
			labels[set] = xmalloc(vocab * sizeof *labels[set]);
			cluster_hierarchy(vec, vocab, members, coarse, fine, sub);
			memcpy(labels[set], coarse, vocab * sizeof *coarse);
		}
		free(vec);
		free(freq);
	}
	out = fopen(argv[2], "w");
	if (!out)
		return 1;
	fprintf(out, "# Word clusters of SaudiNewsNet stems (tools/ner_corpus.c), %d clusterings\n"
	        "# (%d of PPMI vectors, then %d of skip-gram vectors) of three levels:\n"
	        "# stem <TAB> cluster... (0..%d; /%d: fine, /%d: coarse)\n", SETS, SETS_PPMI, SETS_SKIPGRAM,
	        COARSE * FINE_PER * FINEST_PER - 1, FINEST_PER, FINE_PER * FINEST_PER);
	for (i = 0; i < vocab; i++) {
		fprintf(out, "%s", t.str[order[i]]);
		for (set = 0; set < SETS; set++)
			fprintf(out, "\t%u", labels[set][i]);
		fprintf(out, "\n");
	}
	fclose(out);
	fprintf(stderr, "clusters: %zu stems, %d coarse x %d fine\n", vocab, COARSE, FINE_PER);
	return 0;
}
