/*
 * kb.h: the public interface of the khabar engine.
 *
 * Plain C99; knows nothing of Lua. Every function is reentrant: there is
 * no mutable global state, only immutable compiled-in tables. Offsets are
 * 0-based byte positions into the caller's input with an exclusive end
 * (the Lua binding turns them into 1-based inclusive ones).
 *
 * Memory: every function that allocates reports KB_ENOMEM on failure and
 * leaves its outputs freeable with their *_free function; nothing leaks.
 */
#ifndef KB_H
#define KB_H

#include <stddef.h>
#include <stdint.h>

#define KB_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Status codes                                                        */
/* ------------------------------------------------------------------ */

typedef enum {
	KB_OK = 0,
	KB_ENOMEM,          /* an allocation failed */
	KB_EUTF8,           /* invalid UTF-8 and the caller asked for an error */
	KB_EINVAL,          /* a bad argument (unknown profile, scheme, date) */
	KB_ETOOBIG,         /* input larger than the engine's 4 GiB offset range */
	KB_EICU             /* ICU reported a failure */
} kb_status;

/* A short English description of a status, for error messages. */
const char *kb_status_message(kb_status status);

/* ------------------------------------------------------------------ */
/* Versions                                                            */
/* ------------------------------------------------------------------ */

/* Writes the linked library versions ("72.1", "15.0", "10.42 2022-12-11")
 * into the caller's buffers, each at least 32 bytes. */
void kb_versions(char icu[32], char unicode[32], char pcre2[32]);

/* ------------------------------------------------------------------ */
/* Growable byte buffer                                                */
/* ------------------------------------------------------------------ */

typedef struct {
	char *data;
	size_t len, cap;
} kb_buf;

/* Makes room for `extra` more bytes; KB_ENOMEM leaves the buffer intact. */
kb_status kb_buf_reserve(kb_buf *buf, size_t extra);
kb_status kb_buf_append(kb_buf *buf, const char *bytes, size_t n);
void kb_buf_free(kb_buf *buf);

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */
/* ------------------------------------------------------------------ */

/* Decodes one code point at s[0..n). Returns its length in bytes (>= 1);
 * *cp is the code point, or -1 for a maximal invalid subsequence (the
 * returned length then covers that subsequence, per Unicode 15 §3.9). */
size_t kb_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
size_t kb_utf8_encode(int32_t cp, char *out);
/* Byte offset of the first invalid sequence, or n when s is valid. */
size_t kb_utf8_validate(const char *s, size_t n);

/* @normalize: normalization and transliteration (issue 3) */

/* ------------------------------------------------------------------ */
/* Normalization                                                       */
/* ------------------------------------------------------------------ */

/* The steps of normalization, each a flag (docs/normalization.md). */
enum {
	KB_NORM_COMPOSE      = 1u << 0,  /* canonical composition, presentation forms */
	KB_NORM_DIACRITICS   = 1u << 1,  /* remove harakat and Quranic marks */
	KB_NORM_TATWEEL      = 1u << 2,
	KB_NORM_ALEF         = 1u << 3,  /* آ أ إ ٱ ... → ا */
	KB_NORM_YEH          = 1u << 4,  /* ى → ي */
	KB_NORM_TEH_MARBUTA  = 1u << 5,  /* ة → ه (and ۀ ہ ھ ە) */
	KB_NORM_PERSIAN      = 1u << 6,  /* ی ے ک گ پ چ ژ ڤ → Arabic */
	KB_NORM_HAMZA        = 1u << 7,  /* ؤ ئ → و ي (off in every profile) */
	KB_NORM_DIGITS       = 1u << 8,
	KB_NORM_PUNCTUATION  = 1u << 9,
	KB_NORM_INVISIBLE    = 1u << 10, /* ZWNJ, ZWJ, bidi controls, BOM, soft hyphen */
	KB_NORM_SPACE        = 1u << 11, /* spaces → U+0020, collapsed, trimmed */
	KB_NORM_CASE         = 1u << 12  /* Latin full case folding */
};

typedef enum { KB_INVALID_REPAIR, KB_INVALID_ERROR, KB_INVALID_DROP } kb_invalid_mode;
typedef enum { KB_ZWNJ_REMOVE, KB_ZWNJ_SPACE, KB_ZWNJ_KEEP } kb_zwnj_mode;

typedef struct {
	unsigned flags;
	kb_zwnj_mode zwnj;
	kb_invalid_mode invalid;
} kb_norm_options;

/* Fills opts with a named profile: "search" (the default), "display" or
 * "none". KB_EINVAL for an unknown name. */
kb_status kb_norm_profile(kb_norm_options *opts, const char *name);

