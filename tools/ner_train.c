/*
 * ner_train.c: trains the NER tagger (averaged structured perceptron over
 * the features of csrc/kb_ner_features.c, Viterbi decoding) and writes the
 * compiled model csrc/gen/ner_model.h. Deterministic: a fixed seed orders
 * the sentences of each epoch.
 *
 *   ner_train [-e EPOCHS] [-d DOCSENTS] [-k FOLDS] [-p PRUNE] [-c COST_O COST_MISS]
 *             [-q COST_MISS_PERSON] [-J [-M MIN] | -C SENTENCES.txt] [-X CORPUS.tsv]
 *             [-o MODEL.h] [-P DEVPRED] TRAIN.txt [TRAIN2.txt ...] [-- DEV.txt]
 *
 * The two corpus slots of each word hold a code of its stem from a lexicon
 * (CORPUS.tsv, compiled by tools/ner_tables.c): with -J the training
 * lexicon (the stem's classes in the training data, jackknifed over the
 * folds: the default of `make train`), with -C (unlabeled sentences from
 * tools/ner_corpus.c) the corpus lexicon (how first-pass models label the
 * stem in news). The model then expects that lexicon, so run
 * `make ner-tables` after it (`make train` does).
 *
 * Input files are ANERcorp-style "TOKEN TAG" lines, a blank line between
 * sentences. Runs of DOCSENTS sentences form one document (the unit of the
 * document features), as `khabar tag-conll` does.
 */
#include <math.h>

#include "kb_ner_internal.h"
#include "ner_common.h"

#define L KB_NER_LABEL_COUNT

/* ==================================================================== */
/* Corpus                                                                 */
/* ==================================================================== */

typedef struct {
	kb_ner_word *words;
	uint8_t *gold, *pred;
	char **text;
	size_t n, cap;
	uint32_t *feats;          /* n * KB_NER_SLOTS dense ids + 1 (0 = none) */
	uint32_t *stem, *sent;    /* per word, as kb_ner_features has them */
	size_t *sent_start;       /* word index of each sentence, plus n */
	size_t sents;
	size_t *doc_start;        /* word index of each document, plus n */
	size_t docs;
} corpus;

static int label_of(const char *tag)
{
	int y;
	for (y = 0; y < L; y++)
		if (strcmp(kb_ner_label_name(y), tag) == 0)
			return y;
	return 0;
}

static void corpus_add(corpus *c, const char *tok, size_t len, int y, int start)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4096;
		c->words = xrealloc(c->words, c->cap * sizeof *c->words);
		c->gold = xrealloc(c->gold, c->cap);
		c->pred = xrealloc(c->pred, c->cap);
		c->text = xrealloc(c->text, c->cap * sizeof *c->text);
	}
	c->text[c->n] = xmalloc(len + 1);
	memcpy(c->text[c->n], tok, len);
	c->text[c->n][len] = 0;
	c->words[c->n].text = c->text[c->n];
	c->words[c->n].len = len;
	c->words[c->n].sentence_start = start;
	c->gold[c->n] = (uint8_t)y;
	c->n++;
}

static void corpus_read(corpus *c, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int start = 1;
	if (!f) {
		fprintf(stderr, "ner_train: cannot open %s\n", path);
		exit(1);
	}
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\r\n");
		char *sp;
		line[len] = 0;
		if (len == 0) {
			start = 1;
			continue;
		}
		sp = strrchr(line, ' ');
		if (sp) {
			*sp = 0;
			corpus_add(c, line, (size_t)(sp - line), label_of(sp + 1), start);
		} else {
			corpus_add(c, line, len, 0, start);
		}
		start = 0;
	}
	fclose(f);
}

/* ==================================================================== */
/* Feature ids                                                            */
/* ==================================================================== */

typedef struct {
	uint32_t *keys;
	uint32_t *ids;
	uint32_t *hash_of;   /* hash of each id */
	size_t mask, count;
} feature_map;

static void map_init(feature_map *m, size_t size)
{
	m->keys = xcalloc(size, sizeof *m->keys);
	m->ids = xcalloc(size, sizeof *m->ids);
	m->hash_of = xmalloc(size / 2 * sizeof *m->hash_of);
	m->mask = size - 1;
	m->count = 0;
}

/* The dense id + 1 of hash h; adds it when add is set, else 0 if unknown. */
static uint32_t map_id(feature_map *m, uint32_t h, int add)
{
	size_t i;
	for (i = h & m->mask; m->keys[i]; i = (i + 1) & m->mask)
		if (m->keys[i] == h)
			return m->ids[i];
	if (!add || m->count >= m->mask / 2)
		return 0;
	m->keys[i] = h;
	m->hash_of[m->count] = h;
	m->ids[i] = (uint32_t)++m->count;
	return m->ids[i];
}

/* Extracts features document by document and maps them to ids. */
static void corpus_features(corpus *c, feature_map *m, int add, size_t doc_sents)
{
	kb_ner_features f = {NULL, NULL, NULL, 0, 0};
	size_t i, k, start = 0, in_doc = 0;
	c->feats = xmalloc(c->n * KB_NER_SLOTS * sizeof *c->feats);
	c->stem = xmalloc(c->n * sizeof *c->stem);
	c->sent = xmalloc(c->n * sizeof *c->sent);
	c->sent_start = xmalloc((c->n + 1) * sizeof *c->sent_start);
	c->doc_start = xmalloc((c->n + 1) * sizeof *c->doc_start);
	c->sents = c->docs = 0;
	for (i = 0; i <= c->n; i++) {
		int begins = i < c->n && c->words[i].sentence_start;
		if (begins)
			c->sent_start[c->sents++] = i;
		if (i == c->n || (begins && in_doc == doc_sents)) {
			if (i > start) {
				if (kb_ner_extract(c->words + start, i - start, &f) != KB_OK)
					exit(1);
				for (k = 0; k < (i - start) * KB_NER_SLOTS; k++)
					c->feats[start * KB_NER_SLOTS + k] = f.feats[k] ? map_id(m, f.feats[k], add) : 0;
				memcpy(c->stem + start, f.stem, (i - start) * sizeof *c->stem);
				memcpy(c->sent + start, f.sent, (i - start) * sizeof *c->sent);
				c->doc_start[c->docs++] = start;
			}
			start = i;
			in_doc = 0;
		}
		if (begins)
			in_doc++;
	}
	c->sent_start[c->sents] = c->n;
	c->doc_start[c->docs] = c->n;
	kb_ner_features_free(&f);
}

