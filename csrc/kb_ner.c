/*
 * kb_ner.c: the statistical NER tagger: an averaged structured perceptron
 * (trained by tools/ner_train.c) scoring the features of kb_ner_features.c,
 * decoded per sentence with Viterbi over BIO labels. The model is compiled
 * in (csrc/gen/ner_model.h): immutable, shared by every Lua state.
 */
#include <stdlib.h>
#include <string.h>

#include "kb_ner_internal.h"
#include "gen/ner_model.h"

#define L KB_NER_LABEL_COUNT

static const char *const label_names[L] = {
	"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"
};

const char *kb_ner_label_name(int label)
{
	return label >= 0 && label < L ? label_names[label] : NULL;
}

const int32_t *kb_ner_transitions(void)
{
	return ner_model_transition;
}

/* ==================================================================== */
/* Scoring                                                                */
/* ==================================================================== */

static unsigned popcount16(unsigned v)
{
	unsigned c = 0;
	for (; v; v &= v - 1)
		c++;
	return c;
}

/* Adds the weights of feature h (if the model has it) to score[0..L). */
static void add_feature(uint32_t h, int32_t *score)
{
	uint32_t b = h >> (32 - NER_MODEL_BITS), i, off = ner_model_woff[b];
	uint16_t key = (uint16_t)(h & 0xFFFF);
	for (i = ner_model_first[b]; i < ner_model_first[b + 1]; i++) {
		unsigned mask = ner_model_mask[i];
		if (ner_model_key[i] == key) {
			int y;
			for (y = 0; mask; y++, mask >>= 1)
				if (mask & 1)
					score[y] += ner_model_codebook[ner_model_code[off++]];
			return;
		}
		off += popcount16(mask);
	}
}

void kb_ner_emissions(const uint32_t *feats, size_t n, unsigned from, unsigned to,
                      int32_t *emission)
{
	size_t i, k;
	if (NER_MODEL_COUNT == 0)
		return;
	for (i = 0; i < n; i++)
		for (k = from; k < to; k++)
			if (feats[i * KB_NER_SLOTS + k])
				add_feature(feats[i * KB_NER_SLOTS + k], emission + i * L);
}

/* ==================================================================== */
/* Decoding                                                               */
/* ==================================================================== */

/* I-X may only continue B-X or I-X: the decoder never opens an entity
 * with I- (ANERcorp's few orphan I- tags are annotation slips). */
static int allowed(int prev, int y)
{
	if (y == 0 || (y & 1))
		return 1;
	return prev == y - 1 || prev == y;
}

#define NEG_INF (-0x3FFFFFFF)

/* scratch: 2 * L int32; back: n * L bytes. */
void kb_ner_viterbi(const int32_t *emission, size_t n, const int32_t *transition,
                    int32_t *scratch, uint8_t *back, uint8_t *labels)
{
	int32_t *cur = scratch, *next = scratch + L, *tmp;
	size_t i;
	int y, p, best;
	if (n == 0)
		return;
	for (y = 0; y < L; y++)
		cur[y] = allowed(-1, y) ? transition[y] + emission[y] : NEG_INF;
	for (i = 1; i < n; i++) {
		for (y = 0; y < L; y++) {
			int32_t top = NEG_INF;
			int arg = 0;
			for (p = 0; p < L; p++) {
				int32_t s;
				if (cur[p] == NEG_INF || !allowed(p, y))
					continue;
				s = cur[p] + transition[(p + 1) * L + y];
				if (s > top) {
					top = s;
					arg = p;
				}
			}
			next[y] = top == NEG_INF ? NEG_INF : top + emission[i * L + y];
			back[i * L + y] = (uint8_t)arg;
		}
		tmp = cur;
		cur = next;
		next = tmp;
	}
	best = 0;
	for (y = 1; y < L; y++)
		if (cur[y] > cur[best])
			best = y;
	for (i = n; i-- > 0;) {
		labels[i] = (uint8_t)best;
		if (i > 0)
			best = back[i * L + best];
	}
}

/* ==================================================================== */
/* The public tagger                                                      */
/* ==================================================================== */

/* Decodes each sentence of the document in turn. */
static void decode_sentences(const kb_ner_word *words, size_t n, const int32_t *emission,
                             uint8_t *back, uint8_t *labels)
{
	int32_t scratch[2 * L];
	size_t start = 0, i;
	for (i = 1; i <= n; i++) {
		if (i == n || words[i].sentence_start) {
			kb_ner_viterbi(emission + start * L, i - start, ner_model_transition, scratch,
			               back + start * L, labels + start);
			start = i;
		}
	}
}

kb_status kb_ner_tag(const kb_ner_word *words, size_t n, uint8_t *labels)
{
	kb_ner_features features = {NULL, NULL, NULL, 0, 0};
	int32_t *emission;
	uint8_t *back;
	kb_status st;
	if (n == 0)
		return KB_OK;
	if (!words || !labels)
		return KB_EINVAL;
	if (n > (size_t)-1 / (KB_NER_SLOTS * sizeof(uint32_t)))
		return KB_ETOOBIG;
	st = kb_ner_extract(words, n, &features);
	if (st != KB_OK) {
		kb_ner_features_free(&features);
		return st;
	}
	emission = calloc(n * L, sizeof *emission);
	back = malloc(n * L);
	if (emission && back) {
		/* Pass 1 on the word's own features; pass 2 adds the features of
		 * pass 1's labels (neighbours, other mentions in the document). */
		kb_ner_emissions(features.feats, n, 0, KB_NER_BASE_SLOTS, emission);
		decode_sentences(words, n, emission, back, labels);
		st = kb_ner_label_features(features.stem, features.sent, n, labels, features.feats);
		if (st == KB_OK) {
			kb_ner_emissions(features.feats, n, KB_NER_BASE_SLOTS, KB_NER_SLOTS, emission);
			decode_sentences(words, n, emission, back, labels);
		}
	} else {
		st = KB_ENOMEM;
	}
	free(emission);
	free(back);
	kb_ner_features_free(&features);
	return st;
}
