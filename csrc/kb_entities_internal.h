/*
 * kb_entities_internal.h: what the entity layer's files share (words of a
 * text with their folded keys, the gazetteer, date matching, calendars).
 * Not part of the public API.
 */
#ifndef KB_ENTITIES_INTERNAL_H
#define KB_ENTITIES_INTERNAL_H

#include "kb.h"

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

enum { KB_SHAPE_ARABIC = 1, KB_SHAPE_DIGITS, KB_SHAPE_LATIN };

/* Punctuation seen in the gap before a word. */
enum {
	KB_GAP_COMMA = 1u << 0,  /* ، , ؛ ; : */
	KB_GAP_STOP  = 1u << 1,  /* . ! ? ؟ and line breaks: a sentence ends */
	KB_GAP_QUOTE = 1u << 2,  /* " « » “ ” */
	KB_GAP_PAREN = 1u << 3,  /* ( ) [ ] */
	KB_GAP_SLASH = 1u << 4,  /* / */
	KB_GAP_OTHER = 1u << 5,  /* any other symbol: - + % ... */
	KB_GAP_ANY   = 0x3f
};

typedef struct {
	uint32_t start, stop;    /* the word in the input */
	uint32_t key, key_len;   /* folded form: words->keys.data + key */
	uint8_t shape;           /* KB_SHAPE_* */
	uint8_t gap;             /* KB_GAP_* bits before this word */
} kb_word;

typedef struct {
	const char *s;
	size_t n;
	kb_word *items;
	size_t count, cap;
	kb_buf keys;
} kb_words;

/* Splits s[0..n) into words (Arabic letter runs, digit runs, Latin runs),
 * each with its folded key and the punctuation before it. */
kb_status kb_words_scan(const char *s, size_t n, kb_words *words);
void kb_words_free(kb_words *words);

static inline const char *kb_word_key(const kb_words *w, size_t i)
{
	return w->keys.data + w->items[i].key;
}

/* Folds s[0..n) into out (cap bytes): diacritics and tatweel removed, alef
 * forms → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, Eastern digits → ASCII, ASCII
 * lowercased. Returns the folded length (truncated at cap). */
size_t kb_fold(const char *s, size_t n, char *out, size_t cap);

/* The input offset after the first `letters` letters of word w (diacritics
 * after a letter belong to it). */
uint32_t kb_word_offset_after(const kb_words *w, size_t i, size_t letters);

/* ------------------------------------------------------------------ */
/* Gazetteer                                                           */
/* ------------------------------------------------------------------ */

typedef struct {
	const char *key;
	uint16_t len;
	uint16_t kinds;          /* KB_GZ_* bits */
	uint8_t sector;          /* a kb_sector */
	char country[4];         /* first country code, or "" */
	char country2[4];        /* a second one for shared names, or "" */
} kb_gazetteer_entry;

#include "gen/kb_gazetteer_tables.h"

/* The entry of a folded key, or NULL. */
const kb_gazetteer_entry *kb_gazetteer_find(const char *key, size_t n);

/* A word's key, and the same without proclitic letters. */
typedef struct {
	char text[128];
	size_t len, letters;     /* bytes of text; proclitic letters removed */
} kb_clitic_form;

/* The key itself, then without و/ف, then without ب/ك/ل (لل → ال), each
 * keeping at least two letters. Returns the number of forms (0 for keys
 * longer than a form holds). */
size_t kb_clitic_forms(const char *key, size_t n, kb_clitic_form forms[3]);

/* A gazetteer match of word i, trying the word as it is, then without its
 * proclitics (و ف, then ب ك ل; لل → ال). */
typedef struct {
	const kb_gazetteer_entry *entry;
	uint32_t start;          /* input offset where the match begins */
	size_t words;            /* words covered */
	size_t prefix_letters;   /* proclitic letters skipped in the first word */
} kb_gazetteer_match;

/* Longest match starting at word i whose entry has one of `kinds`;
 * multiword matches never cross punctuation. Returns 1 when found. */
int kb_gazetteer_match_at(const kb_words *w, size_t i, unsigned kinds, size_t max_words,
                          kb_gazetteer_match *match);

/* The kinds of word i alone (clitics stripped as above), or 0; *entry (if
 * not NULL) gets its entry. */
unsigned kb_gazetteer_kinds(const kb_words *w, size_t i, const kb_gazetteer_entry **entry);

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

/* An ICU calendar opened on first use, closed by kb_calendar_close. */
typedef struct {
	void *gregorian;         /* UCalendar* */
	void *islamic;           /* UCalendar* */
} kb_calendar;

void kb_calendar_close(kb_calendar *cal);

typedef struct {
	size_t words;            /* words covered, 0 when none */
	uint32_t start, stop;    /* the expression in the input */
	uint8_t type;            /* KB_ENT_DATE or KB_ENT_TIME */
	char value[32];
} kb_date_match;

/* Matches a date or time expression starting at word i (proclitics on its
 * first word allowed); kinds are word i's gazetteer kinds (only words marked
 * KB_GZ_DATE, and digits, can begin one). ref may be NULL (no value). KB_OK
 * with match->words == 0 when there is none. */
kb_status kb_date_match_at(const kb_words *w, size_t i, unsigned kinds, const kb_date *ref,
                           kb_calendar *cal, kb_date_match *match);

/* The value of a number word ("ثلاثة" → 3, "عشرين" → 20), or -1. */
long kb_number_word(const char *key, size_t n);

#endif