/* Fills the label slots of every word from the labels in c->pred. */
static void corpus_label_features(corpus *c, feature_map *m, int add)
{
	size_t d, i, k, maxdoc = 0;
	uint32_t *tmp;
	for (d = 0; d < c->docs; d++)
		if (c->doc_start[d + 1] - c->doc_start[d] > maxdoc)
			maxdoc = c->doc_start[d + 1] - c->doc_start[d];
	tmp = xcalloc(maxdoc * KB_NER_SLOTS, sizeof *tmp);
	for (d = 0; d < c->docs; d++) {
		size_t a = c->doc_start[d], b = c->doc_start[d + 1];
		if (kb_ner_label_features(c->stem + a, c->sent + a, b - a, c->pred + a, tmp) != KB_OK)
			exit(1);
		for (i = a; i < b; i++)
			for (k = KB_NER_BASE_SLOTS; k < KB_NER_SLOTS; k++) {
				uint32_t h = tmp[(i - a) * KB_NER_SLOTS + k];
				c->feats[i * KB_NER_SLOTS + k] = h ? map_id(m, h, add) : 0;
			}
	}
	free(tmp);
}

/* ==================================================================== */
/* The perceptron                                                         */
/* ==================================================================== */

typedef struct {
	size_t features;
	int32_t *w;           /* features * L, then (L + 1) * L transitions */
	int64_t *u;           /* sum of step * update, for averaging */
	int64_t step;
	double *avg;          /* averaged weights */
	int32_t *scaled;      /* averaged, scaled to integers for decoding */
} perceptron;

#define SCALE 64.0

static size_t weight_count(const perceptron *p)
{
	return p->features * L + (L + 1) * L;
}

static void update(perceptron *p, size_t index, int delta)
{
	p->w[index] += delta;
	p->u[index] += p->step * delta;
}

static void span_emissions(const int32_t *w, const uint32_t *ids, size_t n, unsigned to, int32_t *em)
{
	size_t i, k;
	memset(em, 0, n * L * sizeof *em);
	for (i = 0; i < n; i++)
		for (k = 0; k < to; k++) {
			uint32_t id = ids[i * KB_NER_SLOTS + k];
			int y;
			if (!id)
				continue;
			for (y = 0; y < L; y++)
				em[i * L + y] += w[(size_t)(id - 1) * L + y];
		}
}

static void emissions(const int32_t *w, const corpus *c, size_t a, size_t b, unsigned to,
                      int32_t *em)
{
	span_emissions(w, c->feats + a * KB_NER_SLOTS, b - a, to, em);
}

static void decode(const int32_t *w, size_t features, const corpus *c, size_t a, size_t b,
                   unsigned to, int32_t *em, uint8_t *back)
{
	int32_t scratch[2 * L];
	emissions(w, c, a, b, to, em);
	kb_ner_viterbi(em, b - a, w + features * L, scratch, back, c->pred + a);
}

/* Loss-augmented decoding: a wrong label earns a bonus, more when it
 * misses an entity, so training pushes recall up. */
static int cost_o = 1, cost_miss = 2;
/* The cost of missing a person's word (-q; default cost_miss): persons are
 * the class that new text has most of and training least. */
static int cost_miss_person = -1;

/* Word dropout (-w): in the second-pass view, the word's own identity
 * features (the word and its stem: slots 1 and 2) are hidden from this
 * share of tokens, so the model learns to lean on the first pass's labels
 * elsewhere in the document. (Measured on dev: no gain; off by default.) */
static unsigned dropout_percent = 0;
static uint32_t *dropout_buf;

static uint32_t rng(void);

/* Passive-aggressive steps (PA-I): the update is just large enough to
 * separate gold from prediction by the loss, capped at pa_cap perceptron
 * steps; 0 keeps the plain perceptron step. */
static double pa_cap = 0, pa_margin = 1;

/* The score of a label path under emissions em and p's transitions. */
static int64_t path_score(const perceptron *p, const int32_t *em, const uint8_t *labels, size_t n)
{
	int64_t sum = 0;
	size_t i;
	for (i = 0; i < n; i++)
		sum += em[i * L + labels[i]] +
		       p->w[p->features * L + (size_t)(i ? labels[i - 1] + 1 : 0) * L + labels[i]];
	return sum;
}

static int miss_cost(int gold)
{
	return (gold == 1 || gold == 2) && cost_miss_person >= 0 ? cost_miss_person : cost_miss;
}

static void train_sentence(perceptron *p, corpus *c, size_t a, size_t b, unsigned to,
                           int32_t *em, uint8_t *back)
{
	size_t i, k, n = b - a, norm2 = 0, wrong = 0;
	int32_t scratch[2 * L];
	int64_t margin;
	int step = (int)SCALE;
	const uint32_t *ids = c->feats + a * KB_NER_SLOTS;
	if (dropout_percent && to == KB_NER_SLOTS) {
		memcpy(dropout_buf, ids, n * KB_NER_SLOTS * sizeof *ids);
		for (i = 0; i < n; i++)
			if (rng() % 100 < dropout_percent)
				dropout_buf[i * KB_NER_SLOTS + 1] = dropout_buf[i * KB_NER_SLOTS + 2] = 0;
		ids = dropout_buf;
	}
	span_emissions(p->w, ids, n, to, em);
	for (i = 0; i < n; i++) {
		int y;
		for (y = 0; y < L; y++)
			if (y != c->gold[a + i])
				em[i * L + y] += (int32_t)SCALE * (c->gold[a + i] ? miss_cost(c->gold[a + i]) :
				                                   (y ? cost_o : 0));
	}
	kb_ner_viterbi(em, n, p->w + p->features * L, scratch, back, c->pred + a);
	if (pa_cap > 0) {
		span_emissions(p->w, ids, n, to, em);
		margin = path_score(p, em, c->gold + a, n) - path_score(p, em, c->pred + a, n);
		for (i = 0; i < n; i++) {
			size_t nz = 0;
			if (c->gold[a + i] == c->pred[a + i])
				continue;
			wrong++;
			for (k = 0; k < to; k++)
				nz += ids[i * KB_NER_SLOTS + k] != 0;
			norm2 += 2 * nz + 4;
		}
		if (!wrong) {
			p->step++;
			return;
		}
		step = (int)(((double)wrong * SCALE * pa_margin - (double)margin) / (double)norm2 + 0.5);
		if (step < 1)
			step = 1;
		if (step > pa_cap * SCALE)
			step = (int)(pa_cap * SCALE);
	}
	for (i = a; i < b; i++) {
		int g = c->gold[i], y = c->pred[i];
		int gp = i > a ? c->gold[i - 1] : -1, yp = i > a ? c->pred[i - 1] : -1;
		if (g != y)
			for (k = 0; k < to; k++) {
				uint32_t id = ids[(i - a) * KB_NER_SLOTS + k];
				if (!id)
					continue;
				update(p, (size_t)(id - 1) * L + (size_t)g, step);
				update(p, (size_t)(id - 1) * L + (size_t)y, -step);
			}
		if (g != y || gp != yp) {
			update(p, p->features * L + (size_t)(gp + 1) * L + (size_t)g, step);
			update(p, p->features * L + (size_t)(yp + 1) * L + (size_t)y, -step);
		}
	}
	p->step++;
}