/* Where each output byte came from: output byte i was produced by input
 * bytes [start[i], stop[i]). */
typedef struct {
	uint32_t *start, *stop;
	size_t len, cap;
} kb_offset_map;

void kb_offset_map_free(kb_offset_map *map);

/* Normalizes src[0..n) into out (appending). With map non-NULL also records
 * the origin of every output byte this call appends (map->len of them;
 * start is non-decreasing and so is stop, so bytes i..j came from
 * [start[i], stop[j])). KB_EUTF8 (with *bad_offset set) only when
 * opts->invalid is KB_INVALID_ERROR; KB_ETOOBIG above 4 GiB. Cheap for
 * short strings: no allocation beyond out and map, no ICU object. */
kb_status kb_normalize(const kb_norm_options *opts, const char *src, size_t n,
                       kb_buf *out, kb_offset_map *map, size_t *bad_offset);

/* The name of each step's flag ("compose", "diacritics", ..., "case"), by
 * bit index; NULL past the last. Used for option parsing and docs. */
const char *kb_norm_flag_name(unsigned bit);

/* ------------------------------------------------------------------ */
/* Transliteration                                                     */
/* ------------------------------------------------------------------ */

typedef enum {
	KB_TRANSLIT_BUCKWALTER,      /* CAMeL Tools ar2bw / bw2ar */
	KB_TRANSLIT_SAFE_BUCKWALTER, /* ar2safebw / safebw2ar */
	KB_TRANSLIT_XML_BUCKWALTER,  /* ar2xmlbw / xmlbw2ar */
	KB_TRANSLIT_LATIN            /* ICU Arabic-Latin (forward only) */
} kb_translit_scheme;

/* Looks a scheme up by name ("buckwalter", "safe-buckwalter",
 * "xml-buckwalter", "latin"); KB_EINVAL for an unknown one. */
kb_status kb_translit_scheme_named(const char *name, kb_translit_scheme *scheme);

/* Buckwalter family, both directions; characters outside the table pass
 * through; invalid UTF-8 follows `invalid` as in kb_normalize. */
kb_status kb_transliterate_buckwalter(kb_translit_scheme scheme, int reverse,
                                      kb_invalid_mode invalid, const char *src, size_t n,
                                      kb_buf *out, size_t *bad_offset);

/* ICU's Arabic-Latin. Opening is costly and the object is not thread-safe:
 * keep one per Lua state (or thread) and reuse it. */
typedef struct kb_latin_translit kb_latin_translit;
kb_status kb_latin_translit_open(kb_latin_translit **translit);
void kb_latin_translit_close(kb_latin_translit *translit);
kb_status kb_transliterate_latin(kb_latin_translit *translit, const char *src, size_t n,
                                 kb_buf *out);

/* @tokenize: tokens and sentences (issue 3) */

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

typedef enum {
	KB_TOKEN_WORD, KB_TOKEN_NUMBER, KB_TOKEN_PUNCT, KB_TOKEN_LATIN, KB_TOKEN_SYMBOL,
	KB_TOKEN_URL, KB_TOKEN_EMAIL, KB_TOKEN_MENTION, KB_TOKEN_HASHTAG
} kb_token_kind;

typedef struct {
	uint32_t start, stop;           /* the token in the input */
	uint32_t stem_start, stem_stop; /* its stem in the input, clitics excluded */
	uint32_t norm, norm_len;        /* search form: tokens->text.data + norm */
	uint16_t prefix_len;            /* proclitics: the first prefix_len bytes of the search form */
	uint16_t suffix_len;            /* enclitic pronoun: its last suffix_len bytes */
	uint8_t kind;                   /* a kb_token_kind */
} kb_token;

typedef struct {
	kb_token *items;
	size_t count, cap;
	kb_buf text;                    /* the search forms, back to back */
} kb_tokens;

/* Appends the tokens of s[0..n) to out (initialise it to all zeros).
 * Whitespace and invisible controls separate tokens and are dropped;
 * diacritics, tatweel and ZWNJ stay inside words. Invalid UTF-8 never fails:
 * each maximal invalid subsequence becomes a KB_TOKEN_SYMBOL (search form
 * U+FFFD). KB_ETOOBIG above 4 GiB. Clitics are segmented for Arabic words
 * only (kb_segment, helped by the original spelling: ة is no pronoun, أل no
 * article); other tokens have stem = the token. */
kb_status kb_tokenize(const char *s, size_t n, kb_tokens *out);
void kb_tokens_free(kb_tokens *tokens);

/* Clitic segmentation of one search-normalized Arabic word: the lengths in
 * bytes of its proclitics and of its enclitic pronoun (0 when none).
 * Guided by word counts of a news corpus (data/clitics/): و+ليبيا and
 * وال+تعاون split, وزير، كامل، ليبيا stay whole. */
