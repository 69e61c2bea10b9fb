/*
 * kb_link.h: the working state of one kb_entities_extract call, shared by
 * the passes (kb_entities.c) and linking (kb_link.c). Not public.
 */
#ifndef KB_LINK_H
#define KB_LINK_H

#include "kb_entities_internal.h"

/* What the passes know about a mention beyond kb_entity. */
typedef struct {
	size_t first, last;      /* its words */
	size_t head;             /* the head word of a rule-found organisation, or -1 */
	int32_t rank_title;      /* a PERS's rank title when an office title governs, or -1 */
	uint8_t known;           /* a gazetteer name: its country (or none) is known */
	uint8_t national;        /* its country comes from a nationality adjective */
	uint8_t rank;            /* a TITLE that is a rank (المشير), not an office */
	uint8_t counterpart;     /* a TITLE نظيره: the same office as the previous person's */
	uint8_t group;           /* a described body (وفد أمني مصري), linked by head and country */
} kb_mention;

typedef struct {
	char code[4];
	int count;
} kb_country_vote;

typedef struct {
	const char *s;
	size_t n;
	kb_words w;
	int32_t *owner;                        /* per word: the entity owning it, or -1 */
	uint16_t *kinds;                       /* per word: gazetteer kinds */
	const kb_gazetteer_entry **entries;    /* per word: gazetteer entry or NULL */
	uint8_t *letters;                      /* per word: proclitic letters of that match */
	uint8_t *labels;                       /* per word: the tagger's label, or NULL */
	uint8_t *titled;                       /* per word: inside a TITLE */
	kb_entity *items;
	kb_mention *mentions;
	size_t count, cap;
	kb_date ref;
	int has_ref;
	kb_calendar cal;
	kb_country_vote *votes;
	size_t vote_count;
} kb_doc;

kb_status kb_doc_add(kb_doc *d, int type, size_t first, size_t last, uint32_t start,
                     float confidence, size_t *index);
/* Where word i's gazetteer match begins (after its proclitics). */
uint32_t kb_doc_word_start(const kb_doc *d, size_t i);

/* Counts the countries and nationalities the article names, to settle
 * shared place names; kb_doc_country_votes reads a count. */
kb_status kb_doc_count_countries(kb_doc *d);
int kb_doc_country_votes(const kb_doc *d, const char *code);

/* Runs the statistical tagger over the article's words into d->labels
 * (left NULL for an empty text or when the tagger declines it). */
kb_status kb_doc_tag(kb_doc *d);

/* Sorts the mentions into text order, links them (ids, canonical names,
 * titles, countries) and appends them to out. */
kb_status kb_link(kb_doc *d);
kb_status kb_doc_output(kb_doc *d, kb_entities *out);

#endif