static void average(perceptron *p)
{
	size_t i;
	for (i = 0; i < weight_count(p); i++) {
		/* weights are kept in 1/SCALE units of a perceptron step */
		p->avg[i] = (p->w[i] - (double)p->u[i] / (double)p->step) / SCALE;
		p->scaled[i] = (int32_t)lround(p->avg[i] * SCALE);
	}
}

/* ==================================================================== */
/* Scoring (conlleval: an I-X not continuing X starts an entity)         */
/* ==================================================================== */

typedef struct { size_t start, stop; int type; } chunk;

static size_t chunks_of(const uint8_t *tags, size_t n, chunk *out)
{
	size_t i, count = 0;
	int type = 0;
	size_t start = 0;
	for (i = 0; i <= n; i++) {
		int t = i < n ? tags[i] : 0;
		int kind = (t + 1) / 2, inside = t && !(t & 1);
		int continues = inside && kind == type;
		if (type && !continues) {
			out[count].start = start;
			out[count].stop = i;
			out[count].type = type;
			count++;
			type = 0;
		}
		if (t && !continues) {
			start = i;
			type = kind;
		}
	}
	return count;
}

static double score(const corpus *c, int verbose)
{
	size_t s, tp[5] = {0}, np[5] = {0}, ng[5] = {0}, i, j;
	chunk *gold = xmalloc((c->n + 1) * sizeof *gold), *pred = xmalloc((c->n + 1) * sizeof *pred);
	double f = 0;
	for (s = 0; s < c->sents; s++) {
		size_t a = c->sent_start[s], b = c->sent_start[s + 1];
		size_t g = chunks_of(c->gold + a, b - a, gold), p = chunks_of(c->pred + a, b - a, pred);
		for (i = 0; i < g; i++)
			ng[gold[i].type]++, ng[0]++;
		for (j = 0; j < p; j++) {
			np[pred[j].type]++, np[0]++;
			for (i = 0; i < g; i++)
				if (gold[i].start == pred[j].start && gold[i].stop == pred[j].stop &&
				    gold[i].type == pred[j].type)
					tp[pred[j].type]++, tp[0]++;
		}
	}
	for (i = 0; i < 5; i++) {
		double pr = np[i] ? (double)tp[i] / (double)np[i] : 0;
		double rc = ng[i] ? (double)tp[i] / (double)ng[i] : 0;
		double f1 = pr + rc > 0 ? 200 * pr * rc / (pr + rc) : 0;
		static const char *const names[5] = {"micro", "PERS", "LOC", "ORG", "MISC"};
		if (i == 0)
			f = f1;
		if (verbose)
			fprintf(stderr, "  %-5s P %5.1f R %5.1f F1 %5.2f\n", names[i], 100 * pr, 100 * rc, f1);
	}
	free(gold);
	free(pred);
	return f;
}

static void write_predictions(const corpus *c, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t s, i;
	if (!f)
		exit(1);
	for (s = 0; s < c->sents; s++) {
		for (i = c->sent_start[s]; i < c->sent_start[s + 1]; i++)
			fprintf(f, "%s %s %s\n", c->text[i], kb_ner_label_name(c->gold[i]),
			        kb_ner_label_name(c->pred[i]));
		fprintf(f, "\n");
	}
	fclose(f);
}

/* ==================================================================== */
/* The compiled model                                                     */
/* ==================================================================== */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* 128 magnitude levels in geometric progression from the smallest kept
 * weight to the largest (a relative error under 5%): code k < 128 is
 * +level[k], 128 + k is -level[k]. bounds[k] is the geometric midpoint
 * between level k and k + 1. */
static void make_codebook(const double *mags, size_t n, double *bounds, int32_t *book)
{
	double lo = n ? mags[0] : 1, hi = n ? mags[n - 1] : 1, ratio;
	size_t k;
	ratio = hi > lo ? pow(hi / lo, 1.0 / 127) : 1.0;
	for (k = 0; k < 128; k++) {
		double level = lo * pow(ratio, (double)k);
		book[k] = (int32_t)lround(level * SCALE);
		book[128 + k] = -book[k];
		bounds[k] = level * sqrt(ratio);
	}
	bounds[127] = hi * 2;
}

static uint8_t encode(double v, const double *bounds)
{
	double m = fabs(v);
	unsigned lo = 0, hi = 127;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (bounds[mid] < m)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint8_t)(v < 0 ? 128 + lo : lo);
}