void kb_segment(const char *norm, size_t n, size_t *prefix_len, size_t *suffix_len);

/* ------------------------------------------------------------------ */
/* Sentences                                                           */
/* ------------------------------------------------------------------ */

typedef struct { uint32_t start, stop; } kb_span;
typedef struct { kb_span *items; size_t count, cap; } kb_spans;

/* Appends the sentence spans of s[0..n) to out (initialise it to zeros):
 * ends after . ! ? ؟ … ۔ (with closing quotes or brackets) before a space,
 * and at line breaks; not in numbers, URLs, abbreviations or quotations. */
kb_status kb_sentences(const char *s, size_t n, kb_spans *out);
void kb_spans_free(kb_spans *spans);

/* @entities: entities and the tagger (issue 4) */

/* ------------------------------------------------------------------ */
/* Statistical NER tagger (kb_ner*.c)                                  */
/* ------------------------------------------------------------------ */

/* BIO labels over ANERcorp's four classes; B-X is odd, I-X = B-X + 1. */
enum {
	KB_NER_O = 0,
	KB_NER_B_PERS, KB_NER_I_PERS, KB_NER_B_LOC, KB_NER_I_LOC,
	KB_NER_B_ORG, KB_NER_I_ORG, KB_NER_B_MISC, KB_NER_I_MISC,
	KB_NER_LABEL_COUNT
};

/* One whitespace token of the input (the ANERcorp view: proclitics and
 * glued punctuation stay in the token; the tag covers the whole token). */
typedef struct {
	const char *text;     /* its bytes in the caller's text (UTF-8) */
	size_t len;
	int sentence_start;   /* nonzero when a sentence begins here (word 0
	                         always begins one) */
} kb_ner_word;

/* Tags words[0..n), one document (the words of one article, in order):
 * labels[i] gets a KB_NER_* label for words[i]. Decoding is per sentence
 * (Viterbi); features may look at the whole document (other mentions of
 * a word). Linear in n; KB_ENOMEM on allocation failure. */
kb_status kb_ner_tag(const kb_ner_word *words, size_t n, uint8_t *labels);

/* "O", "B-PERS", "I-PERS", ... by label; NULL when out of range. The
 * entity class of a label is (label + 1) / 2: 1 PERS, 2 LOC, 3 ORG, 4 MISC. */
const char *kb_ner_label_name(int label);

/* @entities-layer: typed, linked entities (kb_entities.c, kb_dates.c, ...) */

/* ------------------------------------------------------------------ */
/* Entities                                                            */
/* ------------------------------------------------------------------ */

typedef enum {
	KB_ENT_PERS, KB_ENT_LOC, KB_ENT_ORG, KB_ENT_MISC, KB_ENT_DATE, KB_ENT_TIME,
	KB_ENT_NUM, KB_ENT_MONEY, KB_ENT_PERCENT, KB_ENT_TITLE, KB_ENT_NORP,
	KB_ENT_TYPE_COUNT
} kb_entity_type;

/* The actor sector of a title or organisation (for event coding). */
typedef enum {
	KB_SECTOR_NONE, KB_SECTOR_GOV, KB_SECTOR_MIL, KB_SECTOR_SPY, KB_SECTOR_LEG,
	KB_SECTOR_COP, KB_SECTOR_JUD, KB_SECTOR_DIP, KB_SECTOR_REB, KB_SECTOR_PTY,
	KB_SECTOR_MED, KB_SECTOR_EDU, KB_SECTOR_BUS, KB_SECTOR_REL, KB_SECTOR_IGO,
	KB_SECTOR_NGO, KB_SECTOR_ROY, KB_SECTOR_CVL,
	KB_SECTOR_COUNT
} kb_sector;

typedef struct {
	uint32_t start, stop;   /* the mention, proclitics (و ف ب ل ك) excluded */
	uint32_t norm, norm_len;/* search form: entities->text.data + norm */
	int32_t id;             /* mentions of one person/place/org share it; a
	                           TITLE carries the id of its person */
	int32_t canonical;      /* index of the mention with this id's canonical
	                           (longest) name */
	int32_t title;          /* index of the TITLE attached to this mention (for
	                           later mentions: the canonical's), or -1 */
	uint8_t type;           /* a kb_entity_type */
	uint8_t sector;         /* a kb_sector: TITLE, ORG, and PERS via its title */
	char country[4];        /* ISO 3166 alpha-3, "IGO", or "" when unknown */
	char value[32];         /* DATE/TIME/NUM/MONEY/PERCENT: resolved value
	                           (ISO date, "a/b" interval, "2020-W52", number);
	                           "" when none */
	float confidence;       /* 0..1 */
} kb_entity;

