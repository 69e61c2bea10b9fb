/*
 * kb_ner_internal.h: the NER tagger's insides, shared by the engine
 * (kb_ner.c, kb_ner_features.c) and the trainer (tools/ner_train.c).
 * Not part of the public API.
 */
#ifndef KB_NER_INTERNAL_H
#define KB_NER_INTERNAL_H

#include "kb.h"

/* Every word gets exactly this many feature slots; unused ones hold 0.
 * A feature is a 32-bit hash of (template, value); 0 is never a feature.
 * Slots [0, KB_NER_BASE_SLOTS) hold the word's own features; the rest
 * hold the second pass's features, built from the first pass's labels. */
#define KB_NER_SLOTS 72
#define KB_NER_BASE_SLOTS 61
/* Two of the base slots hold the corpus-lexicon features (see below). */
#define KB_NER_CORPUS_SLOT (KB_NER_BASE_SLOTS - 2)

typedef struct {
	uint32_t *feats;   /* n * KB_NER_SLOTS hashes, word i at i * KB_NER_SLOTS */
	uint32_t *stem;    /* per word: its stem's hash, 0 when not an Arabic word */
	uint32_t *sent;    /* per word: its sentence's number */
	size_t n, cap;
} kb_ner_features;

/* Computes the features of words[0..n) (one document); label slots 0. */
kb_status kb_ner_extract(const kb_ner_word *words, size_t n, kb_ner_features *out);
void kb_ner_features_free(kb_ner_features *features);

/* Fills the label slots of feats (stride KB_NER_SLOTS) from first-pass
 * labels: the labels around each word, and the classes the other
 * mentions of its stem got in the document (stem[], sent[] as above). */
kb_status kb_ner_label_features(const uint32_t *stem, const uint32_t *sent, size_t n,
                                const uint8_t *labels, uint32_t *feats);

/* Splits a search-normalized word into proclitics and stem (ANERcorp keeps
 * و ف ب ل ك ال glued to names): returns the prefix length in bytes. */
size_t kb_ner_prefix_len(const char *norm, size_t n);

/* The word-clusters of a stem (search form, proclitics stripped), one per
 * clustering of data/ner/clusters.tsv, into out[0..KB_NER_CLUSTER_SETS):
 * each 0..4095 in a hierarchy (>> 2: 1024 fine clusters, >> 6: 64
 * coarse), or -1 when the stem is not listed (and for absent clusterings). */
#define KB_NER_CLUSTER_SETS 2
void kb_ner_clusters(const char *stem, size_t n, int out[KB_NER_CLUSTER_SETS]);

/* Lexicon flags (data/ner/lexicon.tsv; the context ones are derived). */
enum {
	KB_NER_LEX_TITLE = 1 << 0,     /* a title before a person: الشيخ، الرئيس */
	KB_NER_LEX_TITLE2 = 1 << 1,    /* (context) a title two words back */
	KB_NER_LEX_SPEECH = 1 << 2,    /* a speech verb: قال، أكد */
	KB_NER_LEX_LOC_HEAD = 1 << 3,  /* a word before a place: مدينة، عاصمة */
	KB_NER_LEX_ORG_HEAD = 1 << 4,  /* a word before or heading an org: حزب، شركة */
	KB_NER_LEX_PERSON = 1 << 5,    /* mined: often follows a title */
	KB_NER_LEX_PLACE = 1 << 6,     /* mined: often follows a place head */
	KB_NER_LEX_NISBA = 1 << 7,     /* a nisba adjective: اللبناني */
	KB_NER_LEX_FIRST = 1 << 8,     /* mined: often followed by a name part */
	KB_NER_LEX_CURRENCY = 1 << 9   /* a currency or unit after مليون */
};

/* The core of a word: without the punctuation glued to either end. */
void kb_ner_core(const char *s, size_t n, size_t *start, size_t *stop);

/* The corpus lexicon (data/ner/corpus.tsv): the classes a stem had in the
 * training data (ner_train -J, the default), or how a tagger trained on
 * ANERcorp labelled it in unlabeled news (-C). 0 when unknown, else
 * 1 + majority class (0 O, 1 PERS, 2 LOC, 3 ORG, 4 MISC) * 3 + agreement
 * (0: under 60%, 1: under 90%, 2: 90% or more); stems seen under 3
 * times or labelled O 90% of the time get 0 too. */
int kb_ner_corpus_code(const char *stem, size_t n);
int kb_ner_corpus_code_of(const unsigned counts[5]);

/* Fills the corpus slots of every word from the codes of the words
 * (its own, and its neighbours' in the sentence). */
void kb_ner_corpus_features(const uint8_t *codes, const uint32_t *sent, size_t n,
                            uint32_t *feats);

/* Lexicon flags of a stem (KB_NER_LEX_* bits), 0 when not listed. */
unsigned kb_ner_lexicon(const char *stem, size_t n);

/* 32-bit FNV-1a then a murmur finaliser: the hash of every string key. */
uint32_t kb_ner_hash(const char *s, size_t n, uint32_t seed);

/* Adds the model's scores of feature slots [from, to) of each word to
 * emission[i * KB_NER_LABEL_COUNT + y]. */
void kb_ner_emissions(const uint32_t *feats, size_t n, unsigned from, unsigned to,
                      int32_t *emission);

/* Viterbi over one sentence with the model's transitions; labels out. */
void kb_ner_viterbi(const int32_t *emission, size_t n, const int32_t *transition,
                    int32_t *scratch, uint8_t *back, uint8_t *labels);

/* The compiled transition scores: [(prev + 1) * L + y], prev = -1 at start. */
const int32_t *kb_ner_transitions(void);

#endif