static void write_model(const perceptron *p, const feature_map *m, double prune, const char *path)
{
	size_t f, y, n = 0, nw = 0, i, kept_mags = 0, b, buckets;
	unsigned bits = 8;
	ner_entry *e = xmalloc(p->features * sizeof *e);
	double *mags = xmalloc(p->features * L * sizeof *mags), bounds[128];
	int32_t book[256], transition[(L + 1) * L];
	uint16_t *mask;
	uint8_t *codes;
	uint32_t *woff;
	FILE *out = fopen(path, "w");
	if (!out)
		exit(1);
	for (f = 0; f < p->features; f++) {
		int any = 0;
		for (y = 0; y < L; y++)
			if (fabs(p->avg[f * L + y]) >= prune) {
				mags[kept_mags++] = fabs(p->avg[f * L + y]);
				any = 1;
			}
		if (any) {
			e[n].hash = m->hash_of[f];
			e[n].index = (uint32_t)f;
			n++;
		}
	}
	qsort(mags, kept_mags, sizeof *mags, cmp_double);
	make_codebook(mags, kept_mags, bounds, book);
	while (bits < 20 && ((size_t)4 << bits) < n)
		bits++;
	n = ner_entries_sort(e, n, bits);
	buckets = (size_t)1 << bits;
	mask = xmalloc((n ? n : 1) * sizeof *mask);
	codes = xmalloc(kept_mags + 1);
	woff = xmalloc((buckets + 1) * sizeof *woff);
	for (i = 0, b = 0; i < n; i++) {
		while (b <= (e[i].hash >> (32 - bits)))
			woff[b++] = (uint32_t)nw;
		mask[i] = 0;
		for (y = 0; y < L; y++) {
			double v = p->avg[(size_t)e[i].index * L + y];
			if (fabs(v) >= prune) {
				mask[i] |= (uint16_t)(1u << y);
				codes[nw++] = encode(v, bounds);
			}
		}
	}
	while (b <= buckets)
		woff[b++] = (uint32_t)nw;
	for (i = 0; i < (L + 1) * L; i++)
		transition[i] = (int32_t)lround(p->avg[p->features * L + i] * SCALE);
	fprintf(out, "/* Generated by tools/ner_train.c (make train): do not edit.\n"
	        " * %zu features, %zu weights (averaged perceptron, |w| >= %.2f, 8-bit codes). */\n",
	        n, nw, prune);
	fprintf(out, "#define NER_MODEL_BITS %u\n#define NER_MODEL_COUNT %zu\n", bits, n);
	emit_table(out, "ner_model", e, n, bits);
	emit_u32_array(out, "ner_model_woff", woff, buckets + 1);
	emit_u16_array(out, "ner_model_mask", mask, n);
	fprintf(out, "static const uint8_t ner_model_code[%zu] = {", nw ? nw : 1);
	for (i = 0; i < nw; i++)
		fprintf(out, "%s%u,", i % 32 ? "" : "\n", codes[i]);
	fprintf(out, "%s\n};\n", nw ? "" : "0");
	fprintf(out, "static const int32_t ner_model_codebook[256] = {");
	for (i = 0; i < 256; i++)
		fprintf(out, "%s%d,", i % 16 ? "" : "\n", book[i]);
	fprintf(out, "\n};\nstatic const int32_t ner_model_transition[%d] = {", (L + 1) * L);
	for (i = 0; i < (L + 1) * L; i++)
		fprintf(out, "%s%d,", i % L ? "" : "\n", transition[i]);
	fprintf(out, "\n};\n");
	fclose(out);
	fprintf(stderr, "model: %zu features, %zu weights -> %s\n", n, nw, path);
	free(e);
	free(mags);
	free(mask);
	free(codes);
	free(woff);
}

/* ==================================================================== */
/* Main                                                                   */
/* ==================================================================== */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rng(void)
{
	rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)(rng_state >> 33);
}

static void perceptron_init(perceptron *p, size_t features)
{
	free(p->w);
	free(p->u);
	free(p->avg);
	free(p->scaled);
	p->features = features;
	p->w = xcalloc(weight_count(p), sizeof *p->w);
	p->u = xcalloc(weight_count(p), sizeof *p->u);
	p->avg = xcalloc(weight_count(p), sizeof *p->avg);
	p->scaled = xcalloc(weight_count(p), sizeof *p->scaled);
	p->step = 1;
}

typedef struct {
	int32_t *em;
	uint8_t *back;
} workspace;

/* Trains on the sentences sents[0..m) of c; with two_views each sentence
 * is seen as pass 1 sees it (own features) and as pass 2 does (plus the
 * label features). */
static void train(perceptron *p, corpus *c, size_t *sents, size_t m, int epochs, int two_views,
                  workspace *ws)
{
	int e;
	size_t s;
	for (e = 0; e < epochs; e++) {
		for (s = m; s > 1; s--) {
			size_t j = rng() % s, t = sents[s - 1];
			sents[s - 1] = sents[j];
			sents[j] = t;
		}
		for (s = 0; s < m; s++) {
			size_t a = c->sent_start[sents[s]], b = c->sent_start[sents[s] + 1];
			train_sentence(p, c, a, b, KB_NER_BASE_SLOTS, ws->em, ws->back);
			if (two_views)
				train_sentence(p, c, a, b, KB_NER_SLOTS, ws->em, ws->back);
		}
	}
	average(p);
}

/* Decodes the sentences of documents [d0, d1) of c into c->pred. */
static void decode_docs(const perceptron *p, corpus *c, size_t d0, size_t d1, unsigned to,
                        workspace *ws)
{
	size_t s;
	for (s = 0; s < c->sents; s++)
		if (c->sent_start[s] >= c->doc_start[d0] && c->sent_start[s] < c->doc_start[d1])
			decode(p->scaled, p->features, c, c->sent_start[s], c->sent_start[s + 1], to,
			       ws->em, ws->back);
}

/* First-pass labels of the training set by K-fold jackknife (contiguous
 * blocks of documents), so the second pass trains on labels as noisy as
 * the ones it will see. */