typedef struct {
	kb_entity *items;
	size_t count, cap;
	kb_buf text;            /* search forms, back to back */
} kb_entities;

/* Finds the entities of s[0..n) and appends them to out (initialise it to
 * zeros) in text order (by start, longer first). ref_date is the article's
 * date "YYYY-MM-DD" that dates resolve against, or NULL (dates then carry
 * no value). KB_EINVAL for a bad ref_date; KB_ETOOBIG above 4 GiB. */
kb_status kb_entities_extract(const char *s, size_t n, const char *ref_date,
                              kb_entities *out);
void kb_entities_free(kb_entities *entities);

/* "PERS", "LOC", ... by kb_entity_type; "GOV", "MIL", ... by kb_sector
 * ("" for KB_SECTOR_NONE); NULL when out of range. */
const char *kb_entity_type_name(int type);
const char *kb_sector_name(int sector);

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

typedef struct { int32_t year, month, day; } kb_date;

/* Parses and checks "YYYY-MM-DD" (a real calendar day); KB_EINVAL if not. */
kb_status kb_date_parse(const char *iso, size_t n, kb_date *date);

/* Resolves one Arabic time expression s[0..n) ("الأحد", "أمس", "الأسبوع
 * الماضي", "25 ديسمبر/كانون الأول 2020", "عام 2014", "منذ ثلاثة أيام") against
 * ref_date into value (ISO date, month, ISO week, year or "a/b" interval).
 * *consumed gets the bytes of s the expression covers (from s's start,
 * proclitics included). KB_EINVAL when s does not start with a date or
 * ref_date is bad; a fuzzy date with no resolvable value gives "". */
kb_status kb_date_resolve(const char *s, size_t n, const char *ref_date,
                          char value[32], size_t *consumed);

/* ref + days (negative: before) as "YYYY-MM-DD", with ICU's calendar. */
kb_status kb_date_add_days(const kb_date *ref, int32_t days, char out[11]);

/* @events: events (issue 5) */

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

/* One argument of an event: a span of the input plus what is known of it. */
typedef struct {
	uint32_t start, stop;   /* the mention, proclitics (و ف ب ل ك) excluded */
	int32_t entity;         /* index into the entities passed in, or -1 */
	int32_t entity_id;      /* that entity's id, or -1 */
	char country[4];        /* ISO 3166 alpha-3, "IGO", or "" when unknown */
	char sector[4];         /* "GOV", "MIL", "SPY", "LEG", "COP", "REB", ... or "" */
} kb_event_arg;

#define KB_EVENT_MAX_TARGETS 8

typedef enum {
	KB_MODALITY_ASSERTED, KB_MODALITY_FUTURE, KB_MODALITY_HYPOTHETICAL, KB_MODALITY_REPORTED
} kb_event_modality;

typedef struct {
	const char *type;       /* "NEGOTIATE", ...: static strings */
	const char *cameo;      /* "046" */
	const char *plover;     /* "CONSULT", or NULL (statements) */
	const char *mode;       /* "phone", "visit", ..., or NULL */
	const char *reciprocal; /* CAMEO code of the mirrored dyad, or NULL */
	uint32_t trigger_start, trigger_stop;
	int has_source;
	kb_event_arg source;
	unsigned target_count;
	kb_event_arg targets[KB_EVENT_MAX_TARGETS];
	int has_date;
	uint32_t date_start, date_stop;   /* the governing time expression */
	char date_value[32];              /* "2020-12-27", "2020-12", "2014", "a/b" */
	int has_location;
	kb_event_arg location;
	char target_country[4];  /* the country acted on when no target is named */
	int negative;
	kb_event_modality modality;
	int generic;
	uint32_t sentence_start, sentence_stop;
	uint32_t cluster;        /* 1-based; mentions of one real event share it */
	float confidence;
} kb_event;

typedef struct {
	kb_event *items;
	size_t count, cap;
} kb_events;

/* At most this many events come from one call (a corpus is many calls). */
#define KB_EVENTS_MAX 100000

/* Finds the events of s[0..n) and appends them to out (initialise it to
 * zeros) in text order. ref_date (or NULL) resolves relative dates;
 * entities (or NULL), the result of kb_entities_extract on the same text,
 * links arguments to entity ids, countries and sectors. KB_ETOOBIG above
 * 4 GiB. */
kb_status kb_events_extract(const char *s, size_t n, const kb_date *ref_date,
                            const kb_entities *entities, kb_events *out);
void kb_events_free(kb_events *events);
/* "asserted", "future", "hypothetical", "reported" (NULL when out of range). */
const char *kb_event_modality_name(int modality);

#endif