static void jackknife(corpus *c, size_t features, int folds, int epochs, workspace *ws)
{
	perceptron p = {0};
	uint8_t *labels = xmalloc(c->n);
	size_t *sents = xmalloc(c->sents * sizeof *sents);
	int f;
	for (f = 0; f < folds; f++) {
		size_t d0 = c->docs * (size_t)f / (size_t)folds, d1 = c->docs * (size_t)(f + 1) / (size_t)folds;
		size_t m = 0, s;
		for (s = 0; s < c->sents; s++)
			if (c->sent_start[s] < c->doc_start[d0] || c->sent_start[s] >= c->doc_start[d1])
				sents[m++] = s;
		perceptron_init(&p, features);
		train(&p, c, sents, m, epochs, 0, ws);
		decode_docs(&p, c, d0, d1, KB_NER_BASE_SLOTS, ws);
		memcpy(labels + c->doc_start[d0], c->pred + c->doc_start[d0], c->doc_start[d1] - c->doc_start[d0]);
		fprintf(stderr, "jackknife fold %d: %zu training sentences\n", f + 1, m);
	}
	memcpy(c->pred, labels, c->n);
	free(labels);
	free(sents);
	perceptron_init(&p, 0);
}

/* Adds b to every transition into an entity label: the same as adding b
 * to each word's entity scores, so decoding trades precision for recall. */
static double entity_bias = 0;

static void add_entity_bias(perceptron *p, double b)
{
	size_t prev, y;
	for (prev = 0; prev <= L; prev++)
		for (y = 1; y < L; y++) {
			size_t i = p->features * L + prev * L + y;
			p->avg[i] += b;
			p->scaled[i] = (int32_t)lround(p->avg[i] * SCALE);
		}
}

/* Both passes over the development set; prints the scores. */
static void evaluate(perceptron *p, corpus *dev, feature_map *m, workspace *ws, int verbose)
{
	decode_docs(p, dev, 0, dev->docs, KB_NER_BASE_SLOTS, ws);
	fprintf(stderr, "dev pass 1: micro-F1 %.2f\n", score(dev, 0));
	corpus_label_features(dev, m, 0);
	decode_docs(p, dev, 0, dev->docs, KB_NER_SLOTS, ws);
	fprintf(stderr, "dev pass 2: micro-F1 %.2f\n", score(dev, verbose));
}

/* ==================================================================== */
/* The corpus lexicon                                                     */
/* ==================================================================== */

/* Per stem: the labels three first-pass models gave its occurrences in
 * unlabeled news (0: trained on the first half of the documents, 1: the
 * second half, 2: all). Training words take the code from the model that
 * never saw their document, so the feature is as reliable in training as
 * on new text. */
#define MODELS 3

typedef struct {
	uint32_t *keys;
	unsigned (*counts)[MODELS][5];
	char **stems;
	size_t mask, n;
} stem_table;

static size_t stem_slot(stem_table *t, uint32_t key, int add)
{
	size_t i;
	for (i = key & t->mask; t->keys[i]; i = (i + 1) & t->mask)
		if (t->keys[i] == key)
			return i;
	if (!add || t->n >= t->mask / 2)
		return (size_t)-1;
	t->keys[i] = key;
	t->n++;
	return i;
}

/* The stem string of a token, as kb_ner_features computes it. */
static char *stem_string(const char *tok, size_t len, kb_buf *norm)
{
	kb_norm_options opts;
	size_t a, b, p;
	char *out;
	kb_norm_profile(&opts, "search");
	norm->len = 0;
	if (kb_normalize(&opts, tok, len, norm, NULL, NULL) != KB_OK || !norm->len)
		return NULL;
	kb_ner_core(norm->data, norm->len, &a, &b);
	p = kb_ner_prefix_len(norm->data + a, b - a);
	out = xmalloc(b - a - p + 1);
	memcpy(out, norm->data + a + p, b - a - p);
	out[b - a - p] = 0;
	return out;
}

static void read_sentences(corpus *c, const char *path)
{
	FILE *f = fopen(path, "r");
	static char line[1 << 16];
	if (!f) {
		fprintf(stderr, "ner_train: cannot open %s\n", path);
		exit(1);
	}
	while (fgets(line, sizeof line, f)) {
		char *tok, *save = NULL;
		int start = 1;
		for (tok = strtok_r(line, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
			corpus_add(c, tok, strlen(tok), 0, start);
			start = 0;
		}
	}
	fclose(f);
}

/* Tags the corpus with each model (pass 1 features, no corpus slots) and
 * counts the labels of every stem. */
static void count_corpus(stem_table *t, const corpus *text, perceptron *models, feature_map *m,
                         size_t doc_sents, workspace *ws)
{
	kb_ner_features f = {NULL, NULL, NULL, 0, 0};
	kb_buf norm = {NULL, 0, 0};
	size_t start = 0, i, k, in_doc = 0, maxdoc = 0;
	uint32_t *ids = NULL;
	uint8_t *labels = NULL;
	for (i = 0; i <= text->n; i++) {
		int begins = i < text->n && text->words[i].sentence_start;
		if (i == text->n || (begins && in_doc == doc_sents)) {
			size_t n = i - start, s0, mi;
			if (n > 0) {
				if (n > maxdoc) {
					maxdoc = n;
					ids = xrealloc(ids, n * KB_NER_SLOTS * sizeof *ids);
					labels = xrealloc(labels, n);
				}
				if (kb_ner_extract(text->words + start, n, &f) != KB_OK)
					exit(1);
				for (k = 0; k < n * KB_NER_SLOTS; k++)
					ids[k] = f.feats[k] && k % KB_NER_SLOTS < KB_NER_CORPUS_SLOT ? map_id(m, f.feats[k], 0) : 0;
				for (mi = 0; mi < MODELS; mi++) {
					int32_t scratch[2 * L];
					for (s0 = 0; s0 < n;) {
						size_t s1 = s0 + 1;
						while (s1 < n && f.sent[s1] == f.sent[s0])
							s1++;
						if (s1 - s0 <= 512) {
							span_emissions(models[mi].scaled, ids + s0 * KB_NER_SLOTS, s1 - s0,
							               KB_NER_CORPUS_SLOT, ws->em);
							kb_ner_viterbi(ws->em, s1 - s0, models[mi].scaled + models[mi].features * L,
							               scratch, ws->back, labels + s0);
						} else {
							memset(labels + s0, 0, s1 - s0);
						}
						s0 = s1;
					}
					for (k = 0; k < n; k++) {
						size_t slot;
						if (!f.stem[k])
							continue;
						slot = stem_slot(t, f.stem[k], 1);
						if (slot == (size_t)-1)
							continue;
						if (!t->stems[slot])
							t->stems[slot] = stem_string(text->words[start + k].text,
							                             text->words[start + k].len, &norm);
						t->counts[slot][mi][(labels[k] + 1) / 2]++;
					}
				}
			}
			start = i;
			in_doc = 0;
		}
		if (begins)
			in_doc++;
	}
	free(ids);
	free(labels);
	kb_buf_free(&norm);
	kb_ner_features_free(&f);
}

/* The code of word i's stem under model mi (0 when unknown). */
static uint8_t code_of(stem_table *t, uint32_t stem, int mi)
{
	size_t slot;
	if (!stem || (slot = stem_slot(t, stem, 0)) == (size_t)-1)
		return 0;
	return (uint8_t)kb_ner_corpus_code_of(t->counts[slot][mi]);
}

/* Writes the corpus slots of c from a code per word. */
static void slots_from_codes(corpus *c, const uint8_t *codes, feature_map *m, int add)
{
	uint32_t *tmp;
	size_t d, i, maxdoc = 0;
	for (d = 0; d < c->docs; d++)
		if (c->doc_start[d + 1] - c->doc_start[d] > maxdoc)
			maxdoc = c->doc_start[d + 1] - c->doc_start[d];
	tmp = xcalloc(maxdoc * KB_NER_SLOTS + 1, sizeof *tmp);
	for (d = 0; d < c->docs; d++) {
		size_t a = c->doc_start[d], b = c->doc_start[d + 1];
		kb_ner_corpus_features(codes + a, c->sent + a, b - a, tmp);
		for (i = a; i < b; i++) {
			uint32_t *slot = c->feats + i * KB_NER_SLOTS + KB_NER_CORPUS_SLOT;
			slot[0] = map_id(m, tmp[(i - a) * KB_NER_SLOTS + KB_NER_CORPUS_SLOT], add);
			slot[1] = map_id(m, tmp[(i - a) * KB_NER_SLOTS + KB_NER_CORPUS_SLOT + 1], add);
		}
	}
	free(tmp);
}

/* Fills the corpus slots of c: documents before doc `half` take model 1's
 * codes, the others model 0's (held out); model < 0 picks by half, else
 * that model for all. */
static void corpus_slots(corpus *c, stem_table *t, feature_map *m, int model, size_t half, int add)
{
	uint8_t *codes = xmalloc(c->n + 1);
	size_t d, i;
	for (d = 0; d < c->docs; d++) {
		int mi = model >= 0 ? model : (d < half ? 1 : 0);
		for (i = c->doc_start[d]; i < c->doc_start[d + 1]; i++)
			codes[i] = code_of(t, c->stem[i], mi);
	}
	slots_from_codes(c, codes, m, add);
	free(codes);
}

static void clear_corpus_slots(corpus *c)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		c->feats[i * KB_NER_SLOTS + KB_NER_CORPUS_SLOT] =
			c->feats[i * KB_NER_SLOTS + KB_NER_CORPUS_SLOT + 1] = 0;
}

static void write_corpus_lexicon(stem_table *t, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i, n = 0;
	if (!f)
		exit(1);
	fprintf(f, "# Corpus lexicon (tools/ner_train.c -C): how the first-pass tagger labelled each\n"
	        "# stem in SaudiNewsNet. stem <TAB> code = 1 + class (0 O, 1 PERS, 2 LOC, 3 ORG,\n"
	        "# 4 MISC) * 3 + agreement (0 <60%%, 1 <90%%, 2 >=90%%)\n");
	for (i = 0; i <= t->mask; i++) {
		int code;
		if (!t->keys[i] || !t->stems[i] || !t->stems[i][0] || strchr(t->stems[i], '\t'))
			continue;
		code = kb_ner_corpus_code_of(t->counts[i][MODELS - 1]);
		if (code) {
			fprintf(f, "%s\t%d\n", t->stems[i], code);
			n++;
		}
	}
	fclose(f);
	fprintf(stderr, "corpus lexicon: %zu stems -> %s\n", n, path);
}

/* Builds the three models, tags the corpus, fills the corpus slots of the
 * training and development sets, writes the lexicon. */
static void corpus_lexicon(corpus *train_set, corpus *dev, const char *sentences_path,
                           const char *out_path, feature_map *m, size_t doc_sents, int epochs,
                           workspace *ws)
{
	corpus text = {0};
	perceptron models[MODELS];
	stem_table t;
	size_t *sents = xmalloc(train_set->sents * sizeof *sents), half = train_set->docs / 2, s;
	int mi;
	memset(models, 0, sizeof models);
	read_sentences(&text, sentences_path);
	for (mi = 0; mi < MODELS; mi++) {
		size_t n = 0;
		for (s = 0; s < train_set->sents; s++) {
			int first = train_set->sent_start[s] < train_set->doc_start[half];
			if (mi == 2 || first == (mi == 0))
				sents[n++] = s;
		}
		perceptron_init(&models[mi], m->count);
		train(&models[mi], train_set, sents, n, epochs, 0, ws);
	}
	t.mask = ((size_t)1 << 21) - 1;
	t.n = 0;
	t.keys = xcalloc(t.mask + 1, sizeof *t.keys);
	t.counts = xcalloc(t.mask + 1, sizeof *t.counts);
	t.stems = xcalloc(t.mask + 1, sizeof *t.stems);
	count_corpus(&t, &text, models, m, doc_sents, ws);
	fprintf(stderr, "corpus: %zu words tagged, %zu stems\n", text.n, t.n);
	corpus_slots(train_set, &t, m, -1, half, 1);
	if (dev->n)
		corpus_slots(dev, &t, m, MODELS - 1, 0, 0);
	if (out_path)
		write_corpus_lexicon(&t, out_path);
	for (mi = 0; mi < MODELS; mi++)
		perceptron_init(&models[mi], 0);
	free(sents);
}

/* ==================================================================== */
/* The training lexicon (-J)                                              */
/* ==================================================================== */

/* Per stem, its classes in the training data, counted per fold (the
 * jackknife's blocks of documents): a training word's code comes from the
 * other folds only, so the feature says how far the memory of *other*
 * text can be trusted, exactly as on new text, where it comes from all of
 * the training data (the compiled lexicon, data/ner/corpus.tsv). */
typedef struct {
	uint32_t *keys;
	unsigned *counts;     /* (folds + 1) * 5 per slot; the last row is the total */
	char **stems;
	size_t mask, n, folds;
} fold_table;

static size_t fold_slot(fold_table *t, uint32_t key)
{
	size_t i;
	for (i = key & t->mask; t->keys[i]; i = (i + 1) & t->mask)
		if (t->keys[i] == key)
			return i;
	t->keys[i] = key;
	t->n++;
	return i;
}

/* Stems seen fewer times than this in the other folds get no code (-M). */
static unsigned min_lexicon_count = 2;

/* The code of a stem's class counts: kb_ner_corpus_code_of from three
 * occurrences; with fewer (but min_lexicon_count), the entity class seen
 * most, agreement 1 when every occurrence had it, else 0 (and no code
 * when the stem was never part of an entity). */
static uint8_t lexicon_code(const unsigned counts[5])
{
	unsigned total = counts[0] + counts[1] + counts[2] + counts[3] + counts[4], k, major = 1;
	if (total < min_lexicon_count)
		return 0;
	if (total >= 3)
		return (uint8_t)kb_ner_corpus_code_of(counts);
	for (k = 2; k < 5; k++)
		if (counts[k] > counts[major])
			major = k;
	if (!counts[major])
		return 0;
	return (uint8_t)(1 + major * 3 + (counts[major] == total));
}

static void training_lexicon(corpus *train_set, corpus *dev, int folds, const char *out_path,
                             feature_map *m)
{
	fold_table t;
	size_t d, i, stride = (size_t)(folds + 1) * 5;
	uint8_t *codes = xmalloc(train_set->n + dev->n + 1);
	kb_buf norm = {NULL, 0, 0};
	int f;
	t.mask = ((size_t)1 << 18) - 1;
	t.n = 0;
	t.folds = (size_t)folds;
	t.keys = xcalloc(t.mask + 1, sizeof *t.keys);
	t.counts = xcalloc((t.mask + 1) * stride, sizeof *t.counts);
	t.stems = xcalloc(t.mask + 1, sizeof *t.stems);
	for (f = 0; f < folds; f++) {
		size_t d0 = train_set->docs * (size_t)f / (size_t)folds;
		size_t d1 = train_set->docs * (size_t)(f + 1) / (size_t)folds;
		for (i = train_set->doc_start[d0]; i < train_set->doc_start[d1]; i++) {
			size_t slot, cls = (size_t)(train_set->gold[i] + 1) / 2;
			if (!train_set->stem[i])
				continue;
			slot = fold_slot(&t, train_set->stem[i]);
			if (!t.stems[slot])
				t.stems[slot] = stem_string(train_set->text[i], train_set->words[i].len, &norm);
			t.counts[slot * stride + (size_t)f * 5 + cls]++;
			t.counts[slot * stride + (size_t)folds * 5 + cls]++;
		}
	}
	for (f = 0; f < folds; f++) {
		size_t d0 = train_set->docs * (size_t)f / (size_t)folds;
		size_t d1 = train_set->docs * (size_t)(f + 1) / (size_t)folds;
		for (d = d0; d < d1; d++)
			for (i = train_set->doc_start[d]; i < train_set->doc_start[d + 1]; i++) {
				unsigned other[5];
				size_t k, slot;
				codes[i] = 0;
				if (!train_set->stem[i])
					continue;
				slot = fold_slot(&t, train_set->stem[i]);
				for (k = 0; k < 5; k++)
					other[k] = t.counts[slot * stride + (size_t)folds * 5 + k] -
					           t.counts[slot * stride + (size_t)f * 5 + k];
				codes[i] = lexicon_code(other);
			}
	}
	slots_from_codes(train_set, codes, m, 1);
	for (i = 0; i < dev->n; i++) {
		size_t slot;
		codes[i] = 0;
		if (!dev->stem[i])
			continue;
		for (slot = dev->stem[i] & t.mask; t.keys[slot] && t.keys[slot] != dev->stem[i];
		     slot = (slot + 1) & t.mask)
			;
		if (t.keys[slot])
			codes[i] = lexicon_code(t.counts + slot * stride + (size_t)folds * 5);
	}
	if (dev->n)
		slots_from_codes(dev, codes, m, 0);
	if (out_path) {
		FILE *out = fopen(out_path, "w");
		size_t written = 0;
		if (!out)
			exit(1);
		fprintf(out, "# Training lexicon (tools/ner_train.c -J): the classes of each stem in the\n"
		        "# training data. stem <TAB> code = 1 + class (0 O, 1 PERS, 2 LOC, 3 ORG,\n"
		        "# 4 MISC) * 3 + agreement (kb_ner_corpus_code_of)\n");
		for (i = 0; i <= t.mask; i++) {
			uint8_t code;
			if (!t.keys[i] || !t.stems[i] || !t.stems[i][0] || strchr(t.stems[i], '\t'))
				continue;
			code = lexicon_code(t.counts + i * stride + (size_t)folds * 5);
			if (code) {
				fprintf(out, "%s\t%u\n", t.stems[i], code);
				written++;
			}
		}
		fclose(out);
		fprintf(stderr, "training lexicon: %zu stems -> %s\n", written, out_path);
	}
	for (i = 0; i <= t.mask; i++)
		free(t.stems[i]);
	free(t.stems);
	free(t.keys);
	free(t.counts);
	free(codes);
	kb_buf_free(&norm);
}

int main(int argc, char **argv)
{
	corpus train_set = {0}, dev = {0};
	feature_map map;
	perceptron p = {0};
	int epochs = 10, have_dev = 0, argi, folds = 5, runs = 1;
	size_t doc_sents = 20, s, *order, maxlen = 0;
	double prune = 0.5;
	const char *model_path = "csrc/gen/ner_model.h", *pred_path = NULL;
	const char *sentences_path = NULL, *lexicon_path = NULL;
	int train_lexicon = 0;
	workspace ws;
	for (argi = 1; argi < argc; argi++) {
		if (strcmp(argv[argi], "-e") == 0 && argi + 1 < argc)
			epochs = atoi(argv[++argi]);
		else if (strcmp(argv[argi], "-d") == 0 && argi + 1 < argc)
			doc_sents = (size_t)atoi(argv[++argi]);
		else if (strcmp(argv[argi], "-k") == 0 && argi + 1 < argc)
			folds = atoi(argv[++argi]);
		else if (strcmp(argv[argi], "-p") == 0 && argi + 1 < argc)
			prune = atof(argv[++argi]);
		else if (strcmp(argv[argi], "-o") == 0 && argi + 1 < argc)
			model_path = argv[++argi];
		else if (strcmp(argv[argi], "-P") == 0 && argi + 1 < argc)
			pred_path = argv[++argi];
		else if (strcmp(argv[argi], "-b") == 0 && argi + 1 < argc)
			entity_bias = atof(argv[++argi]);
		else if (strcmp(argv[argi], "-r") == 0 && argi + 1 < argc)
			runs = atoi(argv[++argi]);
		else if (strcmp(argv[argi], "-m") == 0 && argi + 1 < argc)
			pa_margin = atof(argv[++argi]);
		else if (strcmp(argv[argi], "-a") == 0 && argi + 1 < argc)
			pa_cap = atof(argv[++argi]);
		else if (strcmp(argv[argi], "-w") == 0 && argi + 1 < argc)
			dropout_percent = (unsigned)atoi(argv[++argi]);
		else if (strcmp(argv[argi], "-C") == 0 && argi + 1 < argc)
			sentences_path = argv[++argi];
		else if (strcmp(argv[argi], "-q") == 0 && argi + 1 < argc)
			cost_miss_person = atoi(argv[++argi]);
		else if (strcmp(argv[argi], "-J") == 0)
			train_lexicon = 1;
		else if (strcmp(argv[argi], "-M") == 0 && argi + 1 < argc)
			min_lexicon_count = (unsigned)atoi(argv[++argi]);
		else if (strcmp(argv[argi], "-X") == 0 && argi + 1 < argc)
			lexicon_path = argv[++argi];
		else if (strcmp(argv[argi], "-c") == 0 && argi + 2 < argc) {
			cost_o = atoi(argv[++argi]);
			cost_miss = atoi(argv[++argi]);
		} else if (strcmp(argv[argi], "--") == 0)
			have_dev = 1;
		else
			corpus_read(have_dev ? &dev : &train_set, argv[argi]);
	}
	if (!train_set.n) {
		fprintf(stderr, "usage: ner_train [-e N] [-d N] [-k FOLDS] [-p X] [-c O MISS] [-o MODEL.h] "
		        "[-P PRED] TRAIN... [-- DEV]\n");
		return 2;
	}
	map_init(&map, (size_t)1 << 24);
	corpus_features(&train_set, &map, 1, doc_sents);
	if (dev.n)
		corpus_features(&dev, &map, 0, doc_sents);
	for (s = 0; s < train_set.sents; s++)
		if (train_set.sent_start[s + 1] - train_set.sent_start[s] > maxlen)
			maxlen = train_set.sent_start[s + 1] - train_set.sent_start[s];
	for (s = 0; s < dev.sents; s++)
		if (dev.sent_start[s + 1] - dev.sent_start[s] > maxlen)
			maxlen = dev.sent_start[s + 1] - dev.sent_start[s];
	if (maxlen < 512)
		maxlen = 512;   /* corpus sentences longer than this are skipped */
	ws.em = xmalloc((maxlen + 1) * L * sizeof *ws.em);
	ws.back = xmalloc((maxlen + 1) * L);
	dropout_buf = xmalloc((maxlen + 1) * KB_NER_SLOTS * sizeof *dropout_buf);
	fprintf(stderr, "train: %zu words, %zu sentences, %zu documents, %zu features; dev: %zu words\n",
	        train_set.n, train_set.sents, train_set.docs, map.count, dev.n);
	/* The compiled corpus lexicon is last training's: recompute it here. */
	clear_corpus_slots(&train_set);
	clear_corpus_slots(&dev);
	if (train_lexicon)
		training_lexicon(&train_set, &dev, folds, lexicon_path, &map);
	else if (sentences_path)
		corpus_lexicon(&train_set, &dev, sentences_path, lexicon_path, &map, doc_sents, epochs, &ws);
	jackknife(&train_set, map.count, folds, epochs, &ws);
	fprintf(stderr, "jackknife pass 1 on train: micro-F1 %.2f\n", score(&train_set, 0));
	corpus_label_features(&train_set, &map, 1);
	order = xmalloc(train_set.sents * sizeof *order);
	for (s = 0; s < train_set.sents; s++)
		order[s] = s;
	perceptron_init(&p, map.count);
	train(&p, &train_set, order, train_set.sents, epochs, 1, &ws);
	if (runs > 1) {
		/* Several runs with different sentence orders, their averaged
		 * weights averaged again (a cheap ensemble of one model's size). */
		perceptron extra = {0};
		double *sum = xcalloc(weight_count(&p), sizeof *sum);
		int r;
		size_t i;
		for (i = 0; i < weight_count(&p); i++)
			sum[i] = p.avg[i];
		for (r = 1; r < runs; r++) {
			perceptron_init(&extra, map.count);
			train(&extra, &train_set, order, train_set.sents, epochs, 1, &ws);
			for (i = 0; i < weight_count(&p); i++)
				sum[i] += extra.avg[i];
		}
		for (i = 0; i < weight_count(&p); i++) {
			p.avg[i] = sum[i] / runs;
			p.scaled[i] = (int32_t)lround(p.avg[i] * SCALE);
		}
		perceptron_init(&extra, 0);
		free(sum);
	}
	if (dev.n && getenv("NER_BIAS_SCAN")) {
		double b;
		for (b = -2; b <= 6.01; b += 1) {
			add_entity_bias(&p, b);
			fprintf(stderr, "entity bias %.1f:\n", b);
			evaluate(&p, &dev, &map, &ws, 0);
			add_entity_bias(&p, -b);
		}
	}
	add_entity_bias(&p, entity_bias);
	if (dev.n) {
		evaluate(&p, &dev, &map, &ws, 1);
		if (pred_path)
			write_predictions(&dev, pred_path);
	}
	write_model(&p, &map, prune, model_path);
	return 0;
}
