/*
 * kb_events.c: who did what to whom, when and where (issue 5).
 *
 * A shallow, TABARI-style coder. The text is scanned into words, each with
 * its search form (no diacritics, one alef, ي for ى, ه for ة) and what the
 * compiled lexicons (csrc/gen/events_lexicon.h, from data/events/) know of
 * it. Triggers are matched on the words with their clitics split off; each
 * trigger then takes its arguments from the words around it with a few
 * ordered rules: the light verb's subject, VSO and SVO subjects, elided
 * subjects of coordinated verbs, resumptive pronouns, typed prepositions,
 * and the article's recent actors as a last resort. Dates, places,
 * modality, genericity and clusters come last.
 *
 * Work is linear in the input: every rule looks at a bounded window of
 * words (a sentence, capped) and lexicon look-ups are binary searches.
 */
#include "kb.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

typedef struct {
	const char *cameo;
	int type;
	const char *plover, *mode, *reciprocal;
} kb_event_code;

typedef struct {
	const char *key;
	const char *next;    /* alternatives joined by '|', "" for none */
	unsigned char code;  /* index into kb_event_codes */
	unsigned char tense; /* 0 past verb, 1 imperfect verb, 2 noun */
	unsigned char near;  /* next may be anywhere in the following words */
	unsigned char agree; /* a plural or dual verb: its subject comes first */
} kb_event_trigger;

typedef struct {
	const char *key;
	unsigned cls;
	const char *value;
} kb_event_word;

#include "gen/events_lexicon.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ==================================================================== */
/* Words                                                                 */
/* ==================================================================== */

enum { W_ARABIC, W_NUMBER, W_LATIN, W_PUNCT };
enum { P_NONE, P_COMMA, P_STOP, P_COLON, P_QUOTE, P_OPEN, P_CLOSE, P_DASH, P_OTHER };

#define MAX_KEY 96          /* longer words are never lexicon words */
#define WINDOW 40           /* how far (in words) any rule looks */
#define NP_MAX 8
#define BLOCK (1u << 20)    /* longer texts are coded in blocks of about 1 MB */
#define LOOKBACK 48         /* how many earlier events any rule looks at */

typedef struct {
	uint32_t start, stop;       /* the word in the input */
	uint32_t norm;              /* search form in the arena */
	uint16_t norm_len;
	uint8_t kind, punct;
	uint8_t pro_wf;             /* bytes of a leading و/ف conjunction in norm */
	uint8_t pro_bl;             /* 'b', 'l', 'k' for a preposition proclitic */
	uint8_t pro_len;            /* bytes of all proclitics in norm */
	uint8_t has_al;             /* the stem starts with the article */
	uint8_t suffix;             /* an enclitic pronoun was split to match */
	uint8_t future;             /* a future سـ was split to match */
	uint32_t cls;               /* KB_EVW_* of the word (clitics split) */
	const char *value;          /* the class value ("LBY", "W1", ...) */
	int16_t trig;               /* kb_event_triggers index or -1 */
	uint8_t trig_len;           /* words the trigger covers */
	uint8_t trig_pro;           /* letters of proclitics before the trigger's stem */
	uint32_t sentence;          /* index of its sentence */
	uint8_t ent;                /* EW_* marks from the entities passed in */
} ev_word;

enum { EW_START = 1, EW_END = 2, EW_TITLE = 4, EW_NAME = 8, EW_ACTOR = 16, EW_PERSON = 32 };

typedef struct {
	size_t first, last;         /* word range [first, last) */
} ev_sentence;

/* Per-call state: everything lives here, nothing is static. */
typedef struct {
	const char *s;
	size_t begin, n;            /* this block of the input: s[begin..n) */
	size_t budget;              /* events this call may still add */
	ev_word *w;
	size_t nw, capw;
	kb_buf arena;
	ev_sentence *sent;
	size_t nsent, capsent;
	int has_doc;
	long doc_day;               /* days since 1970-01-01 of the article */
	const kb_entities *ents;
	kb_events *out;
	size_t first_event;         /* this call's events start here in out */
	uint32_t next_cluster;
	char home[4];               /* the country the text names most */
} ev_ctx;

static int is_arabic_letter(int32_t cp)
{
	return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x0671 && cp <= 0x06D3) ||
	       cp == 0x06A9 || cp == 0x06AF || cp == 0x06CC;
}

static int is_mark(int32_t cp)
{
	return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640;
}

static int is_digit_cp(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) ||
	       (cp >= 0x06F0 && cp <= 0x06F9);
}

static int is_latin(int32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static int32_t fold_cp(int32_t cp)
{
	switch (cp) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
	case 0x0649: return 0x064A;
	case 0x0629: return 0x0647;
	case 0x06CC: return 0x064A;
	case 0x06A9: return 0x0643;
	default: break;
	}
	if (cp >= 0x0660 && cp <= 0x0669)
		return '0' + (cp - 0x0660);
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return '0' + (cp - 0x06F0);
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	return cp;
}

static int punct_class(int32_t cp)
{
	switch (cp) {
	case 0x060C: case ',': return P_COMMA;
	case '.': case '!': case '?': case 0x061F: case 0x061B: case ';': case '\n': return P_STOP;
	case ':': return P_COLON;
	case '"': case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case '\'': return P_QUOTE;
	case '(': case '[': return P_OPEN;
	case ')': case ']': return P_CLOSE;
	case '-': case 0x2013: case 0x2014: return P_DASH;
	default: return P_OTHER;
	}
}

static kb_status push_word(ev_ctx *c, const ev_word *w)
{
	if (c->nw == c->capw) {
		size_t cap = c->capw ? c->capw * 2 : 256;
		ev_word *p = realloc(c->w, cap * sizeof *p);
		if (!p)
			return KB_ENOMEM;
		c->w = p;
		c->capw = cap;
	}
	c->w[c->nw++] = *w;
	return KB_OK;
}

/* Appends one word (s[start..stop), letters only) with its search form. */
static kb_status scan_word(ev_ctx *c, size_t start, size_t stop, int kind)
{
	ev_word w;
	size_t i = start;
	memset(&w, 0, sizeof w);
	w.start = (uint32_t)start;
	w.stop = (uint32_t)stop;
	w.kind = (uint8_t)kind;
	w.norm = (uint32_t)c->arena.len;
	w.trig = -1;
	while (i < stop) {
		int32_t cp;
		char buf[4];
		size_t len = kb_utf8_decode((const unsigned char *)c->s + i, stop - i, &cp);
		i += len;
		if (cp < 0 || is_mark(cp))
			continue;
		len = kb_utf8_encode(fold_cp(cp), buf);
		if (kb_buf_append(&c->arena, buf, len) != KB_OK)
			return KB_ENOMEM;
	}
	if (c->arena.len - w.norm > 0xFFFF)
		c->arena.len = w.norm + 0xFFFF;
	w.norm_len = (uint16_t)(c->arena.len - w.norm);
	w.sentence = (uint32_t)c->nsent;
	return push_word(c, &w);
}

static kb_status push_sentence(ev_ctx *c, size_t first, size_t last)
{
	if (last <= first)
		return KB_OK;
	if (c->nsent == c->capsent) {
		size_t cap = c->capsent ? c->capsent * 2 : 32;
		ev_sentence *p = realloc(c->sent, cap * sizeof *p);
		if (!p)
			return KB_ENOMEM;
		c->sent = p;
		c->capsent = cap;
	}
	c->sent[c->nsent].first = first;
	c->sent[c->nsent].last = last;
	c->nsent++;
	return KB_OK;
}

/* A full stop between digits ("3.5") does not end a sentence. */
static int is_decimal_point(const ev_ctx *c, size_t i)
{
	return c->s[i] == '.' && i > 0 && i + 1 < c->n &&
	       c->s[i - 1] >= '0' && c->s[i - 1] <= '9' && c->s[i + 1] >= '0' && c->s[i + 1] <= '9';
}

/* Splits the text into words and punctuation, and into sentences. */
static kb_status scan(ev_ctx *c)
{
	size_t i = c->begin, sentence_first = 0;
	while (i < c->n) {
		int32_t cp;
		size_t len = kb_utf8_decode((const unsigned char *)c->s + i, c->n - i, &cp);
		if (is_arabic_letter(cp) || is_mark(cp) || is_digit_cp(cp) || is_latin(cp)) {
			size_t j = i;
			int kind = is_arabic_letter(cp) || is_mark(cp) ? W_ARABIC :
			           is_digit_cp(cp) ? W_NUMBER : W_LATIN;
			while (j < c->n) {
				int32_t cq;
				size_t lq = kb_utf8_decode((const unsigned char *)c->s + j, c->n - j, &cq);
				if (!(is_arabic_letter(cq) || is_mark(cq) || is_digit_cp(cq) || is_latin(cq)))
					break;
				if (kind == W_NUMBER && is_arabic_letter(cq))
					kind = W_ARABIC;
				j += lq;
			}
			if (scan_word(c, i, j, kind) != KB_OK)
				return KB_ENOMEM;
			i = j;
			continue;
		}
		if (cp > ' ' && cp != 0x00A0 && cp != 0x200C && cp != 0x200F && cp != 0x200E) {
			ev_word w;
			memset(&w, 0, sizeof w);
			w.start = (uint32_t)i;
			w.stop = (uint32_t)(i + len);
			w.kind = W_PUNCT;
			w.punct = (uint8_t)punct_class(cp);
			w.trig = -1;
			w.sentence = (uint32_t)c->nsent;
			if (w.punct == P_STOP && is_decimal_point(c, i))
				w.punct = P_OTHER;
			if (push_word(c, &w) != KB_OK)
				return KB_ENOMEM;
			if (w.punct == P_STOP) {
				if (push_sentence(c, sentence_first, c->nw) != KB_OK)
					return KB_ENOMEM;
				sentence_first = c->nw;
			}
		} else if (cp == '\n') {
			if (push_sentence(c, sentence_first, c->nw) != KB_OK)
				return KB_ENOMEM;
			sentence_first = c->nw;
		}
		i += len;
	}
	return push_sentence(c, sentence_first, c->nw);
}

/* ==================================================================== */
/* Lexicon look-ups                                                      */
/* ==================================================================== */

static int key_cmp(const char *key, const char *s, size_t n)
{
	int r = n ? strncmp(key, s, n) : 0;   /* s may be NULL when n is 0 */
	if (r != 0)
		return r;
	return key[n] != '\0';
}

static const kb_event_word *find_word(const char *s, size_t n)
{
	size_t lo = 0, hi = COUNT(kb_event_words);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = key_cmp(kb_event_words[mid].key, s, n);
		if (r == 0)
			return &kb_event_words[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The first trigger entry with this key, or -1. */
static int find_trigger(const char *s, size_t n)
{
	size_t lo = 0, hi = COUNT(kb_event_triggers);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (key_cmp(kb_event_triggers[mid].key, s, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < COUNT(kb_event_triggers) && key_cmp(kb_event_triggers[lo].key, s, n) == 0)
		return (int)lo;
	return -1;
}

#define AR_WAW "\xd9\x88"
#define AR_FEH "\xd9\x81"
#define AR_BEH "\xd8\xa8"
#define AR_LAM "\xd9\x84"
#define AR_KAF "\xd9\x83"
#define AR_ALEF "\xd8\xa7"
#define AR_SEEN "\xd8\xb3"
#define AR_AL AR_ALEF AR_LAM

/* The arena is still NULL when no word had a search form (only marks). */
static const char *word_norm(const ev_ctx *c, const ev_word *w)
{
	return c->arena.data ? c->arena.data + w->norm : "";
}

static int starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

/* Letters (2-byte Arabic) in a search form. */
static size_t letters(size_t bytes)
{
	return bytes / 2;
}

static int is_prep_letter(const char *s, size_t n)
{
	return starts(s, n, AR_BEH) || starts(s, n, AR_LAM) || starts(s, n, AR_KAF);
}

/* Classifies one word with its proclitics split: the whole form first,
 * then without و/ف, then without a preposition ب/ل/ك (لل = ل + ال). An
 * unknown word loses a leading letter only when what is left looks like a
 * word of its own (the article follows, or five letters or more). */
static int ends_with(const char *s, size_t n, const char *suffix);

/* A preposition carrying a pronoun ("خلالها", "منه", "معهم") is still a
 * preposition: it opens no noun phrase. */
static const kb_event_word *prep_with_pronoun(const char *s, size_t n)
{
	static const char *const pronouns[] = {
		"\xd9\x87\xd9\x85\xd8\xa7", "\xd9\x87\xd9\x85", "\xd9\x87\xd8\xa7", "\xd9\x87"  /* هما هم ها ه */
	};
	size_t k;
	for (k = 0; k < COUNT(pronouns); k++) {
		size_t pn = strlen(pronouns[k]);
		const kb_event_word *f;
		if (n <= pn || !ends_with(s, n, pronouns[k]) || letters(n - pn) < 2)
			continue;
		f = find_word(s, n - pn);
		if (f && (f->cls & KB_EVW_PREP))
			return f;
	}
	return NULL;
}

static void classify_word(ev_ctx *c, ev_word *w)
{
	const char *s = word_norm(c, w);
	size_t n = w->norm_len, off = 0;
	const kb_event_word *e = find_word(s, n);
	char tmp[MAX_KEY];
	if (!e && letters(n) > 2 && (starts(s, n, AR_WAW) || starts(s, n, AR_FEH)) && find_trigger(s, n) < 0) {
		const kb_event_word *f = find_word(s + 2, n - 2);
		if (f || letters(n) > 3) {
			off = 2;
			w->pro_wf = 2;
			e = f;
		}
	}
	if (!e && letters(n - off) > 3 && is_prep_letter(s + off, n - off) && find_trigger(s + off, n - off) < 0) {
		const char *rest = s + off + 2;
		size_t rn = n - off - 2;
		const kb_event_word *f = find_word(rest, rn);
		if (!f && starts(s + off, n - off, AR_LAM) && starts(rest, rn, AR_LAM) && rn + 2 < sizeof tmp) {
			memcpy(tmp, AR_ALEF, 2);
			memcpy(tmp + 2, rest, rn);
			f = find_word(tmp, rn + 2);
		}
		if (f || starts(rest, rn, AR_AL) || starts(rest, rn, AR_LAM) || find_trigger(rest, rn) >= 0 ||
		    (s[off + 1] == AR_LAM[1] && letters(rn) >= 4) ||
		    (s[off + 1] == AR_BEH[1] && letters(rn) >= 4 &&
		     (starts(rest, rn, "\xd8\xaa") || starts(rest, rn, "\xd9\x85")))) {
			w->pro_bl = s[off + 1] == AR_BEH[1] ? 'b' : s[off + 1] == AR_LAM[1] ? 'l' : 'k';
			off += 2;
			e = f;
		}
	}
	w->pro_len = (uint8_t)off;
	if (!e)
		e = prep_with_pronoun(s + off, n - off);
	if (e) {
		w->cls = e->cls;
		w->value = e->value;
	}
	w->has_al = starts(s + off, n - off, AR_AL) ||
	            (w->pro_bl == 'l' && starts(s + off, n - off, AR_LAM));
}

/* Does word w (with its proclitics) equal one of the '|' alternatives? */
static int word_in(const ev_ctx *c, const ev_word *w, const char *alts)
{
	const char *s = word_norm(c, w);
	size_t n = w->norm_len;
	while (*alts) {
		const char *bar = strchr(alts, '|');
		size_t k = bar ? (size_t)(bar - alts) : strlen(alts);
		if ((k == n && memcmp(alts, s, k) == 0) ||
		    (k + w->pro_len == n && memcmp(alts, s + w->pro_len, k) == 0) ||
		    (w->pro_wf && k + w->pro_wf == n && memcmp(alts, s + w->pro_wf, k) == 0))
			return 1;
		if (!bar)
			break;
		alts = bar + 1;
	}
	return 0;
}

static const char *const pronoun_suffixes[] = {
	"\xd9\x87\xd9\x85\xd8\xa7", /* هما */
	"\xd9\x87\xd9\x85",         /* هم */
	"\xd9\x87\xd8\xa7",         /* ها */
	"\xd9\x87\xd9\x86",         /* هن */
	"\xd9\x87",                 /* ه */
};

/* Tries one candidate form of word i against the trigger table: returns the
 * entry whose `next` condition holds (preferring entries with one), and
 * the words it covers in *len. */
static int match_form(const ev_ctx *c, size_t i, const char *s, size_t n, int noun_only,
                      int verb_only, size_t limit, size_t *len)
{
	int first = find_trigger(s, n), best = -1;
	size_t best_len = 0, k;
	if (first < 0)
		return -1;
	for (k = (size_t)first; k < COUNT(kb_event_triggers) &&
	     key_cmp(kb_event_triggers[k].key, s, n) == 0; k++) {
		const kb_event_trigger *t = &kb_event_triggers[k];
		size_t covered = 1;
		if ((noun_only && t->tense != 2) || (verb_only && t->tense != 1))
			continue;
		if (t->next[0]) {
			size_t j, found = 0;
			size_t stop = t->near ? i + 7 : i + 2;
			for (j = i + 1; j < limit && j < stop; j++) {
				if (c->w[j].kind == W_PUNCT && c->w[j].punct == P_STOP)
					break;
				if (c->w[j].kind == W_PUNCT)
					continue;
				if (word_in(c, &c->w[j], t->next)) {
					found = j;
					break;
				}
				if (!t->near)
					break;
			}
			if (!found)
				continue;
			covered = t->near ? 1 : found - i + 1;
			if (best < 0 || kb_event_triggers[best].next[0] == '\0' || covered > best_len) {
				best = (int)k;
				best_len = covered;
			}
		} else if (best < 0) {
			best = (int)k;
			best_len = covered;
		}
	}
	*len = best_len;
	return best;
}

/* Tries the forms of one stem (after proclitics): as is, without the
 * article (nouns), without a future سـ (imperfect verbs), without an
 * enclitic pronoun, without the accusative alef. */
static int match_stem(ev_ctx *c, size_t i, const char *b, size_t bn, int noun_only,
                      size_t limit, size_t *len)
{
	ev_word *w = &c->w[i];
	int t = match_form(c, i, b, bn, noun_only, 0, limit, len);
	size_t k;
	if (t < 0 && starts(b, bn, AR_AL) && letters(bn) > 4)
		t = match_form(c, i, b + 4, bn - 4, 1, 0, limit, len);
	if (t < 0 && !noun_only && starts(b, bn, AR_SEEN) && letters(bn) > 3) {
		t = match_form(c, i, b + 2, bn - 2, 0, 1, limit, len);
		if (t >= 0)
			w->future = 1;
	}
	for (k = 0; t < 0 && k < COUNT(pronoun_suffixes); k++) {
		size_t sl = strlen(pronoun_suffixes[k]);
		if (bn > sl + 4 && memcmp(b + bn - sl, pronoun_suffixes[k], sl) == 0) {
			t = match_form(c, i, b, bn - sl, noun_only, 0, limit, len);
			if (t < 0 && bn > sl + 6 && memcmp(b + bn - sl - 2, "\xd8\xaa", 2) == 0)
				t = match_form(c, i, b, bn - sl - 2, 1, 0, limit, len);
			if (t >= 0)
				w->suffix = 1;
		}
	}
	if (t < 0 && letters(bn) > 3 && memcmp(b + bn - 2, AR_ALEF, 2) == 0)
		t = match_form(c, i, b, bn - 2, 1, 0, limit, len);
	if (t < 0 && starts(b, bn, AR_AL) && letters(bn) > 5 && memcmp(b + bn - 2, AR_ALEF, 2) == 0)
		t = match_form(c, i, b + 4, bn - 6, 1, 0, limit, len);
	return t;
}

/* Does the word, as written, end in a pronoun (ـه، ـها، ـهم، ـهما after a
 * letter; ه is no ta marbuta)? "زيارته", "جولته", "تستنكره". */
static int has_pronoun_suffix(const ev_ctx *c, const ev_word *w)
{
	const unsigned char *s = (const unsigned char *)c->s;
	uint32_t end = w->stop;
	/* skip marks at the end */
	while (end >= w->start + 2 && s[end - 2] == 0xD9 && ((s[end - 1] >= 0x8B && s[end - 1] <= 0x9F) ||
	                                                    s[end - 1] == 0x80))
		end -= 2;
	if (end < w->start + 6)
		return 0;
	if (s[end - 2] == 0xD9 && s[end - 1] == 0x87)   /* ه */
		return 1;
	if ((s[end - 2] == 0xD9 && (s[end - 1] == 0x85 || s[end - 1] == 0x86 || s[end - 1] == 0x8A)) ||
	    (s[end - 2] == 0xD8 && s[end - 1] == 0xA7)) {   /* م ن ي ا after ه: هم هن هي ها هما */
		size_t k = end - 2;
		if (s[end - 1] == 0xA7 && k >= w->start + 2 && s[k - 2] == 0xD9 && s[k - 1] == 0x85)
			k -= 2;  /* هما */
		return k >= w->start + 4 && s[k - 2] == 0xD9 && s[k - 1] == 0x87;
	}
	return 0;
}

/* Is the word, as written, ended by a ta marbuta (ة, marks after it aside)? */
static int ends_in_ta_marbuta(const ev_ctx *c, const ev_word *w)
{
	const unsigned char *s = (const unsigned char *)c->s;
	uint32_t end = w->stop;
	while (end >= w->start + 2 && s[end - 2] == 0xD9 && ((s[end - 1] >= 0x8B && s[end - 1] <= 0x9F) ||
	                                                    s[end - 1] == 0x80))
		end -= 2;
	return end >= w->start + 2 && s[end - 2] == 0xD8 && s[end - 1] == 0xA9;
}

/* Finds the trigger starting at word i: the word as is, then without و/ف,
 * then without a preposition (nouns only: "لقصف", "بزيارة"). */
static void match_trigger(ev_ctx *c, size_t i, size_t limit)
{
	ev_word *w = &c->w[i];
	const char *s = word_norm(c, w);
	size_t n = w->norm_len, len = 0, off = 0;
	int t = -1;
	if (w->kind != W_ARABIC || n >= MAX_KEY ||
	    (w->cls & (KB_EVW_TIME | KB_EVW_PREP | KB_EVW_LV | KB_EVW_PART)))
		return;
	t = match_stem(c, i, s, n, 0, limit, &len);
	if (t < 0 && letters(n) > 3 && (starts(s, n, AR_WAW) || starts(s, n, AR_FEH))) {
		off = 2;
		t = match_stem(c, i, s + 2, n - 2, 0, limit, &len);
	}
	if (t < 0 && letters(n - off) > 3 && is_prep_letter(s + off, n - off)) {
		t = match_stem(c, i, s + off + 2, n - off - 2, 1, limit, &len);
		off += 2;
	}
	/* "وزارة" is no "و + زاره", "إضافة" no "أضاف + ه": a word written with
	 * ة is no verb (the search form folds ة to ه) */
	if (t >= 0 && kb_event_triggers[t].tense != 2 && ends_in_ta_marbuta(c, w))
		t = -1;
	if (t >= 0) {
		w->trig = (int16_t)t;
		w->trig_len = (uint8_t)len;
		w->trig_pro = (uint8_t)(off / 2);
		if (kb_event_triggers[t].tense == 2 && has_pronoun_suffix(c, w))
			w->suffix = 1;
	}
}

/* ==================================================================== */
/* Word predicates and noun phrases                                      */
/* ==================================================================== */

#define NP_STOP (KB_EVW_PREP | KB_EVW_PART | KB_EVW_VERB | KB_EVW_LV | KB_EVW_TIME | \
                 KB_EVW_NEG | KB_EVW_TOPIC | KB_EVW_ANCHOR1 | KB_EVW_FUT | KB_EVW_REP)

static const kb_event_trigger *trig_of(const ev_word *w)
{
	return w->trig >= 0 ? &kb_event_triggers[w->trig] : NULL;
}

static int trig_type(const ev_word *w)
{
	return w->trig >= 0 ? kb_event_codes[kb_event_triggers[w->trig].code].type : -1;
}

static int is_punct(const ev_word *w, int p)
{
	return w->kind == W_PUNCT && (p == P_NONE || w->punct == p);
}

static int is_verb_trigger(const ev_word *w)
{
	return w->trig >= 0 && kb_event_triggers[w->trig].tense != 2;
}

/* "باسم" (on behalf of) continues a title: المتحدث باسم الحكومة. */
static int is_bism(const ev_ctx *c, const ev_word *w)
{
	return w->norm_len == 6 && memcmp(word_norm(c, w), "\xd8\xa8\xd8\xa7\xd8\xb3\xd9\x85", 6) == 0;
}

/* Can word w begin a noun phrase? allow_pp: a preposition proclitic is
 * allowed (the caller wants the object of "لـ"/"بـ"). */
static int np_start_ok(const ev_word *w, int allow_pp)
{
	if (w->kind == W_PUNCT)
		return 0;
	if ((w->cls & NP_STOP) && !(w->cls & KB_EVW_QUANT))
		return 0;
	if (w->trig >= 0 && (trig_type(w) != KB_EVT_STATEMENT || trig_of(w)->tense != 2))
		return 0;
	if (w->pro_bl && !allow_pp)
		return 0;
	return 1;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* An adverbial accusative (سياسياً، عسكرياً، دولياً): ends a phrase. */
static int is_adverb(const ev_ctx *c, const ev_word *w)
{
	const char *s = word_norm(c, w) + w->pro_len;
	size_t n = w->norm_len - w->pro_len;
	return w->cls == 0 && !w->has_al && letters(n) >= 5 && ends_with(s, n, "\xd9\x8a\xd8\xa7");
}

/* An unknown indefinite word of 4-6 letters ending in ت after a definite
 * phrase is most likely a verb (أغلقت، سيطرت): it ends the phrase. */
static int looks_past_verb(const ev_ctx *c, const ev_word *w)
{
	const char *s = word_norm(c, w) + w->pro_len;
	size_t n = w->norm_len - w->pro_len;
	return w->cls == 0 && !w->has_al && letters(n) >= 4 && letters(n) <= 6 &&
	       ends_with(s, n, "\xd8\xaa");
}

/* Does the word name or head an actor (a title, a force, a country)? */
static int is_actor_word(const ev_word *w, int strict)
{
	return (w->cls & (KB_EVW_TITLE | KB_EVW_COUNTRY | KB_EVW_NISBA | KB_EVW_ORGX | KB_EVW_HON)) != 0 ||
	       (w->ent & EW_ACTOR) != 0 ||
	       (!strict && !w->has_al && w->cls == 0 && w->kind == W_ARABIC);
}

/* An indefinite word that looks like an adjective (مكثف، متكررة، عنيفة،
 * جوية): not the agent of the noun before it. */
static int looks_adjective(const ev_ctx *c, const ev_word *w)
{
	const char *s = word_norm(c, w) + w->pro_len;
	size_t n = w->norm_len - w->pro_len;
	return !w->has_al && w->cls == 0 &&
	       (starts(s, n, "\xd9\x85") || ends_with(s, n, "\xd9\x87") || ends_with(s, n, "\xd9\x8a"));
}

/* Is word k the continuation of a person's name ("محمد الطاهر سيالة"):
 * inside one entity, or after a first name and a definite part? */
static int inside_name(const ev_ctx *c, size_t k)
{
	const ev_word *w = &c->w[k], *first;
	if ((w->ent & EW_NAME) && !(w->ent & EW_START) && (c->w[k - 1].ent & EW_NAME))
		return 1;
	if (k < 2)
		return 0;
	first = &c->w[k - 2];
	return first->kind == W_ARABIC && first->cls == 0 && !first->has_al && first->trig < 0 && !first->pro_bl;
}

/* Where the noun phrase starting at word i ends (exclusive). coord: a
 * و-conjunct continues it. A definite word followed by an indefinite one
 * ends a phrase (التحالف | مخازن) unless it is a title or a country
 * adjective before a name (الرئيس باراك, اليمنية راجح). */
static size_t np_end(const ev_ctx *c, size_t i, size_t limit, int coord)
{
	size_t k = i + 1, conjunct = i;
	/* each conjunct of a list may be a full phrase ("لمقام خادم الحرمين
	 * الشريفين وسمو ولي العهد وولي ولي العهد ...") */
	while (k < limit && k - conjunct < NP_MAX && k - i < 4 * NP_MAX) {
		const ev_word *w = &c->w[k], *prev = &c->w[k - 1];
		if (w->kind == W_PUNCT)
			break;
		if (w->cls & NP_STOP)
			break;
		if (w->trig >= 0)
			break;
		if ((w->pro_bl == 'b' || w->pro_bl == 'k') && !is_bism(c, w))
			break;
		if (w->pro_bl == 'l' && (!w->has_al || !prev->has_al))
			break;
		if (w->pro_wf && !coord)
			break;
		if (w->pro_wf)
			conjunct = k;
		if (w->cls & KB_EVW_QUANT)
			break;
		if (prev->has_al && !w->has_al && w->kind == W_ARABIC && !w->pro_wf &&
		    !(prev->cls & (KB_EVW_HON | KB_EVW_NISBA | KB_EVW_PLACE)) && !is_bism(c, prev) && !is_bism(c, w) &&
		    !inside_name(c, k))
			break;
		if (prev->has_al && looks_past_verb(c, w))
			break;
		if (is_adverb(c, w))
			break;
		/* two named entities side by side are two phrases: "زار كارتر
		 * إسرائيل", "اتهمت باكستان الهند" (not inside a title: "وزير
		 * خارجية ليبيا محمد ...") */
		if ((prev->ent & EW_END) && (w->ent & EW_START) && !(prev->ent & EW_TITLE) && !(w->ent & EW_TITLE) &&
		    !w->pro_wf)
			break;
		if ((prev->ent & EW_END) && !(prev->ent & EW_TITLE) && w->pro_bl)
			break;
		if ((prev->cls & (KB_EVW_COUNTRY | KB_EVW_CITY)) && (w->cls & (KB_EVW_COUNTRY | KB_EVW_CITY)) &&
		    !w->pro_wf)
			break;
		k++;
	}
	return k;
}

/* Bytes of the first `count` letters of the word in the input (marks
 * after a letter go with it). */
static uint32_t skip_letters(const ev_ctx *c, uint32_t at, uint32_t stop, size_t count)
{
	while (count > 0 && at < stop) {
		int32_t cp;
		at += (uint32_t)kb_utf8_decode((const unsigned char *)c->s + at, stop - at, &cp);
		if (!is_mark(cp))
			count--;
		while (at < stop) {
			size_t len = kb_utf8_decode((const unsigned char *)c->s + at, stop - at, &cp);
			if (!is_mark(cp))
				break;
			at += (uint32_t)len;
		}
	}
	return at;
}

/* Where a mention starts: after its proclitics, but "لل" keeps its لام
 * (للحوثيين stays whole, to keep the article). */
static uint32_t mention_start(const ev_ctx *c, const ev_word *w)
{
	size_t pro = w->pro_len / 2;
	if (w->pro_bl == 'l' && w->has_al && !starts(word_norm(c, w) + w->pro_len,
	                                             w->norm_len - w->pro_len, AR_AL))
		pro--;
	return skip_letters(c, w->start, w->stop, pro);
}

static void copy_code(char dst[4], const char *value)
{
	size_t k = value ? strlen(value) : 0;
	if (k > 3)
		k = 3;
	memcpy(dst, value ? value : "", k);
	dst[k] = '\0';
}

/* Fills an argument from words [i, j): span, country, sector. */
static void set_arg(const ev_ctx *c, kb_event_arg *a, size_t i, size_t j)
{
	size_t k;
	memset(a, 0, sizeof *a);
	a->start = mention_start(c, &c->w[i]);
	a->stop = c->w[j - 1].stop;
	a->entity = a->entity_id = -1;
	for (k = i; k < j; k++) {
		const ev_word *w = &c->w[k];
		if (!a->country[0] && (w->cls & (KB_EVW_COUNTRY | KB_EVW_NISBA | KB_EVW_CITY | KB_EVW_ORGX)))
			copy_code(a->country, w->value);
		if (!a->sector[0] && (w->cls & KB_EVW_TITLE) && w->value && w->value[0])
			copy_code(a->sector, w->value);
	}
	if (!strcmp(a->sector, "IGO") && !a->country[0])
		copy_code(a->country, "IGO");
}

/* The word at byte offset `at` (the first whose stop is past it). */
static size_t word_at(const ev_ctx *c, uint32_t at)
{
	size_t lo = 0, hi = c->nw;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->w[mid].stop <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ==================================================================== */
/* Dates                                                                 */
/* ==================================================================== */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y += *m <= 2;
}

static void format_day(long z, char *out, size_t cap)
{
	long y, m, d;
	civil_from_days(z, &y, &m, &d);
	snprintf(out, cap, "%04ld-%02ld-%02ld", y, m, d);
}

/* 1 = Monday ... 7 = Sunday. */
static int weekday_of(long z)
{
	return (int)(((z % 7) + 7 + 3) % 7) + 1;
}

static int word_is(const ev_ctx *c, const ev_word *w, const char *s)
{
	size_t k = strlen(s);
	return w->norm_len == k && memcmp(word_norm(c, w), s, k) == 0;
}

static int word_stem_is(const ev_ctx *c, const ev_word *w, const char *s)
{
	size_t k = strlen(s);
	return w->norm_len == k + w->pro_len && memcmp(word_norm(c, w) + w->pro_len, s, k) == 0;
}

static long word_number(const ev_ctx *c, const ev_word *w)
{
	long v = 0;
	size_t k;
	const char *s = word_norm(c, w);
	if (w->kind != W_NUMBER || w->norm_len > 6)
		return -1;
	for (k = 0; k < w->norm_len; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

static const char *time_value(const ev_word *w)
{
	return (w->cls & KB_EVW_TIME) && w->value ? w->value : "";
}

#define W_FIRST "\xd8\xa7\xd9\x88\xd9\x84"                   /* اول */

static const char *const number_words[] = {
	"", "\xd9\x88\xd8\xa7\xd8\xad\xd8\xaf", "\xd8\xa7\xd8\xab\xd9\x86\xd9\x8a\xd9\x86",
	"\xd8\xab\xd9\x84\xd8\xa7\xd8\xab\xd9\x87", "\xd8\xa7\xd8\xb1\xd8\xa8\xd8\xb9\xd9\x87",
	"\xd8\xae\xd9\x85\xd8\xb3\xd9\x87", "\xd8\xb3\xd8\xaa\xd9\x87",
	"\xd8\xb3\xd8\xa8\xd8\xb9\xd9\x87", "\xd8\xab\xd9\x85\xd8\xa7\xd9\x86\xd9\x8a\xd9\x87",
	"\xd8\xaa\xd8\xb3\xd8\xb9\xd9\x87", "\xd8\xb9\xd8\xb4\xd8\xb1\xd9\x87"
};  /* واحد اثنين ثلاثه اربعه خمسه سته سبعه ثمانيه تسعه عشره */

/* The count before a unit word ("أربعة أشهر", "3 أيام"), or -1. */
static long count_before(const ev_ctx *c, size_t i, size_t first)
{
	const ev_word *w = &c->w[i - 1];
	size_t k;
	long n = word_number(c, w);
	(void)first;
	if (n > 0)
		return n;
	for (k = 1; k < COUNT(number_words); k++)
		if (word_is(c, w, number_words[k]))
			return (long)k;
	return -1;
}

/* Resolves the time expression around word i (a TIME word or a year);
 * sets [*first, *last] to its words. Returns 0 when nothing resolves. */
static int resolve_time(const ev_ctx *c, size_t i, size_t first, size_t last, int future,
                        char *value, size_t cap, size_t *from, size_t *to)
{
	const ev_word *w = &c->w[i];
	const char *v = time_value(w);
	const ev_word *next = i + 1 < last ? &c->w[i + 1] : NULL;
	const char *nv = next ? time_value(next) : "";
	long doc = c->doc_day, y, m, d;
	*from = i;
	*to = i;
	while (*from > first && (c->w[*from - 1].cls & KB_EVW_TIME) &&
	       !strcmp(time_value(&c->w[*from - 1]), "DAYPART"))
		(*from)--;
	if (!c->has_doc && v[0] != 'M' && strcmp(v, "YEARN"))
		return 0;
	civil_from_days(doc, &y, &m, &d);
	if (v[0] == '+' || v[0] == '-') {
		long off = atol(v);
		if (i > first && word_is(c, &c->w[i - 1], W_FIRST) && off == -1) {
			off = -2;
			*from = i - 1;
		}
		if (next && nv[0] == 'W') {
			*to = i + 1;
			return resolve_time(c, i + 1, first, last, future, value, cap, from, to) || 1;
		}
		if (next && !strcmp(nv, "FIRSTDAY") && off == -1) {
			off = -2;    /* أمس الأول */
			*to = i + 1;
		}
		format_day(doc + off, value, cap);
		return 1;
	}
	if (v[0] == 'W' && v[1] >= '1' && v[1] <= '7') {
		int wd = v[1] - '0', have = weekday_of(doc);
		long z;
		int ahead = future || (next && (next->cls & KB_EVW_FUT));
		if (next && (next->cls & KB_EVW_FUT))
			*to = i + 1;
		if (i > first && !strcmp(time_value(&c->w[i - 1]), "+0")) {
			format_day(doc, value, cap);
			*from = i - 1;
			return 1;
		}
		z = ahead ? doc + ((wd - have + 7) % 7 ? (wd - have + 7) % 7 : 7)
		          : doc - ((have - wd + 7) % 7);
		format_day(z, value, cap);
		return 1;
	}
	if (!strcmp(v, "WEEK") && next && !strcmp(nv, "PAST")) {
		char a[16], b[16];
		format_day(doc - 13, a, sizeof a);
		format_day(doc - 7, b, sizeof b);
		snprintf(value, cap, "%s/%s", a, b);
		*to = i + 1;
		return 1;
	}
	if (!strcmp(v, "MONTH") && next && !strcmp(nv, "PAST")) {
		long pm = m == 1 ? 12 : m - 1, py = m == 1 ? y - 1 : y;
		snprintf(value, cap, "%04ld-%02ld", py, pm);
		*to = i + 1;
		return 1;
	}
	if (!strcmp(v, "YEAR") && next && (!strcmp(nv, "PAST") || (next->cls & KB_EVW_FUT))) {
		snprintf(value, cap, "%04ld", !strcmp(nv, "PAST") ? y - 1 : y + 1);
		*to = i + 1;
		return 1;
	}
	if (!strcmp(v, "YEARN") && next && word_number(c, next) >= 1900 && word_number(c, next) < 2100) {
		snprintf(value, cap, "%04ld", word_number(c, next));
		*to = i + 1;
		return 1;
	}
	if (!strncmp(v, "UNIT", 4) && i > first) {
		long count = count_before(c, i, first), days = v[4] == 'D' ? 1 : v[4] == 'W' ? 7 : v[4] == 'M' ? 30 : 365;
		char a[16], b[16];
		if (count <= 0 || count > 1000)
			return 0;
		if (v[4] == 'M' || v[4] == 'Y') {
			long months = v[4] == 'M' ? count : 12 * count, total = y * 12 + (m - 1) - months;
			format_day(days_from_civil(total / 12, total % 12 + 1, d > 28 ? 28 : d), a, sizeof a);
		} else {
			format_day(doc - count * days, a, sizeof a);
		}
		format_day(doc, b, sizeof b);
		snprintf(value, cap, "%s/%s", a, b);
		*from = i - 1;
		return 1;
	}
	if (v[0] == 'M' && v[1] >= '0' && v[1] <= '9') {
		long month = atol(v + 1), day = i > first ? word_number(c, &c->w[i - 1]) : -1;
		long year = c->has_doc ? y : -1;
		if (next && word_number(c, next) >= 1900 && word_number(c, next) < 2100) {
			year = word_number(c, next);
			*to = i + 1;
		}
		if (year < 0)
			return 0;
		if (day >= 1 && day <= 31) {
			*from = i - 1;
			snprintf(value, cap, "%04ld-%02ld-%02ld", year, month, day);
		} else {
			snprintf(value, cap, "%04ld-%02ld", year, month);
		}
		return 1;
	}
	return 0;
}

/* A year written alone after في/منذ/عام: "في 2003". */
static int is_year_word(const ev_ctx *c, size_t i, size_t first)
{
	long v = word_number(c, &c->w[i]);
	if (v < 1900 || v >= 2100 || i == first)
		return 0;
	return word_stem_is(c, &c->w[i - 1], "\xd9\x81\xd9\x8a") ||   /* في */
	       word_stem_is(c, &c->w[i - 1], "\xd9\x85\xd9\x86\xd8\xb0");  /* منذ */
}

static long value_day(const char *v);

/* "الأربعاء والخميس", "ليل الأحد الإثنين", "منذ ليل أول أمس وحتى صباح
 * أمس": a second day right after the first makes the date an interval. */
static void join_interval(const ev_ctx *c, kb_event *e, size_t to, size_t first, size_t last, int future)
{
	size_t k = to + 1, from2, to2;
	char second[32];
	long a, b;
	while (k < last && k < to + 3 && (is_punct(&c->w[k], P_DASH) ||
	                                   word_stem_is(c, &c->w[k], "\xd8\xad\xd8\xaa\xd9\x89") ||  /* حتي */
	                                   word_stem_is(c, &c->w[k], "\xd8\xad\xd8\xaa\xd9\x8a")))
		k++;
	while (k < last && (c->w[k].cls & KB_EVW_TIME) && !strcmp(time_value(&c->w[k]), "DAYPART"))
		k++;
	if (k >= last || !(c->w[k].cls & KB_EVW_TIME))
		return;
	{
		const char *v = time_value(&c->w[k]);
		if (!(v[0] == 'W' || v[0] == '-' || v[0] == '+'))
			return;
	}
	if (!resolve_time(c, k, first, last, future, second, sizeof second, &from2, &to2))
		return;
	a = value_day(e->date_value);
	b = value_day(second);
	if (a < 0 || b < 0 || a == b)
		return;
	{
		char x[16], y[16];
		format_day(a < b ? a : b, x, sizeof x);
		format_day(a < b ? b : a, y, sizeof y);
		snprintf(e->date_value, sizeof e->date_value, "%s/%s", x, y);
	}
	e->date_stop = c->w[to2].stop;
}

/* The time expression that governs the trigger at t0: the nearest one in
 * its sentence, preferring its own clause. */
static int find_date(const ev_ctx *c, size_t first, size_t last, size_t t0, int future, kb_event *e)
{
	size_t best = (size_t)-1, dist = (size_t)-1, k;
	for (k = first; k < last; k++) {
		const ev_word *w = &c->w[k];
		size_t d;
		const char *v = time_value(w);
		int ok = ((w->cls & KB_EVW_TIME) && strcmp(v, "DAYPART") && strcmp(v, "PAST")) ||
		         is_year_word(c, k, first);
		if (!ok)
			continue;
		if (!strcmp(v, "WEEK") || !strcmp(v, "MONTH") || !strcmp(v, "YEAR")) {
			if (k + 1 >= last || (strcmp(time_value(&c->w[k + 1]), "PAST") &&
			                      !(c->w[k + 1].cls & KB_EVW_FUT)))
				continue;
		}
		d = k > t0 ? k - t0 : t0 - k;
		if (d < dist) {
			dist = d;
			best = k;
		}
	}
	if (best == (size_t)-1)
		return 0;
	if (is_year_word(c, best, first)) {
		snprintf(e->date_value, sizeof e->date_value, "%ld", word_number(c, &c->w[best]));
		e->has_date = 1;
		e->date_start = c->w[best].start;
		e->date_stop = c->w[best].stop;
		return 1;
	} else {
		size_t from, to;
		if (!resolve_time(c, best, first, last, future, e->date_value, sizeof e->date_value, &from, &to))
			return 0;
		e->has_date = 1;
		e->date_start = mention_start(c, &c->w[from]);
		e->date_stop = c->w[to].stop;
		join_interval(c, e, to, first, last, future);
	}
	return 1;
}

/* ==================================================================== */
/* Events: arguments                                                     */
/* ==================================================================== */

/* What the rules know of one event beyond its public record. */
typedef struct {
	size_t t0, t1;              /* trigger words [t0, t1) */
	size_t src_first, src_last; /* source words, when src_first < src_last */
	size_t sentence;
	int type;
	int explicit_source;        /* found in the event's own clause */
	int anaphoric;              /* subject is an earlier event (الاجتماع) */
	int coordinated;            /* shares the subject of the verb before */
	int explicit_target;        /* targets found in the event's own clause */
	int masc_subject;           /* elided subject of a masculine verb: not a feminine phrase */
	int victim_target;          /* the targets are the counted dead ("أربعة مدنيين") */
	int embedded;               /* an act reported inside another (the accused's): not the topic */
} ev_info;

typedef struct {
	ev_info *items;
	size_t count, cap;
} ev_infos;

/* Rules look back over at most LOOKBACK events: bounded work per event. */
static size_t lookback_floor(size_t count)
{
	return count > LOOKBACK ? count - LOOKBACK : 0;
}

static kb_event *event_at(ev_ctx *c, size_t k)
{
	return &c->out->items[c->first_event + k];
}

static size_t event_count(const ev_ctx *c)
{
	return c->out->count - c->first_event;
}

/* The end of the clause the trigger is in: a full stop, a colon or a
 * complementizer (أن/إن), at most WINDOW words on. */
static size_t clause_end(const ev_ctx *c, size_t from, size_t last)
{
	size_t k;
	for (k = from; k < last && k < from + WINDOW; k++) {
		const ev_word *w = &c->w[k];
		if (is_punct(w, P_STOP) || is_punct(w, P_COLON) || (w->cls & KB_EVW_COMP))
			return k;
	}
	return k;
}

/* Skips commas, time expressions and adverbs between a verb and its subject. */
static size_t skip_adjuncts(const ev_ctx *c, size_t k, size_t limit)
{
	while (k < limit) {
		const ev_word *w = &c->w[k];
		if (is_punct(w, P_COMMA) || is_punct(w, P_QUOTE) || (w->cls & KB_EVW_TIME) ||
		    (w->kind == W_NUMBER && k > 0 && (c->w[k - 1].cls & KB_EVW_TIME)) ||
		    ((w->cls & KB_EVW_PART) && !(w->cls & (KB_EVW_COMP | KB_EVW_REL | KB_EVW_NEG)) &&
		     (word_is(c, w, "\xd8\xa7\xd9\x8a\xd8\xb6\xd8\xa7") /* ايضا */)))
			k++;
		else
			break;
	}
	return k;
}

/* The subject between a light verb and its noun: from the first nominal
 * word up to a time expression or the noun (commas of an apposition stay). */
static int lv_subject(const ev_ctx *c, size_t lv, size_t t0, size_t *i, size_t *j)
{
	size_t k = skip_adjuncts(c, lv + 1, t0), e;
	if (k >= t0 || !np_start_ok(&c->w[k], 0))
		return 0;
	e = np_end(c, k, t0, 1);
	/* an apposition after a comma: "رئيس المخابرات العامة المصرية، اللواء عباس كامل" */
	while (e + 1 < t0 && is_punct(&c->w[e], P_COMMA) && np_start_ok(&c->w[e + 1], 0) &&
	       !(c->w[e + 1].cls & KB_EVW_TIME))
		e = np_end(c, e + 1, t0, 1);
	while (e > k && c->w[e - 1].kind == W_PUNCT)
		e--;
	if (e <= k)
		return 0;
	*i = k;
	*j = e;
	return 1;
}

/* A subject before the verb (SVO): a noun phrase that ends right before
 * the trigger and starts after a boundary (sentence start, punctuation,
 * أن/إن, a relative pronoun, كان, or a و-conjunction of its own). */
#define W_FI "\xd9\x81\xd9\x8a"           /* في */
static int svo_subject(const ev_ctx *c, size_t first, size_t t0, size_t *i, size_t *j)
{
	size_t e = t0, k;
	if (e > first && word_is(c, &c->w[e - 1], "\xd9\x82\xd8\xaf"))  /* قد */
		e--;
	if (e <= first)
		return 0;
	k = e;
	while (k > first && e - k < NP_MAX) {
		const ev_word *w = &c->w[k - 1];
		if (word_is(c, w, W_FI) && k >= first + 2 && k < e && c->w[k - 2].has_al &&
		    np_start_ok(&c->w[k - 2], 0)) {
			k--;    /* "المقاومة في شبوة نصبت" */
			continue;
		}
		if (w->kind == W_PUNCT || (w->cls & NP_STOP) || (w->trig >= 0 && trig_type(w) != KB_EVT_STATEMENT))
			break;
		if ((w->pro_bl && !(w->pro_bl == 'l' && w->has_al)) || w->pro_wf) {
			if (w->pro_wf && !w->pro_bl)
				k--;
			break;
		}
		k--;
	}
	if (k == e)
		return 0;
	if (k > first) {
		const ev_word *b = &c->w[k - 1];
		int boundary = b->kind == W_PUNCT || (b->cls & (KB_EVW_COMP | KB_EVW_REL | KB_EVW_VERB)) ||
		               c->w[k].pro_wf;
		if (!boundary)
			return 0;
	}
	if (!np_start_ok(&c->w[k], 0) && !c->w[k].pro_wf)
		return 0;
	*i = k;
	*j = e;
	return 1;
}

/* An indefinite noun or adjective right before an imperfect verb is the
 * verb's subject in a relative clause with no pronoun ("وفود مصرية تصل"). */
static int bare_nominal(const ev_ctx *c, const ev_word *w)
{
	(void)c;
	return w->kind == W_ARABIC && !w->has_al && (w->cls & ~(KB_EVW_NISBA | KB_EVW_TITLE)) == 0 &&
	       w->trig < 0 && !w->pro_bl && !w->pro_wf;
}

/* An SVO subject with no boundary required: the noun phrase right before
 * a plural verb ("شكري وسيالة بحثا", "نواب يجتمعون"). */
static int svo_subject_loose(const ev_ctx *c, size_t first, size_t t0, size_t *i, size_t *j)
{
	size_t k = t0;
	while (k > first && t0 - k < NP_MAX) {
		const ev_word *w = &c->w[k - 1];
		if (w->kind == W_PUNCT || (w->cls & NP_STOP) || (w->trig >= 0 && trig_type(w) != KB_EVT_STATEMENT))
			break;
		if (w->pro_bl && !(w->pro_bl == 'l' && w->has_al))
			break;
		k--;
	}
	if (k == t0)
		return 0;
	while (k < t0 && c->w[k].pro_wf && k + 1 < t0 && !np_start_ok(&c->w[k], 0))
		k++;
	*i = k;
	*j = t0;
	return 1;
}

#define W_HAYTHU "\xd8\xad\xd9\x8a\xd8\xab" /* حيث */

/* The subject of the clause's first verb (كان، تعد، تمكنت ...), for a noun
 * trigger with no agent: "وتعد مصر من الدول الداعمة", "تمكنت المقاومة من
 * دخول". */
static int clause_subject(const ev_ctx *c, size_t first, size_t t0, size_t *i, size_t *j)
{
	size_t k, clause = first;
	/* a pronoun on the noun ("خلال زيارتهم") may point a long way back */
	size_t reach = c->w[t0].suffix ? 24 : 14;
	for (k = first; k < t0; k++)
		if (is_punct(&c->w[k], P_COLON) || (c->w[k].cls & KB_EVW_COMP) ||
		    (c->w[t0].suffix && word_is(c, &c->w[k], W_HAYTHU)))
			clause = k + 1;
	{
		/* A clause that opens on an unknown, indefinite word opens on
		 * its verb: "جدد مبعوث الأمم المتحدة ... دعوته". */
		size_t v = clause;
		while (v < t0 && (c->w[v].kind == W_PUNCT || is_adverb(c, &c->w[v])))
			v++;
		if (v + 1 < t0 && c->w[v].kind == W_ARABIC && (c->w[v].cls & ~(KB_EVW_LV | KB_EVW_VERB)) == 0 &&
		    !c->w[v].has_al && c->w[v].trig < 0 && !c->w[v].pro_bl && t0 - v <= reach) {
			size_t m = skip_adjuncts(c, v + 1, t0);
			if (m < t0 && np_start_ok(&c->w[m], 0) && (c->w[m].has_al || is_actor_word(&c->w[m], 1))) {
				*i = m;
				*j = np_end(c, m, t0, 1);
				return 1;
			}
		}
	}
	if (t0 > clause + 6)
		clause = t0 - 6;
	for (k = clause; k + 1 < t0; k++) {
		const ev_word *w = &c->w[k];
		if (w->cls & KB_EVW_VERB) {
			size_t m = skip_adjuncts(c, k + 1, t0);
			if (m < t0 && np_start_ok(&c->w[m], 0)) {
				*i = m;
				*j = np_end(c, m, t0, 1);
				return 1;
			}
			return 0;
		}
	}
	return 0;
}

/* The object after "من" in "خمسة من ميليشيات الحوثي": the counted group. */
static int counted_group(const ev_ctx *c, size_t i, size_t j, size_t limit, size_t *gi, size_t *gj)
{
	if (j < limit && word_is(c, &c->w[j], "\xd9\x85\xd9\x86") && j + 1 < limit &&  /* من */
	    np_start_ok(&c->w[j + 1], 0)) {
		*gi = j + 1;
		*gj = np_end(c, j + 1, limit, 1);
		return 1;
	}
	*gi = i;
	*gj = j;
	return 0;
}

static int is_quantity(const ev_word *w)
{
	return w->kind == W_NUMBER || (w->cls & KB_EVW_QUANT);
}

/* Adds the conjuncts of words [i, j) as targets (split at و). */
static void add_targets(const ev_ctx *c, kb_event *e, size_t i, size_t j)
{
	size_t k = i, start = i;
	for (k = i + 1; k <= j; k++) {
		if (k == j || (c->w[k].pro_wf && !c->w[k].pro_bl && k > start)) {
			if (e->target_count < KB_EVENT_MAX_TARGETS)
				set_arg(c, &e->targets[e->target_count++], start, k);
			start = k;
		}
	}
}

/* The noun phrase after a preposition: the next word when the preposition
 * is a separate word, or the same word when it is a proclitic. */
static int pp_object(const ev_ctx *c, size_t k, size_t limit, size_t *i, size_t *j)
{
	if (c->w[k].norm_len == 2 && (c->w[k].cls & KB_EVW_PREP)) {
		size_t m = k + 1;
		while (m < limit && is_punct(&c->w[m], P_QUOTE))
			m++;
		if (m < limit && np_start_ok(&c->w[m], 0)) {
			*i = m;
			*j = np_end(c, m, limit, 1);
			return 1;
		}
		return 0;
	}
	if (c->w[k].pro_bl && np_start_ok(&c->w[k], 1)) {
		*i = k;
		*j = np_end(c, k, limit, 1);
		return 1;
	}
	if (k + 1 < limit && np_start_ok(&c->w[k + 1], 0)) {
		*i = k + 1;
		*j = np_end(c, k + 1, limit, 1);
		return 1;
	}
	return 0;
}

#define W_MAA "\xd9\x85\xd8\xb9"          /* مع */
#define W_ILA "\xd8\xa7\xd9\x84\xd9\x8a"  /* الي (إلى) */
#define W_ALA "\xd8\xb9\xd9\x84\xd9\x8a"  /* علي (على) */
#define W_DIDD "\xd8\xb6\xd8\xaf"         /* ضد */
#define W_BAYN "\xd8\xa8\xd9\x8a\xd9\x86" /* بين */
#define W_MIN "\xd9\x85\xd9\x86"          /* من */
#define W_QIBAL "\xd9\x82\xd8\xa8\xd9\x84" /* قبل */

static int is_consult(int type)
{
	return type == KB_EVT_MEET || type == KB_EVT_NEGOTIATE || type == KB_EVT_CONSULT_PHONE ||
	       type == KB_EVT_VISIT || type == KB_EVT_HOST || type == KB_EVT_INTENT_TO_MEET;
}

/* The most recent event of this call (optionally of a type, or of the
 * consult family when type is -2) that has a source. */
static int recent_with_source(ev_ctx *c, const ev_infos *infos, int type, size_t min_sentence)
{
	size_t k = infos->count;
	while (k-- > lookback_floor(infos->count)) {
		const ev_info *in = &infos->items[k];
		if (in->sentence < min_sentence)
			break;
		if (!event_at(c, k)->has_source || in->embedded)
			continue;
		if (type == -1 || in->type == type || (type == -2 && is_consult(in->type)))
			return (int)k;
	}
	return -1;
}

/* Search form of an argument's last word, for comparing actors. */
static int same_actor(const ev_ctx *c, const kb_event_arg *a, const kb_event_arg *b)
{
	size_t i = word_at(c, a->stop - 1), j = word_at(c, b->stop - 1);
	const ev_word *x = &c->w[i], *y = &c->w[j];
	size_t xn = x->norm_len - x->pro_len, yn = y->norm_len - y->pro_len;
	const char *xs = word_norm(c, x) + x->pro_len, *ys = word_norm(c, y) + y->pro_len;
	if (starts(xs, xn, AR_AL)) { xs += 4; xn -= 4; }
	if (starts(ys, yn, AR_AL)) { ys += 4; yn -= 4; }
	return xn == yn && xn > 0 && memcmp(xs, ys, xn) == 0;
}

/* The light verb (أجرى، عقد، قام بـ، شن ...) a noun trigger depends on. */
static int find_light_verb(const ev_ctx *c, size_t first, size_t t0, size_t *lv)
{
	size_t k = t0, steps = 0;
	while (k > first && steps++ < 14) {
		const ev_word *w = &c->w[--k];
		if (is_punct(w, P_STOP) || is_punct(w, P_COLON) || (w->cls & KB_EVW_COMP) || w->trig >= 0)
			return 0;
		if (w->cls & KB_EVW_LV) {
			*lv = k;
			return 1;
		}
	}
	return 0;
}

/* The agent of a noun trigger: its genitive (غارات التحالف), a "لـ"
 * phrase after it (قصف مكثف للطيران), or "من قبل". */
static int noun_agent(const ev_ctx *c, size_t t1, size_t limit, int definite, int strict, size_t *i, size_t *j)
{
	size_t k;
	if (t1 < limit && np_start_ok(&c->w[t1], 0) && !is_quantity(&c->w[t1]) && !definite &&
	    !looks_adjective(c, &c->w[t1]) && (strict < 0 || is_actor_word(&c->w[t1], strict))) {
		*i = t1;
		*j = np_end(c, t1, limit, 1);
		return 1;
	}
	for (k = t1; k < limit && k < t1 + 4; k++) {
		const ev_word *w = &c->w[k];
		if (w->kind == W_PUNCT)
			return 0;
		if (w->pro_bl == 'l' && w->has_al && np_start_ok(w, 1) && is_actor_word(w, 0)) {
			*i = k;
			*j = np_end(c, k, limit, 1);
			return 1;
		}
		if (word_is(c, w, W_MIN) && k + 2 < limit && word_is(c, &c->w[k + 1], W_QIBAL) &&
		    np_start_ok(&c->w[k + 2], 0)) {
			*i = k + 2;
			*j = np_end(c, k + 2, limit, 1);
			return 1;
		}
		if (w->cls & (KB_EVW_PREP | KB_EVW_PART))
			return 0;
	}
	return 0;
}

static int is_place_word(const ev_word *w);

/* "بين X و Y" after a trigger: the two sides. */
static int between_sides(const ev_ctx *c, size_t t1, size_t limit, size_t *x0, size_t *x1, size_t *y0,
                         size_t *y1)
{
	size_t k, e, m;
	for (k = t1; k < limit && k < t1 + 24; k++) {
		if (is_punct(&c->w[k], P_STOP) || is_punct(&c->w[k], P_COLON) || is_verb_trigger(&c->w[k]))
			return 0;
		if (word_is(c, &c->w[k], W_BAYN))
			break;
	}
	if (k >= limit || k >= t1 + 24 || k + 1 >= limit || !np_start_ok(&c->w[k + 1], 0))
		return 0;
	/* "بين العامين 1981 و2005", "بين محافظة لحج وعدن": times and places
	 * are no sides */
	if (is_place_word(&c->w[k + 1]) || (c->w[k + 1].cls & KB_EVW_TIME) || is_quantity(&c->w[k + 1]) ||
	    (k + 2 < limit && c->w[k + 2].kind == W_NUMBER))
		return 0;
	/* "بين قوات النظام والمسلحين الموالين لها من طرف، والمعارضة": the
	 * other side follows a comma. */
	for (m = k + 2; m < limit && m < k + 48; m++) {
		if (is_punct(&c->w[m], P_STOP) || is_punct(&c->w[m], P_COLON))
			break;
		if (is_punct(&c->w[m - 1], P_COMMA) && c->w[m].pro_wf && !c->w[m].pro_bl &&
		    np_start_ok(&c->w[m], 0)) {
			*x0 = k + 1;
			*x1 = np_end(c, k + 1, m, 1);
			*y0 = m;
			*y1 = np_end(c, m, limit, 1);
			return 1;
		}
	}
	e = np_end(c, k + 1, limit, 1);
	for (m = k + 2; m < e; m++)
		if (c->w[m].pro_wf && !c->w[m].pro_bl)
			break;
	if (m >= e) {
		/* "بين المقاومة الشعبية المدعومة بقوات الجيش وميليشيات الحوثي" */
		size_t found = 0;
		for (m = e; m < limit && m < e + 12; m++) {
			if (is_punct(&c->w[m], P_STOP) || is_punct(&c->w[m], P_COLON))
				break;
			if (c->w[m].pro_wf && !c->w[m].pro_bl && np_start_ok(&c->w[m], 0) &&
			    (!found || is_punct(&c->w[m - 1], P_COMMA)))
				found = m;
		}
		if (!found)
			return 0;
		m = found;
		*x0 = k + 1;
		*x1 = e;
		*y1 = np_end(c, m, limit, 0);
		*y0 = m;
		return 1;
	}
	*x0 = k + 1;
	*x1 = m;
	*y0 = m;
	*y1 = e;
	return 1;
}

static void set_source(ev_ctx *c, kb_event *e, ev_info *in, size_t i, size_t j, int explicit_source)
{
	set_arg(c, &e->source, i, j);
	e->has_source = 1;
	in->src_first = i;
	in->src_last = j;
	in->explicit_source = explicit_source;
}

static void copy_source(ev_ctx *c, kb_event *e, ev_info *in, const ev_infos *infos, int from)
{
	const ev_info *src = &infos->items[from];
	e->source = event_at(c, (size_t)from)->source;
	e->has_source = 1;
	in->src_first = src->src_first;
	in->src_last = src->src_last;
}

/* The noun phrase that ends right before a relative pronoun at `rel`. */
static int relative_antecedent(const ev_ctx *c, size_t first, size_t rel, size_t *i, size_t *j)
{
	size_t k = rel;
	while (k > first && rel - k < NP_MAX && np_start_ok(&c->w[k - 1], 1) && !c->w[k - 1].pro_wf)
		k--;
	if (k == rel)
		return 0;
	*i = k;
	*j = rel;
	return 1;
}

/* A verb joined by و to an earlier verb of its sentence, with nothing
 * in between that opens a new clause, shares that verb's subject
 * ("تصل طرابلس، وتلتقي مسؤولين"). */
static int coordinated_verb(ev_ctx *c, const ev_infos *infos, const ev_info *in, size_t first)
{
	size_t k;
	const ev_info *p;
	if (!c->w[in->t0].pro_wf && !starts(word_norm(c, &c->w[in->t0]), c->w[in->t0].norm_len, AR_WAW))
		return 0;
	if (!infos->count)
		return 0;
	p = &infos->items[infos->count - 1];
	if (p->sentence != in->sentence || trig_of(&c->w[p->t0])->tense == 2 || in->t0 > p->t1 + 12 ||
	    !event_at(c, infos->count - 1)->has_source || p->type == KB_EVT_STATEMENT)
		return 0;
	for (k = p->t1 > first ? p->t1 : first; k < in->t0; k++)
		if (is_punct(&c->w[k], P_COLON) || (c->w[k].cls & (KB_EVW_COMP | KB_EVW_REL)) ||
		    is_punct(&c->w[k], P_QUOTE))
			return 0;
	return 1;
}

/* Is w an aircraft word (طيران، طائرات، مقاتلات, with or without ال)? */
static int is_air_word(const ev_ctx *c, const ev_word *w)
{
	static const char *const air[] = {
		"\xd8\xb7\xd9\x8a\xd8\xb1\xd8\xa7\xd9\x86",                  /* طيران */
		"\xd8\xb7\xd8\xa7\xd8\xa6\xd8\xb1\xd8\xa7\xd8\xaa",         /* طائرات */
		"\xd9\x85\xd9\x82\xd8\xa7\xd8\xaa\xd9\x84\xd8\xa7\xd8\xaa" /* مقاتلات */
	};
	const char *s = word_norm(c, w) + w->pro_len;
	size_t n = w->norm_len - w->pro_len, k;
	if (w->pro_bl == 'l' && starts(s, n, AR_LAM) && !starts(s, n, AR_AL)) {
		s += 2;    /* "للطيران": the article's lam after the proclitic */
		n -= 2;
	}
	if (starts(s, n, AR_AL)) {
		s += 4;
		n -= 4;
	}
	for (k = 0; k < COUNT(air); k++)
		if (n == strlen(air[k]) && memcmp(s, air[k], n) == 0)
			return 1;
	return 0;
}

/* The agent named after the event a few words on: the passive "من قبل
 * قوات النظام" (also "ومن قبل"), or, for armed force, aircraft after "من"
 * or "لـ" ("قصف مكثف من الطيران المروحي", "بغارات من طيران التحالف",
 * "قصف مكثف للطيران الحربي") and the side a fight ends in favour of
 * ("لصالح"). */
static int by_agent(const ev_ctx *c, const ev_info *in, size_t limit, size_t *i, size_t *j)
{
	size_t k;
	for (k = in->t1; k + 1 < limit && k < in->t1 + 4; k++) {
		const ev_word *w = &c->w[k];
		size_t at = k + 1;
		if (w->kind == W_PUNCT || w->trig >= 0)
			return 0;
		if (in->type == KB_EVT_MILITARY_FORCE && word_is(c, w, "\xd9\x84\xd8\xb5\xd8\xa7\xd9\x84\xd8\xad") &&
		    np_start_ok(&c->w[at], 0) && c->w[at].has_al) {
			/* "حسم المعارك لصالح الجيش الوطني": the side it favours */
			*i = at;
			*j = np_end(c, at, limit, 1);
			return 1;
		}
		if (in->type == KB_EVT_MILITARY_FORCE && w->pro_bl == 'l' && is_air_word(c, w)) {
			/* "قصف مكثف للطيران الحربي" */
			*i = k;
			*j = np_end(c, k, limit, 1);
			return 1;
		}
		if (!word_is(c, w, W_MIN) && !word_stem_is(c, w, W_MIN))
			continue;
		if (word_is(c, &c->w[at], W_QIBAL))
			at++;
		else if (in->type != KB_EVT_MILITARY_FORCE || !is_air_word(c, &c->w[at]))
			return 0;
		if (at >= limit || !np_start_ok(&c->w[at], 0))
			return 0;
		*i = at;
		*j = np_end(c, at, limit, 1);
		return 1;
	}
	return 0;
}

#define W_SUFUF "\xd8\xb5\xd9\x81\xd9\x88\xd9\x81" /* صفوف */

/* Whose dead a killing word counts: the group after "من" once a number
 * has been given ("مقتل ما لا يقل عن 12 عنصرا من قوات النظام"), or after
 * "في صفوف" ("سقوط قتلى وجرحى في صفوف الحوثيين وقوات صالح"). */
static int victim_group(const ev_ctx *c, size_t t1, size_t limit, size_t *i, size_t *j)
{
	size_t k, at;
	int counted = 0;
	for (k = t1; k + 1 < limit && k < t1 + 8; k++) {
		const ev_word *w = &c->w[k];
		if (w->kind == W_PUNCT || (w->trig >= 0 && k > t1 + 1 && is_verb_trigger(w)))
			return 0;
		counted |= is_quantity(w);
		if (word_stem_is(c, w, W_SUFUF))
			at = k + 1;
		else if (counted && word_is(c, w, W_MIN))
			at = k + 1;
		else
			continue;
		if (!np_start_ok(&c->w[at], 0))
			return 0;
		*i = at;
		*j = np_end(c, at, limit, 1);
		return 1;
	}
	return 0;
}

static size_t first_actor(const ev_ctx *c, size_t i, size_t j, int generic_ok);

/* "رد الحوثيون بقصف عشوائي": an event noun after "بـ" is done by the
 * subject of the verb before it (verb, definite subject, بـ + noun), as
 * with a light verb. */
static int manner_subject(const ev_ctx *c, size_t first, size_t t0, size_t *i, size_t *j)
{
	size_t k = t0;
	const ev_word *v;
	if (c->w[t0].pro_bl != 'b' || t0 < first + 2)
		return 0;
	while (k > first && t0 - k < 4 && c->w[k - 1].kind == W_ARABIC && c->w[k - 1].has_al &&
	       !c->w[k - 1].pro_bl && c->w[k - 1].trig < 0)
		k--;
	if (k == t0 || k == first)
		return 0;
	v = &c->w[k - 1];
	if (v->kind != W_ARABIC || v->has_al || v->cls != 0 || v->trig >= 0 || v->pro_bl ||
	    letters(v->norm_len - v->pro_len) > 4)
		return 0;
	if (first_actor(c, k, t0, 1) == t0)
		return 0;
	*i = k;
	*j = t0;
	return 1;
}

/* Is w "كان" or "كانت" (the past of to be, before a clause)? */
static int is_kana(const ev_ctx *c, const ev_word *w)
{
	return word_is(c, w, "\xd9\x83\xd8\xa7\xd9\x86") ||               /* كان */
	       word_is(c, w, "\xd9\x83\xd8\xa7\xd9\x86\xd8\xaa");        /* كانت */
}

/* A plain word that may be a verb or an adjective: unknown, no clitic. */
static int plain_word(const ev_word *w)
{
	return w->kind == W_ARABIC && w->trig < 0 && !w->pro_len &&
	       (w->cls & ~(KB_EVW_VERB | KB_EVW_NISBA | KB_EVW_WSTEM | KB_EVW_LV)) == 0;
}

/* Is w a doing verb with the pronoun of its object ("شنه", "ارتكبتها",
 * "يبذلها"): a DOER verb once the pronoun is off? ("تعتبره" is not.) */
static int does_with_pronoun(const ev_ctx *c, const ev_word *w)
{
	const char *s = word_norm(c, w) + w->pro_len;
	size_t n = w->norm_len - w->pro_len, k;
	if (!has_pronoun_suffix(c, w))
		return 0;
	for (k = 0; k < COUNT(pronoun_suffixes); k++) {
		size_t sl = strlen(pronoun_suffixes[k]);
		const kb_event_word *f;
		if (n <= sl || !ends_with(s, n, pronoun_suffixes[k]))
			continue;
		f = find_word(s, n - sl);
		if (f && (f->cls & KB_EVW_DOER))
			return 1;
	}
	return 0;
}

/* The agent named in a relative clause on an event noun: "هجوما شنه
 * التنظيم", "جريمة جديدة ارتكبتها الميليشيات", "الانتقادات التي وجهها
 * الأمير", "هجوما كانت ميليشيات الحوثي تحضر له". The clause's verb
 * carries the pronoun of the noun; its subject did the act. (The trigger
 * is words [t0, t1).) */
static int relative_agent(const ev_ctx *c, size_t t0, size_t t1, size_t limit, size_t *i, size_t *j)
{
	size_t k = t1, adj = 0, e;
	while (k < limit && adj < 2 && plain_word(&c->w[k]) && !has_pronoun_suffix(c, &c->w[k]) &&
	       !is_kana(c, &c->w[k])) {
		k++;
		adj++;
	}
	if (k < limit && (c->w[k].cls & KB_EVW_REL) && !c->w[k].pro_len)
		k++;
	else if (c->w[t0].has_al)
		return 0;    /* a definite noun takes a relative pronoun ("الاجتماع حضره" is a clause) */
	if (k + 1 >= limit)
		return 0;
	if (is_kana(c, &c->w[k]) && np_start_ok(&c->w[k + 1], 0)) {
		/* "كانت ميليشيات الحوثي تحضر له": the verb before "له" */
		for (e = k + 3; e < limit && e < k + 8; e++) {
			const ev_word *w = &c->w[e];
			if (w->kind == W_PUNCT || w->trig >= 0 || (w->cls & (KB_EVW_PART | KB_EVW_COMP)))
				return 0;
			if (((w->cls & KB_EVW_PREP) && ends_with(word_norm(c, w), w->norm_len, "\xd9\x87")) &&
			    plain_word(&c->w[e - 1])) {
				*i = k + 1;
				*j = e - 1;
				return 1;
			}
		}
		return 0;
	}
	if (!plain_word(&c->w[k]) || c->w[k].has_al || !does_with_pronoun(c, &c->w[k]) ||
	    !np_start_ok(&c->w[k + 1], 0) || is_quantity(&c->w[k + 1]) ||
	    !(c->w[k + 1].has_al || is_actor_word(&c->w[k + 1], 1) || (c->w[k + 1].ent & EW_NAME) ||
	      (k + 2 < limit && !c->w[k + 1].pro_len && (c->w[k + 2].has_al || (c->w[k + 2].ent & EW_NAME)))))
		return 0;    /* the agent is definite, an actor or a name ("مركز الملك سلمان") */
	*i = k + 1;
	*j = np_end(c, k + 1, limit, 1);
	return 1;
}

/* Does the pronoun on the verb after a relative pronoun agree with it
 * ("الذين زارهم", "التي استقبلها")? Then the antecedent is the verb's
 * object; otherwise ("التي استقبلته") it is the subject. */
static int resumptive_object(const ev_ctx *c, size_t rel, size_t verb)
{
	static const char *const pairs[][2] = {
		{"\xd8\xa7\xd9\x84\xd8\xb0\xd9\x8a\xd9\x86", "\xd9\x87\xd9\x85"},  /* الذين هم */
		{"\xd8\xa7\xd9\x84\xd8\xaa\xd9\x8a", "\xd9\x87\xd8\xa7"},            /* التي ها */
		{"\xd8\xa7\xd9\x84\xd8\xb0\xd9\x8a", "\xd9\x87"},                      /* الذي ه */
		{"\xd8\xa7\xd9\x84\xd9\x84\xd8\xb0\xd9\x8a\xd9\x86", "\xd9\x87\xd9\x85\xd8\xa7"}, /* اللذين هما */
		{"\xd8\xa7\xd9\x84\xd9\x84\xd8\xaa\xd9\x8a\xd9\x86", "\xd9\x87\xd9\x85\xd8\xa7"}  /* اللتين هما */
	};
	const ev_word *v = &c->w[verb];
	const char *s = word_norm(c, v);
	size_t k;
	if (!has_pronoun_suffix(c, v) || trig_of(v)->tense == 2)
		return 0;
	for (k = 0; k < COUNT(pairs); k++) {
		if (!word_stem_is(c, &c->w[rel], pairs[k][0]) || !ends_with(s, v->norm_len, pairs[k][1]))
			continue;
		/* "ه" alone must not be the end of "ها", "هما" or "هم" */
		return strlen(pairs[k][1]) > 2 || !ends_with(s, v->norm_len, "\xd9\x87\xd8\xa7");
	}
	return 0;
}

/* The subject-side rules, in order; returns where the subject ends (the
 * place to look for a direct object), or 0 when there is none in the clause. */
static size_t find_source(ev_ctx *c, const ev_infos *infos, kb_event *e, ev_info *in,
                          size_t first, size_t limit, int victim, size_t *victim_i, size_t *victim_j)
{
	const ev_word *tw = &c->w[in->t0];
	int noun = trig_of(tw)->tense == 2;
	size_t lv, i, j, k;
	*victim_i = *victim_j = 0;
	if (!victim && by_agent(c, in, limit, &i, &j)) {
		set_source(c, e, in, i, j, 1);
		return 0;
	}
	if (victim && in->type == KB_EVT_MILITARY_FORCE && victim_group(c, in->t1, limit, victim_i, victim_j)) {
		if (by_agent(c, in, limit, &i, &j))
			set_source(c, e, in, i, j, 1);
		return 0;
	}
	if (noun && find_light_verb(c, first, in->t0, &lv)) {
		/* "بدأت محاكمة المتهمين": the genitive of a trial or a killing
		 * is who suffers it, whatever verb carries the noun */
		if (victim && !c->w[in->t0].suffix && noun_agent(c, in->t1, limit, 0, -1, &i, &j))
			counted_group(c, i, j, limit, victim_i, victim_j);
		if (lv_subject(c, lv, in->t0, &i, &j)) {
			set_source(c, e, in, i, j, 1);
			return 0;
		}
		if (!c->w[lv].pro_wf && svo_subject(c, first, lv, &i, &j)) {
			set_source(c, e, in, i, j, 1);
			return 0;
		}
		return 0;
	}
	if (noun && in->type == KB_EVT_MILITARY_FORCE && manner_subject(c, first, in->t0, &i, &j)) {
		set_source(c, e, in, i, j, 1);
		return 0;
	}
	if (noun) {
		size_t x0, x1, y0, y1;
		size_t far = c->sent[in->sentence].last;
		if (far > in->t1 + 2 * WINDOW)
			far = in->t1 + 2 * WINDOW;
		if (!victim && !c->w[in->t0].suffix && in->type != KB_EVT_STATEMENT &&
		    relative_agent(c, in->t0, in->t1, limit, &i, &j)) {
			set_source(c, e, in, i, j, 1);
			return 0;
		}
		if (between_sides(c, in->t1, far > limit ? far : limit, &x0, &x1, &y0, &y1)) {
			set_source(c, e, in, x0, x1, 1);
			add_targets(c, e, y0, y1);
			return 0;
		}
		if (!c->w[in->t0].suffix && noun_agent(c, in->t1, limit, c->w[in->t0].has_al && !victim,
		               victim ? -1 : (in->type == KB_EVT_MILITARY_FORCE || in->type == KB_EVT_ARREST), &i, &j)) {
			if (victim) {
				counted_group(c, i, j, limit, victim_i, victim_j);
				/* who tries or arrests: the clause's subject */
				if (in->type == KB_EVT_ARREST && clause_subject(c, first, in->t0, &i, &j))
					set_source(c, e, in, i, j, 1);
				return 0;
			}
			set_source(c, e, in, i, j, 1);
			return j;
		}
		if (victim && in->t1 < limit && is_quantity(&c->w[in->t1])) {
			j = np_end(c, in->t1, limit, 0);
			counted_group(c, in->t1, j, limit, victim_i, victim_j);
		}
		if (!victim && clause_subject(c, first, in->t0, &i, &j))
			set_source(c, e, in, i, j, 1);
		return 0;
	}
	if ((trig_of(tw)->agree || (trig_of(tw)->tense == 1 && in->t0 > first &&
	                             bare_nominal(c, &c->w[in->t0 - 1]))) &&
	    svo_subject_loose(c, first, in->t0, &i, &j)) {
		if (victim && is_quantity(&c->w[i])) {
			/* "أربعة مدنيين قتلوا": the counted subject of a killing verb died */
			counted_group(c, i, j, limit, victim_i, victim_j);
			return 0;
		}
		set_source(c, e, in, i, j, 1);
		return in->t1;
	}
	if (coordinated_verb(c, infos, in, first)) {
		in->coordinated = 1;
		return in->t1;
	}
	if (trig_of(tw)->agree)
		return in->t1;
	k = skip_adjuncts(c, in->t1, limit);
	if (k < limit && c->w[k].trig >= 0 && trig_type(&c->w[k]) != KB_EVT_STATEMENT &&
	    c->w[k].has_al && is_consult(trig_type(&c->w[k]))) {
		int prev = recent_with_source(c, infos, -2, 0);
		in->anaphoric = 1;
		if (prev >= 0) {
			const kb_event *p = event_at(c, (size_t)prev);
			copy_source(c, e, in, infos, prev);
			memcpy(e->targets, p->targets, sizeof e->targets);
			e->target_count = p->target_count;
		}
		return 0;
	}
	if (in->t0 >= first + 2 && (c->w[in->t0 - 1].cls & KB_EVW_REL) &&
	    (k >= limit || !np_start_ok(&c->w[k], 0)) && relative_antecedent(c, first, in->t0 - 1, &i, &j)) {
		if (resumptive_object(c, in->t0 - 1, in->t0)) {
			/* "للمصابين الذين زارهم": the antecedent is the object, the
			 * subject is elided */
			size_t m;
			for (m = j; m-- > i + 1;)
				if (c->w[m].pro_bl || c->w[m].pro_wf)
					break;
			add_targets(c, e, m > i ? m : i, j);
			return 0;
		}
		/* "أخته ... أوما أوباما التي استقبلته": the antecedent acts */
		set_source(c, e, in, i, j, 1);
		return k;
	}
	if (k < limit && np_start_ok(&c->w[k], 0)) {
		j = np_end(c, k, limit, 1);
		if (victim && is_quantity(&c->w[k])) {
			counted_group(c, k, j, limit, victim_i, victim_j);
			return 0;
		}
		set_source(c, e, in, k, j, 1);
		return j;
	}
	if (svo_subject(c, first, in->t0, &i, &j)) {
		set_source(c, e, in, i, j, 1);
		return in->t1;
	}
	return in->t1;
}

static int is_air_actor(ev_ctx *c, const kb_event_arg *a);

/* The most recent attacker named in its own clause, from the air for an
 * air strike and on the ground otherwise when there is one. */
static int recent_force(ev_ctx *c, const ev_infos *infos, int air)
{
	size_t k = infos->count;
	int any = -1;
	while (k-- > lookback_floor(infos->count)) {
		const ev_info *in = &infos->items[k];
		const kb_event *p = event_at(c, k);
		if (in->type != KB_EVT_MILITARY_FORCE || !p->has_source || !in->explicit_source)
			continue;
		if (is_air_actor(c, &p->source) == air)
			return (int)k;
		if (any < 0)
			any = (int)k;
	}
	return any;
}

static void arg_words(const ev_ctx *c, const kb_event_arg *a, size_t *i, size_t *j);

/* Is w a masculine singular verb ("شن", "قصف", "يقصف")? (ت before or after
 * marks the feminine, ا the dual or plural.) */
static int is_masculine_verb(ev_ctx *c, const ev_word *w)
{
	const char *s = word_norm(c, w) + w->pro_len;
	size_t n = w->norm_len - w->pro_len;
	return starts(s, n, "\xd9\x8a") ||                                       /* يـ */
	       (!starts(s, n, "\xd8\xaa") && !ends_with(s, n, "\xd8\xaa") &&   /* ت */
	        !ends_with(s, n, AR_ALEF) && letters(n) >= 2);
}

/* Is a phrase headed by a feminine noun ("المقاومة", "قوات")? Then a
 * masculine verb cannot have it as its elided subject. (Words are
 * folded: ة is ه.) */
static int has_feminine_head(ev_ctx *c, const kb_event_arg *a)
{
	size_t i, j;
	const ev_word *head;
	const char *h;
	size_t hn;
	if (!a->stop)
		return 0;
	arg_words(c, a, &i, &j);
	head = &c->w[i];
	h = word_norm(c, head) + head->pro_len;
	hn = head->norm_len - head->pro_len;
	return ends_with(h, hn, "\xd9\x87") || ends_with(h, hn, AR_ALEF "\xd8\xaa");
}

/* Is the trigger a verb joined by و ("، وقصف أهدافا أخرى")? It goes on
 * with the subject of the event before it. */
static int joined_verb(const ev_ctx *c, const ev_info *in)
{
	return c->w[in->t0].pro_wf && trig_of(&c->w[in->t0])->tense != 2;
}

/* Falls back on the discourse: an elided subject is the last actor of the
 * sentence (or of the one before); a nominal attack with no agent is the
 * last attacker of the article. */
static void source_from_context(ev_ctx *c, const ev_infos *infos, kb_event *e, ev_info *in)
{
	int prev;
	size_t s = in->sentence;
	if (e->has_source || in->anaphoric)
		return;
	if (in->coordinated && infos->count) {
		copy_source(c, e, in, infos, (int)infos->count - 1);
		return;
	}
	prev = recent_with_source(c, infos, -1, s > 0 ? s - 1 : 0);
	if (in->type == KB_EVT_STATEMENT) {
		int st = recent_with_source(c, infos, KB_EVT_STATEMENT, s > 1 ? s - 2 : 0);
		if (st >= 0)
			prev = st;
	}
	if (in->type == KB_EVT_MILITARY_FORCE) {
		/* "وقصف أهدافا أخرى": a sentence opening on و and its verb goes on
		 * with the attacker of the sentence before; otherwise fill_sides()
		 * decides, once the whole text is read. */
		size_t v = c->sent[s].first, lv;
		int mf = recent_with_source(c, infos, KB_EVT_MILITARY_FORCE, s > 0 ? s - 1 : 0);
		int opens = (v == in->t0 || (find_light_verb(c, v, in->t0, &lv) && lv == v)) &&
		            (c->w[v].pro_wf || starts(word_norm(c, &c->w[v]), c->w[v].norm_len, AR_WAW));
		/* the main clause's attacker: the first of that sentence */
		while (mf > 0 && infos->items[mf - 1].sentence == infos->items[mf].sentence &&
		       infos->items[mf - 1].type == KB_EVT_MILITARY_FORCE && event_at(c, (size_t)mf - 1)->has_source)
			mf--;
		/* "وقصف", "، وقصف", and "استهدافه" (his targeting): the actor is masculine */
		in->masc_subject = ((opens || joined_verb(c, in)) && is_masculine_verb(c, &c->w[opens ? v : in->t0])) ||
		                   (c->w[in->t0].suffix && ends_with(c->s + c->w[in->t0].start,
		                                                     c->w[in->t0].stop - c->w[in->t0].start,
		                                                     "\xd9\x87"));
		if (mf >= 0 && s > 0 && infos->items[mf].sentence == s - 1 && opens &&
		    !(in->masc_subject && has_feminine_head(c, &event_at(c, (size_t)mf)->source)))
			copy_source(c, e, in, infos, mf);
		return;
	}
	if (prev >= 0)
		copy_source(c, e, in, infos, prev);
}

static int type_takes_object(int type)
{
	return type == KB_EVT_VISIT || type == KB_EVT_HOST || type == KB_EVT_MEET ||
	       type == KB_EVT_DISAPPROVE_ACCUSE || type == KB_EVT_ARREST || type == KB_EVT_MILITARY_FORCE ||
	       type == KB_EVT_INTENT_TO_MEET || type == KB_EVT_PRAISE_SUPPORT || type == KB_EVT_THREATEN ||
	       type == KB_EVT_SIGN_AGREEMENT;
}

static int is_place_word(const ev_word *w);

/* Skips what may stand between a verb's subject and its object: commas,
 * time expressions and "في/بـ + place" ("استقبل الربيعة أمس في مقر المركز
 * سفير ..."). */
static size_t skip_place_and_time(const ev_ctx *c, size_t k, size_t limit)
{
	int rounds;
	for (rounds = 0; rounds < 4 && k < limit; rounds++) {
		const ev_word *w = &c->w[k];
		if ((w->cls & KB_EVW_TIME) && !strcmp(time_value(w), "DAYPART")) {
			k = np_end(c, k, limit, 0);    /* "صباح أول يوم عيد الفطر المبارك" */
			continue;
		}
		if (is_punct(w, P_COMMA) || (w->cls & KB_EVW_TIME) ||
		    (w->kind == W_NUMBER && k > 0 && (c->w[k - 1].cls & KB_EVW_TIME))) {
			k++;
			rounds--;
			continue;
		}
		if (word_is(c, w, W_FI) && k + 1 < limit && np_start_ok(&c->w[k + 1], 0)) {
			k = np_end(c, k + 1, limit, 0);
			continue;
		}
		if (w->pro_bl == 'b' && is_place_word(w)) {
			k = np_end(c, k, limit, 0);
			continue;
		}
		break;
	}
	return k;
}

/* "التقى بمنسوبي المستشفى وبعدد من الأطباء ومن الممرضين", "لمقام ...
 * ولأهالي الجبيل": more objects of the same preposition (bl: 'b' or 'l'),
 * each after و + a preposition, are more targets (a counted one gives its
 * group). */
static void more_pp_objects(const ev_ctx *c, kb_event *e, size_t j, size_t limit, int bl)
{
	size_t rounds, i2, j2, gi, gj;
	for (rounds = 0; rounds < 4 && j < limit; rounds++) {
		const ev_word *w = &c->w[j];
		if (!w->pro_wf || !(w->pro_bl == bl || word_stem_is(c, w, W_MIN)) || !pp_object(c, j, limit, &i2, &j2))
			return;
		if (is_quantity(&c->w[i2]) && counted_group(c, i2, j2, limit, &gi, &gj)) {
			add_targets(c, e, gi, gj);
			j = gj;
		} else {
			add_targets(c, e, i2, j2);
			j = j2;
		}
	}
}

/* "استقبل ... مديري الدوائر الحكومية بالجبيل وعددا من رجال الأعمال
 * ورؤساء الشركات وجموعا من أهالي ...": more direct objects joined by و,
 * after a "بـ + place" that qualifies the one before; a counted one gives
 * its group. */
static void more_objects(const ev_ctx *c, kb_event *e, size_t j, size_t limit)
{
	size_t rounds, j2, gi, gj;
	for (rounds = 0; rounds < 6 && j < limit; rounds++) {
		const ev_word *w = &c->w[j];
		if (w->pro_bl == 'b' && !w->pro_wf && is_place_word(w)) {
			j = np_end(c, j, limit, 0);
			continue;
		}
		if (!w->pro_wf || w->pro_bl || !np_start_ok(w, 0) || w->trig >= 0)
			return;
		j2 = np_end(c, j, limit, 1);
		if (is_quantity(w) && counted_group(c, j, j2, limit, &gi, &gj)) {
			add_targets(c, e, gi, gj);
			j = gj;
		} else {
			add_targets(c, e, j, j2);
			j = j2;
		}
	}
}

/* Is word k an adjective of the noun at t0 rather than its object: one of
 * order or time ("زيارته السابقة", "لقاءها التالي"), or a relative
 * adjective in ـية after a noun with a pronoun ("جولته الإعدادية")? */
static int noun_adjective(const ev_ctx *c, size_t t0, size_t k)
{
	const ev_word *w = &c->w[k];
	if (w->cls & KB_EVW_ADJ)
		return 1;
	return c->w[t0].suffix && w->has_al && !w->pro_len && ends_in_ta_marbuta(c, w) &&
	       ends_with(word_norm(c, w), w->norm_len, "\xd9\x8a\xd9\x87");
}

/* Targets after the trigger: a direct object, or the phrase after the
 * preposition the type takes (مع، بـ، لـ، إلى، على، ضد). */
static void find_targets(ev_ctx *c, kb_event *e, ev_info *in, size_t after, size_t limit, size_t *goal_i,
                         size_t *goal_j)
{
	size_t k, i, j;
	int type = in->type;
	/* a verbal noun whose pronoun is its agent takes an object as its verb
	 * does ("استهدافه عربات للحوثيين", "زيارتهما روسيا") */
	int verbal = trig_of(&c->w[in->t0])->tense != 2 ||
	             (c->w[in->t0].suffix && (type == KB_EVT_MILITARY_FORCE || is_consult(type)));
	*goal_i = *goal_j = 0;
	if (e->target_count)
		return;
	if (!after && verbal && trig_of(&c->w[in->t0])->tense == 2)
		after = in->t1;
	if (after && (type == KB_EVT_HOST || type == KB_EVT_MEET || type == KB_EVT_VISIT) && verbal)
		after = skip_place_and_time(c, after, limit);
	if (after && after < limit && type_takes_object(type) && np_start_ok(&c->w[after], 0) && verbal &&
	    !(trig_of(&c->w[in->t0])->tense == 2 && noun_adjective(c, in->t0, after))) {
		j = np_end(c, after, limit, 1);
		if (is_quantity(&c->w[after])) {
			size_t gi2, gj2;
			if (counted_group(c, after, j, limit, &gi2, &gj2)) {
				add_targets(c, e, gi2, gj2);
				return;
			}
		}
		if (type == KB_EVT_VISIT || type == KB_EVT_INTENT_TO_MEET) {
			*goal_i = after;
			*goal_j = j;
		} else if (!(c->w[after].cls & (KB_EVW_PLACE | KB_EVW_CITY))) {
			add_targets(c, e, after, j);
			more_objects(c, e, j, limit);
		}
		return;
	}
	for (k = after > in->t1 ? after : in->t1; k < limit && k < in->t1 + 14; k++) {
		const ev_word *w = &c->w[k];
		if (w->cls & KB_EVW_TOPIC)
			return;
		if (w->trig >= 0 && k > in->t1 + 1 && is_verb_trigger(w))
			return;
		if ((word_is(c, w, W_MAA) || word_stem_is(c, w, W_MAA)) && type != KB_EVT_STATEMENT) {
			if (pp_object(c, k, limit, &i, &j))
				add_targets(c, e, i, j);
			else if (w->norm_len == 4 && k + 2 < limit && c->w[k + 1].trig >= 0 &&
			         trig_of(&c->w[k + 1])->tense == 2 && np_start_ok(&c->w[k + 2], 0))
				/* "يختلف مع انتقادات الأمير بندر": with whoever made them */
				add_targets(c, e, k + 2, np_end(c, k + 2, limit, 1));
			return;
		}
		if (type == KB_EVT_MILITARY_FORCE && k == in->t1 && e->has_source && w->pro_bl == 'l' &&
		    is_actor_word(w, 1) && pp_object(c, k, limit, &i, &j)) {
			/* "نصبت المقاومة كمينا للميليشيات الحوثية": the attacker is
			 * named, so the "لـ" phrase is whom the attack is for */
			add_targets(c, e, i, j);
			return;
		}
		if (type == KB_EVT_REQUEST && word_is(c, w, W_MIN) && k <= (after > in->t1 ? after : in->t1)) {
			/* "وطالب المحرج من ابن المصاب أن ...": whom one asks */
			if (pp_object(c, k, limit, &i, &j))
				add_targets(c, e, i, j);
			return;
		}
		if ((word_is(c, w, W_ALA) || word_is(c, w, W_DIDD)) && type == KB_EVT_MILITARY_FORCE) {
			if (pp_object(c, k, limit, &i, &j) && !(c->w[i].cls & (KB_EVW_PLACE | KB_EVW_CITY)))
				add_targets(c, e, i, j);
			return;
		}
		if (word_stem_is(c, w, W_ILA) && type == KB_EVT_PRAISE_SUPPORT) {
			if (pp_object(c, k, limit, &i, &j))
				add_targets(c, e, i, j);
			return;
		}
		if ((word_stem_is(c, w, W_ILA) || (w->pro_bl == 'l' && type == KB_EVT_VISIT)) &&
		    (type == KB_EVT_VISIT || type == KB_EVT_AID || type == KB_EVT_INTENT_TO_MEET)) {
			if (pp_object(c, k, limit, &i, &j)) {
				*goal_i = i;
				*goal_j = j;
			}
			return;
		}
		if (w->pro_bl == 'b' && k <= in->t1 + 1 && w->has_al == 0 && type != KB_EVT_STATEMENT &&
		    (type == KB_EVT_MEET || type == KB_EVT_CONSULT_PHONE || type == KB_EVT_DISAPPROVE_ACCUSE ||
		     type == KB_EVT_HOST)) {
			if (pp_object(c, k, limit, &i, &j)) {
				add_targets(c, e, i, j);
				more_pp_objects(c, e, j, limit, 'b');
			}
			return;
		}
		if (w->pro_bl == 'b' && k <= in->t1 + 1 && w->has_al &&
		    (type == KB_EVT_MEET || type == KB_EVT_CONSULT_PHONE)) {
			if (pp_object(c, k, limit, &i, &j)) {
				add_targets(c, e, i, j);
				more_pp_objects(c, e, j, limit, 'b');
			}
			return;
		}
		if ((w->pro_bl == 'l' || (w->norm_len == 2 && (w->cls & KB_EVW_PREP) &&
		                          word_is(c, w, AR_LAM))) && k <= (after > in->t1 ? after : in->t1) + 2 &&
		    (type == KB_EVT_PRAISE_SUPPORT || type == KB_EVT_STATEMENT || type == KB_EVT_AID)) {
			if (pp_object(c, k, limit, &i, &j)) {
				add_targets(c, e, i, j);
				more_pp_objects(c, e, j, limit, 'l');
			}
			return;
		}
		if (is_punct(w, P_STOP))
			return;
	}
}

/* "أعرب عن تقديره للجهود الكبيرة التي يبذلها مركز ...": praise or blame
 * of a deed (no actor in it) is aimed at whoever the relative clause on
 * it says does it. */
static void deed_doer(ev_ctx *c, kb_event *e, const ev_info *in, size_t limit)
{
	unsigned t;
	size_t i, j, a, b;
	if (in->type != KB_EVT_PRAISE_SUPPORT && in->type != KB_EVT_DISAPPROVE_ACCUSE)
		return;
	for (t = 0; t < e->target_count; t++) {
		arg_words(c, &e->targets[t], &i, &j);
		if (first_actor(c, i, j, 0) == j && j < limit && relative_agent(c, i, j, limit, &a, &b))
			set_arg(c, &e->targets[t], a, b);
	}
}

/* "الدعم الذي تستنكره": the resumptive pronoun of a relative clause points
 * at the antecedent; when that is itself an event (support), the target is
 * that event's actor. */
static void resumptive_target(ev_ctx *c, const ev_infos *infos, kb_event *e, ev_info *in, size_t first)
{
	size_t ante, k;
	if (e->target_count || !c->w[in->t0].suffix || in->t0 < first + 2 ||
	    !(c->w[in->t0 - 1].cls & KB_EVW_REL))
		return;
	ante = in->t0 - 2;
	if (c->w[ante].trig >= 0) {
		int type = trig_type(&c->w[ante]);
		k = infos->count;
		while (k-- > lookback_floor(infos->count)) {
			if (infos->items[k].type == type && event_at(c, k)->has_source) {
				e->targets[0] = event_at(c, k)->source;
				e->target_count = 1;
				return;
			}
		}
		return;
	}
	k = ante;
	while (k > first && ante - k < NP_MAX - 1 && np_start_ok(&c->w[k - 1], 0) && !c->w[k].pro_wf)
		k--;
	if (np_start_ok(&c->w[k], 1))
		add_targets(c, e, k, ante + 1);
}

static void arg_words(const ev_ctx *c, const kb_event_arg *a, size_t *i, size_t *j);

/* A crude stem for comparing sides: no clitics, no article, no plural or
 * adjective ending ("الحوثيين", "حوثيا", "الحوثية" all give "حوث"). */
static size_t side_stem(const ev_ctx *c, const ev_word *w, const char **out)
{
	static const char *const endings[] = {
		"\xd9\x8a\xd9\x8a\xd9\x86", "\xd9\x8a\xd9\x86", "\xd9\x88\xd9\x86", "\xd9\x8a\xd9\x87",
		"\xd9\x8a\xd8\xa7", "\xd9\x8a", "\xd9\x87", "\xd8\xa7"
	};
	const char *s = word_norm(c, w) + w->pro_len;
	size_t n = w->norm_len - w->pro_len, k, round;
	if (w->pro_bl == 'l' && starts(s, n, AR_LAM) && !starts(s, n, AR_AL)) {
		s += 2;
		n -= 2;
	}
	if (starts(s, n, AR_AL)) {
		s += 4;
		n -= 4;
	}
	for (round = 0; round < 2; round++)
		for (k = 0; k < COUNT(endings); k++)
			if (ends_with(s, n, endings[k]) && letters(n - strlen(endings[k])) >= 3) {
				n -= strlen(endings[k]);
				break;
			}
	*out = s;
	return n;
}

/* Are two arguments the same side: a significant word in common
 * ("طائرات التحالف العربي" and "التحالف", "الحوثيين" and "ميليشيات الحوثي")? */
static int same_side(const ev_ctx *c, const kb_event_arg *a, const kb_event_arg *b)
{
	size_t ai, aj, bi, bj, x, y;
	if (!a->stop || !b->stop)
		return 0;
	arg_words(c, a, &ai, &aj);
	arg_words(c, b, &bi, &bj);
	for (x = ai; x < aj && x < ai + NP_MAX; x++) {
		const char *xs;
		size_t xn;
		if (c->w[x].kind != W_ARABIC || (c->w[x].cls & (KB_EVW_GENERIC | KB_EVW_PREP | KB_EVW_PART)))
			continue;
		xn = side_stem(c, &c->w[x], &xs);
		if (letters(xn) < 3)
			continue;
		for (y = bi; y < bj && y < bi + NP_MAX; y++) {
			const char *ys;
			size_t yn;
			if (c->w[y].kind != W_ARABIC || (c->w[y].cls & (KB_EVW_GENERIC | KB_EVW_PREP | KB_EVW_PART)))
				continue;
			yn = side_stem(c, &c->w[y], &ys);
			if (xn == yn && memcmp(xs, ys, xn) == 0)
				return 1;
		}
	}
	return 0;
}

/* Takes `src` as the source unless agreement rules it out ("وشن" is not
 * said of "المقاومة"). */
static int take_source(ev_ctx *c, const ev_info *in, kb_event *e, const kb_event_arg *src)
{
	if (in->masc_subject && has_feminine_head(c, src))
		return 0;
	e->source = *src;
	e->has_source = 1;
	return 1;
}

/* Article memory for attacks: a side with no named opponent is fighting
 * whom it fought before (or who fought it); an attack on a side by no
 * named attacker comes from that side's opponent. */
static void target_from_dyads(ev_ctx *c, const ev_infos *infos, kb_event *e, ev_info *in)
{
	size_t k = infos->count;
	if (in->type != KB_EVT_MILITARY_FORCE || (e->target_count && e->has_source))
		return;
	while (k-- > lookback_floor(infos->count)) {
		const kb_event *p = event_at(c, k);
		if (infos->items[k].type != KB_EVT_MILITARY_FORCE || !p->has_source || !p->target_count)
			continue;
		if (!e->target_count && e->has_source) {
			if (same_side(c, &p->source, &e->source)) {
				e->targets[0] = p->targets[0];
				e->target_count = 1;
				return;
			}
			if (same_side(c, &p->targets[0], &e->source)) {
				e->targets[0] = p->source;
				e->target_count = 1;
				return;
			}
		} else if (e->target_count && !e->has_source) {
			if (same_side(c, &p->targets[0], &e->targets[0]) && take_source(c, in, e, &p->source))
				return;
			if (same_side(c, &p->source, &e->targets[0]) && take_source(c, in, e, &p->targets[0]))
				return;
		}
	}
}

/* ==================================================================== */
/* Events: place, modality, genericity                                   */
/* ==================================================================== */

static int is_place_word(const ev_word *w)
{
	return (w->cls & (KB_EVW_PLACE | KB_EVW_CITY | KB_EVW_COUNTRY)) != 0;
}

static void set_location(const ev_ctx *c, kb_event *e, size_t i, size_t limit)
{
	size_t j = np_end(c, i, limit, 0);
	set_arg(c, &e->location, i, j);
	e->has_location = 1;
}

/* The place of the event: "في"/"بـ"/"إلى" + a place, in the trigger's
 * clause after it, else at the clause's start ("وفي تعز، تواصلت ..."). A
 * topic (حول، بشأن) ends the search: "حول ... الاستقرار في ليبيا". */
static int is_verbal_act(int type);

/* What a verbal act with no addressee is about: the country of the first
 * place in its clause ("أثنى على استقبال الوفد في العاصمة طرابلس"). */
static void clause_country(const ev_ctx *c, kb_event *e, const ev_info *in, size_t limit)
{
	size_t k;
	for (k = in->t1; k < limit; k++)
		if ((c->w[k].cls & (KB_EVW_CITY | KB_EVW_COUNTRY)) && c->w[k].value) {
			copy_code(e->target_country, c->w[k].value);
			return;
		}
}

static int is_verbal_act(int type)
{
	return type == KB_EVT_STATEMENT || type == KB_EVT_PRAISE_SUPPORT || type == KB_EVT_DISAPPROVE_ACCUSE ||
	       type == KB_EVT_REQUEST || type == KB_EVT_THREATEN;
}

static void find_location(const ev_ctx *c, kb_event *e, const ev_info *in, size_t first, size_t limit)
{
	size_t k, from = in->src_last > in->t1 ? in->src_last : in->t1;
	if (is_verbal_act(in->type) && limit > from + 2)
		limit = from + 2;
	for (k = in->t1; k < limit && k < in->t1 + WINDOW; k++) {
		const ev_word *w = &c->w[k];
		if (w->cls & KB_EVW_TOPIC)
			break;
		if ((word_stem_is(c, w, W_FI) || word_stem_is(c, w, W_ILA)) && k + 1 < limit &&
		    is_place_word(&c->w[k + 1]) && !c->w[k + 1].pro_bl) {
			set_location(c, e, k + 1, limit);
			return;
		}
		if (w->pro_bl == 'b' && is_place_word(w) && k > in->t1) {
			set_location(c, e, k, limit);
			return;
		}
		if (w->trig >= 0 && is_verb_trigger(w) && k > in->t1)
			break;
	}
	for (k = first; k + 1 < in->t0; k++) {
		const ev_word *w = &c->w[k];
		if (w->trig >= 0)
			break;
		if (word_stem_is(c, w, W_FI) && is_place_word(&c->w[k + 1])) {
			set_location(c, e, k + 1, in->t0);
			return;
		}
	}
}

/* The day count of an ISO day value, or -1. */
static long value_day(const char *v)
{
	int y, m, d;
	if (strlen(v) != 10 || sscanf(v, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	return days_from_civil(y, m, d);
}

static int sentence_has(const ev_ctx *c, size_t first, size_t upto, unsigned cls)
{
	size_t k;
	for (k = first; k < upto; k++)
		if (c->w[k].cls & cls)
			return 1;
	return 0;
}

/* Is the event attributed to unnamed media or sources: "ووفق وسائل إعلام"
 * before it, or a statement by "مصادر" earlier in the sentence? */
static int is_reported(ev_ctx *c, const ev_infos *infos, size_t first, size_t t0, size_t sentence)
{
	size_t k;
	for (k = first; k + 1 < t0; k++)
		if ((c->w[k].cls & KB_EVW_REP) && (c->w[k + 1].cls & KB_EVW_SOURCEW))
			return 1;
	k = infos->count;
	while (k-- > lookback_floor(infos->count)) {
		const ev_info *in = &infos->items[k];
		if (in->sentence != sentence)
			break;
		if (in->type == KB_EVT_STATEMENT && in->src_first < in->src_last &&
		    (c->w[in->src_first].cls & KB_EVW_SOURCEW) && in->t0 < t0)
			return 1;
	}
	return 0;
}

static void set_modality(ev_ctx *c, const ev_infos *infos, kb_event *e, const ev_info *in, size_t first,
                         size_t last)
{
	const ev_word *tw = &c->w[in->t0];
	const kb_event_trigger *t = trig_of(tw);
	size_t k;
	size_t clause_first = first;
	for (k = first; k < in->t0; k++)
		if (is_punct(&c->w[k], P_COLON) || (c->w[k].cls & KB_EVW_COMP))
			clause_first = k + 1;
	e->modality = KB_MODALITY_ASSERTED;
	if (in->t0 > first && (c->w[in->t0 - 1].cls & KB_EVW_NEG)) {
		e->negative = 1;
		if (word_is(c, &c->w[in->t0 - 1], "\xd9\x84\xd9\x86"))  /* لن */
			e->modality = KB_MODALITY_FUTURE;
	}
	if (tw->future)
		e->modality = KB_MODALITY_FUTURE;
	for (k = in->t0 > first + 3 ? in->t0 - 3 : first; k < in->t0; k++)
		if ((c->w[k].cls & KB_EVW_FUT) && !(c->w[k].cls & KB_EVW_TIME))
			e->modality = KB_MODALITY_FUTURE;
	if (e->has_date && c->has_doc && t->tense == 1) {
		long d = value_day(e->date_value);
		if (d >= c->doc_day)
			e->modality = KB_MODALITY_FUTURE;
	}
	if (e->has_date && c->has_doc) {
		long d = value_day(e->date_value);
		if (d > c->doc_day)
			e->modality = KB_MODALITY_FUTURE;
	}
	if (e->modality == KB_MODALITY_ASSERTED && sentence_has(c, clause_first, in->t0, KB_EVW_HYP))
		e->modality = KB_MODALITY_HYPOTHETICAL;
	if (e->modality == KB_MODALITY_ASSERTED && in->type != KB_EVT_STATEMENT && t->tense == 2) {
		size_t j = infos->count;
		while (j-- > lookback_floor(infos->count) && infos->items[j].sentence == in->sentence)
			if (infos->items[j].type == KB_EVT_REQUEST)
				e->modality = KB_MODALITY_HYPOTHETICAL;
	}
	if (e->modality == KB_MODALITY_ASSERTED && in->type != KB_EVT_STATEMENT &&
	    is_reported(c, infos, first, in->t0, in->sentence))
		e->modality = KB_MODALITY_REPORTED;
	/* Habitual: "تعد مصر من الدول الداعمة", or كان + an imperfect verb. */
	if (sentence_has(c, first, last, KB_EVW_GEN))
		e->generic = 1;
	if (t->tense == 1 && !tw->future) {
		for (k = first; k < in->t0; k++)
			if ((c->w[k].cls & KB_EVW_VERB) &&
			    (word_stem_is(c, &c->w[k], "\xd9\x83\xd8\xa7\xd9\x86\xd8\xaa") ||
			     word_stem_is(c, &c->w[k], "\xd9\x83\xd8\xa7\xd9\x86")))
				e->generic = 1;
	}
}

/* ==================================================================== */
/* Events: checking and resolving arguments                              */
/* ==================================================================== */

/* "قوات صالح", "مقاتلي صالح": is the word after k, before j, a bare name
 * (unknown, indefinite, no clitic, not an adjective)? */
static int bare_name_after(const ev_ctx *c, size_t k, size_t j)
{
	const ev_word *w = &c->w[k + 1];
	return k + 1 < j && w->kind == W_ARABIC && w->cls == 0 && !w->has_al && !w->pro_len &&
	       !looks_adjective(c, w);
}

static size_t first_actor(const ev_ctx *c, size_t i, size_t j, int generic_ok)
{
	size_t k, generic = j;
	for (k = i; k < j; k++) {
		if (!is_actor_word(&c->w[k], 1))
			continue;
		if (!(c->w[k].cls & KB_EVW_GENERIC))
			return generic < k ? generic : k;
		if (generic == j)
			generic = k;
		if (bare_name_after(c, k, j))
			return generic;
	}
	return generic_ok ? generic : j;    /* for a target, "مقاتلين" alone names no side */
}

static void arg_words(const ev_ctx *c, const kb_event_arg *a, size_t *i, size_t *j)
{
	*i = word_at(c, a->start);
	*j = word_at(c, a->stop - 1) + 1;
}

/* Does word k start a named force: an actor word that is not generic,
 * or a generic one before one that is ("وقوات النظام")? */
static int conjoined_force(const ev_ctx *c, size_t k, size_t j)
{
	const ev_word *w = &c->w[k];
	if (!is_actor_word(w, 1))
		return 0;
	if (!(w->cls & KB_EVW_GENERIC))
		return 1;
	return k + 1 < j && is_actor_word(&c->w[k + 1], 1) && !(c->w[k + 1].cls & KB_EVW_GENERIC);
}

/* The name of a force without the words that say how it fights: "طيران
 * التحالف" is التحالف, "عناصر تنظيم داعش" is تنظيم داعش, "المتمردين
 * الحوثيين المدعومين" is المتمردين الحوثيين. */
static void core_name(const ev_ctx *c, kb_event_arg *a, size_t i, size_t j)
{
	size_t k, e;
	for (k = i; k < j && (c->w[k].cls & KB_EVW_GENERIC) && k + 1 < j; k++)
		;
	if (k >= j || !is_actor_word(&c->w[k], 1))
		k = i;
	if (k >= j)
		return;
	for (e = k + 1; e < j; e++) {
		const ev_word *w = &c->w[e];
		/* "حزب الله اللبناني وقوات النظام": a conjoined named force stays
		 * ("والمسلحين الموالين لها" names none) */
		if ((w->pro_wf && !conjoined_force(c, e, j)) ||
		    !(is_actor_word(w, 1) || (w->cls & (KB_EVW_GENERIC | KB_EVW_NISBA)) ||
		      ((c->w[e - 1].cls & KB_EVW_GENERIC) && bare_name_after(c, e - 1, j))))
			break;
	}
	if (k == word_at(c, a->start) && e == word_at(c, a->stop - 1) + 1)
		return;
	{
		char country[4], sector[4];
		memcpy(country, a->country, 4);
		memcpy(sector, a->sector, 4);
		set_arg(c, a, k, e);
		if (!a->country[0])
			memcpy(a->country, country, 4);
		if (!a->sector[0])
			memcpy(a->sector, sector, 4);
	}
}

/* The force that owns a thing hit: "مواقع للحوثيين وقوات صالح", "مخازن
 * أسلحة للحوثيين". A target naming only places or gear stands for the
 * "لـ" phrase right after it, with its conjuncts; returns its end or 0. */
static size_t owner_phrase(const ev_ctx *c, size_t j, size_t limit, size_t *oi)
{
	size_t k;
	for (k = j; k < limit && k < j + 2; k++) {
		const ev_word *w = &c->w[k];
		if (w->kind == W_PUNCT || w->trig >= 0)
			return 0;
		if (w->pro_bl == 'l' && !w->pro_wf && is_actor_word(w, 1)) {
			*oi = k;
			return np_end(c, k, limit, 1);
		}
	}
	return 0;
}

/* Sides of armed force are forces: a source or target with no actor word
 * ("عنيف", "مناطق") is dropped (the article's context then speaks) unless
 * a force owns it, and "مواقع للحوثيين" is cut to the force it names. */
static void check_military_args(ev_ctx *c, kb_event *e, ev_info *in)
{
	size_t i, j, a, t, kept = 0, oi, oj, count = e->target_count;
	kb_event_arg things[KB_EVENT_MAX_TARGETS];
	if (in->type != KB_EVT_MILITARY_FORCE)
		return;
	memcpy(things, e->targets, sizeof things);
	if (e->has_source && in->explicit_source && !in->embedded) {    /* the accused need not be a force */
		arg_words(c, &e->source, &i, &j);
		if (first_actor(c, i, j, 1) == j) {
			e->has_source = 0;
			in->explicit_source = 0;
			in->src_first = in->src_last = 0;
		}
	}
	e->target_count = 0;
	for (t = 0; t < count; t++) {
		arg_words(c, &things[t], &i, &j);
		if (in->victim_target) {
			/* the dead need not be a force: "أربعة مدنيين", "في صفوف المدنيين" */
			if (e->target_count < KB_EVENT_MAX_TARGETS)
				e->targets[e->target_count++] = things[t];
			continue;
		}
		if (first_actor(c, i, j, 0) < j) {
			if (e->target_count < KB_EVENT_MAX_TARGETS)
				e->targets[e->target_count++] = things[t];
		} else if (!e->target_count && (oj = owner_phrase(c, j, c->sent[in->sentence].last, &oi)) != 0) {
			add_targets(c, e, oi, oj);
		}
	}
	kept = e->target_count;
	for (t = 0; t < kept; t++) {
		arg_words(c, &e->targets[t], &i, &j);
		if ((a = first_actor(c, i, j, 0)) < j)
			core_name(c, &e->targets[t], a, j);
	}
	e->target_count = kept;
	if (e->has_source) {
		arg_words(c, &e->source, &i, &j);
		if (first_actor(c, i, j, 0) == j &&
		    counted_group(c, i, j, c->sent[in->sentence].last, &oi, &oj)) {
			/* "تفجير عناصر من التنظيم": the members' side names them */
			set_arg(c, &e->source, oi, oj);
			i = oi;
			j = oj;
		}
		core_name(c, &e->source, first_actor(c, i, j, 1), j);
	}
}

/* Has the phrase no name in it (only titles, definite words and known
 * words: "المحافظ", "محافظ الجبيل")? */
static int is_nameless(const ev_ctx *c, size_t i, size_t j)
{
	size_t k;
	for (k = i; k < j; k++) {
		const ev_word *w = &c->w[k];
		if (w->kind == W_ARABIC && !w->has_al && w->cls == 0 && !looks_adjective(c, w))
			return 0;
	}
	return 1;
}

static int is_nameless_arg(const ev_ctx *c, const kb_event_arg *a)
{
	size_t i, j;
	arg_words(c, a, &i, &j);
	return is_nameless(c, i, j);
}

static int same_stem(const ev_ctx *c, const ev_word *x, const ev_word *y)
{
	const char *xs = word_norm(c, x) + x->pro_len, *ys = word_norm(c, y) + y->pro_len;
	size_t xn = x->norm_len - x->pro_len, yn = y->norm_len - y->pro_len;
	if (starts(xs, xn, AR_AL)) { xs += 4; xn -= 4; }
	if (starts(ys, yn, AR_AL)) { ys += 4; yn -= 4; }
	return xn == yn && xn >= 6 && memcmp(xs, ys, xn) == 0;
}

/* A title with no name ("المحافظ") stands for the person an earlier
 * mention named with that title ("محافظ محافظة الجبيل المهندس بدر
 * العطيشان"): the argument becomes that mention. */
static void resolve_title(ev_ctx *c, const ev_infos *infos, kb_event_arg *a, int force)
{
	size_t i, j, k, t;
	if (!a->stop)
		return;
	arg_words(c, a, &i, &j);
	/* in a fight, "التنظيم" is the "تنظيم داعش" named before */
	if (!((c->w[i].cls & (KB_EVW_TITLE | KB_EVW_HON)) || (force && j == i + 1 && c->w[i].has_al)) ||
	    !is_nameless(c, i, j))
		return;
	for (k = infos->count; k-- > lookback_floor(infos->count);) {
		const kb_event *p = event_at(c, k);
		const kb_event_arg *cands[KB_EVENT_MAX_TARGETS + 1];
		size_t n = 0;
		if (p->has_source)
			cands[n++] = &p->source;
		for (t = 0; t < p->target_count; t++)
			cands[n++] = &p->targets[t];
		for (t = 0; t < n; t++) {
			size_t bi, bj;
			arg_words(c, cands[t], &bi, &bj);
			/* of a force, a longer mention is more specific even when
			 * all its words are known ("تنظيم داعش") */
			if (same_stem(c, &c->w[bi], &c->w[i]) && (!is_nameless(c, bi, bj) || (force && bj - bi > j - i))) {
				*a = *cands[t];
				return;
			}
		}
	}
}

/* An actor named again ("شكري" after "نظيره المصري سامح شكري") keeps the
 * country and sector it was given; "نظيره" (his counterpart) holds the
 * same office as the other side. */
static void carry_country(ev_ctx *c, const ev_infos *infos, kb_event_arg *a, const kb_event_arg *other)
{
	size_t k, t, i, j;
	if (!a->stop)
		return;
	arg_words(c, a, &i, &j);
	if (other && other->stop && !a->sector[0] &&
	    starts(word_norm(c, &c->w[i]) + c->w[i].pro_len, c->w[i].norm_len - c->w[i].pro_len,
	           "\xd9\x86\xd8\xb8\xd9\x8a\xd8\xb1"))  /* نظير */
		memcpy(a->sector, other->sector, 4);
	for (k = infos->count; k-- > lookback_floor(infos->count) && (!a->country[0] || !a->sector[0]);) {
		const kb_event *p = event_at(c, k);
		const kb_event_arg *cands[KB_EVENT_MAX_TARGETS + 1];
		size_t n = 0;
		if (p->has_source)
			cands[n++] = &p->source;
		for (t = 0; t < p->target_count; t++)
			cands[n++] = &p->targets[t];
		for (t = 0; t < n; t++) {
			if (!same_actor(c, cands[t], a))
				continue;
			if (!a->country[0])
				memcpy(a->country, cands[t]->country, 4);
			if (!a->sector[0])
				memcpy(a->sector, cands[t]->sector, 4);
		}
	}
}

static void resolve_titles(ev_ctx *c, const ev_infos *infos, kb_event *e, int force)
{
	unsigned t;
	if (e->has_source) {
		resolve_title(c, infos, &e->source, force);
		carry_country(c, infos, &e->source, NULL);
	}
	for (t = 0; t < e->target_count; t++) {
		resolve_title(c, infos, &e->targets[t], force);
		carry_country(c, infos, &e->targets[t], e->has_source ? &e->source : NULL);
	}
}

/* The country named most often in the text: actors with no country of
 * their own (a bare name) are taken to belong to it. */
static void dominant_country(ev_ctx *c)
{
	const char *best = NULL;
	size_t best_n = 0, k, m;
	for (k = 0; k < c->nw && k < 4096; k++) {
		const char *v = c->w[k].value;
		size_t n = 0;
		if (!(c->w[k].cls & (KB_EVW_COUNTRY | KB_EVW_NISBA | KB_EVW_CITY)) || !v || strlen(v) != 3)
			continue;
		for (m = k; m < c->nw && m < 4096; m++)
			if ((c->w[m].cls & (KB_EVW_COUNTRY | KB_EVW_NISBA | KB_EVW_CITY)) && c->w[m].value &&
			    !strcmp(c->w[m].value, v))
				n++;
		if (n > best_n) {
			best_n = n;
			best = v;
		}
	}
	copy_code(c->home, best);
}

static void default_countries(ev_ctx *c)
{
	size_t k;
	unsigned t;
	if (!c->home[0])
		return;
	for (k = 0; k < event_count(c); k++) {
		kb_event *e = event_at(c, k);
		if (e->has_source && !e->source.country[0] && !is_nameless_arg(c, &e->source))
			memcpy(e->source.country, c->home, 4);
		for (t = 0; t < e->target_count; t++)
			if (!e->targets[t].country[0] && !is_nameless_arg(c, &e->targets[t]))
				memcpy(e->targets[t].country, c->home, 4);
	}
}

/* ==================================================================== */
/* Events: one trigger                                                   */
/* ==================================================================== */

static int has_word(const ev_ctx *c, const kb_event_arg *a, const char *stem)
{
	size_t k;
	if (!a->stop)
		return 0;
	for (k = word_at(c, a->start); k < c->nw && c->w[k].start < a->stop; k++) {
		const ev_word *w = &c->w[k];
		const char *s = word_norm(c, w) + w->pro_len;
		size_t n = w->norm_len - w->pro_len;
		if (starts(s, n, AR_AL)) {
			s += 4;
			n -= 4;
		}
		if (n == strlen(stem) && memcmp(s, stem, n) == 0)
			return 1;
	}
	return 0;
}

/* Is the argument's first word (no clitics, no article) this stem? The
 * troops that arrive, not a commander of forces who visits. */
static int head_is(const ev_ctx *c, const kb_event_arg *a, const char *stem)
{
	const ev_word *w;
	const char *s;
	size_t n;
	if (!a->stop)
		return 0;
	w = &c->w[word_at(c, a->start)];
	s = word_norm(c, w) + w->pro_len;
	n = w->norm_len - w->pro_len;
	if (starts(s, n, AR_AL)) {
		s += 4;
		n -= 4;
	}
	return n == strlen(stem) && memcmp(s, stem, n) == 0;
}

static void set_code(kb_event *e, ev_info *in, int code)
{
	const kb_event_code *k = &kb_event_codes[code];
	e->type = kb_event_type_names[k->type];
	e->cameo = k->cameo;
	e->plover = k->plover;
	e->mode = k->mode;
	e->reciprocal = k->reciprocal;
	if (k->type != KB_EVT_CEASEFIRE || code != KB_EVC_196)
		in->type = k->type;
	else
		in->type = KB_EVT_CEASEFIRE;
}

static int is_air_actor(ev_ctx *c, const kb_event_arg *a)
{
	return has_word(c, a, "\xd8\xb7\xd9\x8a\xd8\xb1\xd8\xa7\xd9\x86") ||     /* طيران */
	       has_word(c, a, "\xd8\xb7\xd8\xa7\xd8\xa6\xd8\xb1\xd8\xa7\xd8\xaa") || /* طائرات */
	       has_word(c, a, "\xd9\x85\xd9\x82\xd8\xa7\xd8\xaa\xd9\x84\xd8\xa7\xd8\xaa") || /* مقاتلات */
	       has_word(c, a, "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xad\xd8\xa7\xd9\x84\xd9\x81"); /* (ال)تحالف */
}

/* Re-codes by what the arguments say: a future consult is an intent to
 * meet; troops arriving are military aid; force from the air is 195. */
static void refine_code(ev_ctx *c, kb_event *e, ev_info *in)
{
	if (is_consult(in->type) && e->modality == KB_MODALITY_FUTURE)
		set_code(e, in, KB_EVC_036);
	else if (in->type == KB_EVT_VISIT && e->has_source &&
	         (head_is(c, &e->source, "\xd9\x82\xd9\x88\xd8\xa7\xd8\xaa") ||        /* قوات */
	          head_is(c, &e->source, "\xd8\xaa\xd8\xb9\xd8\xb2\xd9\x8a\xd8\xb2\xd8\xa7\xd8\xaa"))) /* تعزيزات */
		set_code(e, in, KB_EVC_070);
	else if (in->type == KB_EVT_MILITARY_FORCE && e->has_source && in->explicit_source &&
	         (has_word(c, &e->source, "\xd8\xb7\xd9\x8a\xd8\xb1\xd8\xa7\xd9\x86") ||     /* طيران */
	          has_word(c, &e->source, "\xd8\xb7\xd8\xa7\xd8\xa6\xd8\xb1\xd8\xa7\xd8\xaa") || /* طائرات */
	          has_word(c, &e->source, "\xd9\x85\xd9\x82\xd8\xa7\xd8\xaa\xd9\x84\xd8\xa7\xd8\xaa"))) /* مقاتلات */
		set_code(e, in, KB_EVC_195);
}

/* Arguments of a VISIT's destination: a country is the host; a city or
 * place is where it happened (and its country the one visited). */
static void visit_goal(ev_ctx *c, kb_event *e, size_t gi, size_t gj)
{
	if (!gj)
		return;
	if (c->w[gi].cls & KB_EVW_COUNTRY) {
		if (!e->target_count)
			add_targets(c, e, gi, gj);
		return;
	}
	if (is_place_word(&c->w[gi])) {
		kb_event_arg a;
		set_arg(c, &a, gi, np_end(c, gi, gj, 0));
		if (!e->has_location) {
			e->location = a;
			e->has_location = 1;
		}
		copy_code(e->target_country, a.country);
		return;
	}
	if (!e->target_count)
		add_targets(c, e, gi, gj);
}

/* Nominal triggers for diplomacy need an actor of their own ("زيارات
 * متكررة", "الاجتماع" alone are mentions, not events); topics are not
 * events ("سبل دعم اتفاق وقف إطلاق النار"). */
static int keep_event(const ev_ctx *c, const ev_info *in, size_t first, int lv)
{
	const kb_event_trigger *t = trig_of(&c->w[in->t0]);
	size_t k;
	if (sentence_has(c, first, in->t0, KB_EVW_TOPIC))
		return 0;
	for (k = first; k < in->t0; k++)
		if (c->w[k].trig >= 0 && trig_type(&c->w[k]) == KB_EVT_NEGOTIATE && in->type != KB_EVT_STATEMENT &&
		    in->type != KB_EVT_NEGOTIATE && !(c->w[in->t0].cls & KB_EVW_LV))
			return 0;
	if (t->tense == 2 && !lv && !in->explicit_source && !in->anaphoric && !c->w[in->t0].suffix &&
	    (is_consult(in->type) || in->type == KB_EVT_PRAISE_SUPPORT || in->type == KB_EVT_SIGN_AGREEMENT ||
	     in->type == KB_EVT_AID || in->type == KB_EVT_REQUEST))
		return 0;
	return 1;
}

static kb_status push_event(ev_ctx *c, ev_infos *infos, const kb_event *e, const ev_info *in)
{
	if (!c->budget)
		return KB_OK;
	c->budget--;
	if (c->out->count == c->out->cap) {
		size_t cap = c->out->cap ? c->out->cap * 2 : 16;
		kb_event *p = realloc(c->out->items, cap * sizeof *p);
		if (!p)
			return KB_ENOMEM;
		c->out->items = p;
		c->out->cap = cap;
	}
	if (infos->count == infos->cap) {
		size_t cap = infos->cap ? infos->cap * 2 : 16;
		ev_info *p = realloc(infos->items, cap * sizeof *p);
		if (!p)
			return KB_ENOMEM;
		infos->items = p;
		infos->cap = cap;
	}
	c->out->items[c->out->count++] = *e;
	infos->items[infos->count++] = *in;
	return KB_OK;
}

/* The date of an event after "غداة X" (the day after X): X's date minus a
 * day, X being the event the sentence refers back to. */
static int anchored_date(ev_ctx *c, const ev_infos *infos, kb_event *e, const ev_info *in, size_t first)
{
	size_t k = infos->count;
	long day = c->doc_day;
	if (in->t0 <= first || !(c->w[in->t0 - 1].cls & KB_EVW_ANCHOR1) || !c->has_doc)
		return 0;
	while (k-- > lookback_floor(infos->count)) {
		long d = event_at(c, k)->has_date ? value_day(event_at(c, k)->date_value) : -1;
		if (d >= 0) {
			day = d;
			break;
		}
	}
	format_day(day - 1, e->date_value, sizeof e->date_value);
	e->has_date = 1;
	e->date_start = c->w[in->t0 - 1].start;
	e->date_stop = c->w[in->t0 - 1].stop;
	return 1;
}

static float confidence_of(const kb_event *e, const ev_info *in, int noun)
{
	float p = noun ? 0.7f : 0.85f;
	if (!e->has_source)
		p -= 0.2f;
	else if (!in->explicit_source)
		p -= 0.15f;
	if (e->target_count)
		p += 0.05f;
	return p;
}

static void inherit_location(ev_ctx *c, const ev_infos *infos, kb_event *e, const ev_info *in)
{
	size_t k = infos->count;
	if (e->has_location)
		return;
	while (k-- > lookback_floor(infos->count)) {
		const kb_event *p = event_at(c, k);
		if (infos->items[k].sentence != in->sentence)
			break;
		if (p->has_location && e->has_source && p->has_source && same_actor(c, &p->source, &e->source)) {
			e->location = p->location;
			e->has_location = 1;
			if (!e->target_country[0] && !e->target_count)
				memcpy(e->target_country, p->target_country, 4);
			return;
		}
	}
}

/* May word k stand between a title and the name it introduces: a comma,
 * a rank (الدكتور، اللواء), the rest of the title or of the body it heads
 * (الأمم المتحدة، لمجلس التعاون), a country or "لدى/إلى + country"? A new
 * office (وزير) starts another person. */
static int between_title_and_name(const ev_ctx *c, size_t k)
{
	const ev_word *w = &c->w[k];
	if (is_punct(w, P_COMMA))
		return 1;
	if (w->kind != W_ARABIC || w->trig >= 0 || w->pro_wf)
		return 0;
	if ((w->cls & KB_EVW_TITLE) && !(w->cls & KB_EVW_HON) && w->pro_bl != 'l')
		return 0;    /* (but "الأمين العام لمجلس التعاون" is one title) */
	if (w->cls & (KB_EVW_HON | KB_EVW_COUNTRY | KB_EVW_NISBA | KB_EVW_CITY | KB_EVW_ORGX))
		return 1;
	if (w->ent & (EW_TITLE | EW_NAME))
		return 1;
	/* "لدى اليمن", "إلى اليمن" */
	return (word_is(c, w, "\xd9\x84\xd8\xaf\xd9\x8a") || word_is(c, w, W_ILA)) && k + 1 < c->nw &&
	       (c->w[k + 1].cls & (KB_EVW_COUNTRY | KB_EVW_CITY));
}

/* Does the word head a body rather than a person: feminine or plural
 * ("المقاومة", "الحكومة", "وزارة", "القوات")? */
static int is_body(const ev_ctx *c, const ev_word *w)
{
	const char *s = word_norm(c, w) + w->pro_len;
	size_t n = w->norm_len - w->pro_len;
	return ends_with(s, n, "\xd9\x87") || ends_with(s, n, AR_ALEF "\xd8\xaa");
}

/* "مبعوث الأمم المتحدة إلى اليمن إسماعيل ولد الشيخ أحمد", "الأمين العام
 * لمجلس التعاون ... الدكتور عبداللطيف الزياني": an argument that is only a
 * title stands for the person named right after it: its span becomes
 * the name (its country and sector stay the title's). */
static void name_after_title(const ev_ctx *c, kb_event_arg *a)
{
	size_t i, j, k, m;
	int titled = 0;
	if (!a->stop)
		return;
	arg_words(c, a, &i, &j);
	for (k = i; k < j; k++) {
		if (c->w[k].ent & EW_PERSON)
			return;
		if ((c->w[k].cls & (KB_EVW_TITLE | KB_EVW_HON)) || (c->w[k].ent & EW_TITLE))
			titled = 1;
	}
	if (!titled || is_body(c, &c->w[i]))
		return;
	for (k = j; k < c->nw && k < j + 10 && c->w[k].sentence == c->w[i].sentence; k++) {
		if ((c->w[k].ent & EW_PERSON) && (c->w[k].ent & EW_START) && !c->w[k].pro_len) {
			for (m = k; m + 1 < c->nw && !(c->w[m].ent & EW_END) && (c->w[m + 1].ent & EW_PERSON); m++)
				;
			/* a name the tagger cut short ("عبد") or took from a word
			 * that says something else ("تحيات خادم") is no name */
			if (c->w[k].trig >= 0 || (c->w[k].cls & ~KB_EVW_WSTEM) ||
			    (m == k && letters(c->w[k].norm_len) <= 3))
				return;
			a->start = c->w[k].start;
			a->stop = c->w[m].stop;
			return;
		}
		if (!between_title_and_name(c, k))
			return;
	}
}

/* A source that reached its name may have reached a target taken for a
 * second party ("وصل رئيس الأركان الجنرال مارتن ديمبسي", "أدان رئيس
 * الوزراء بنيامين نتنياهو الاتفاق"): the target keeps what is after it. */
static void names_after_titles(const ev_ctx *c, kb_event *e)
{
	unsigned t, kept = 0;
	if (e->has_source)
		name_after_title(c, &e->source);
	for (t = 0; t < e->target_count; t++) {
		kb_event_arg *a = &e->targets[t];
		name_after_title(c, a);
		if (e->has_source && a->start < e->source.stop && a->stop > e->source.start) {
			size_t k = word_at(c, e->source.stop - 1) + 1, j = word_at(c, a->stop - 1) + 1;
			if (a->stop <= e->source.stop || k >= j)
				continue;
			set_arg(c, a, k, j);
		}
		e->targets[kept++] = *a;
	}
	e->target_count = kept;
}

/* "التقى رئيسا الوزراء الهندي ناريندرا مودي والباكستاني نواز شريف": a
 * meeting or talks whose subject joins two parties, with no other party
 * named, is between them: the first is the source, the rest the targets. */
static void split_parties(ev_ctx *c, kb_event *e, ev_info *in)
{
	size_t k, i, j;
	if ((in->type != KB_EVT_MEET && in->type != KB_EVT_NEGOTIATE && in->type != KB_EVT_CONSULT_PHONE) ||
	    !e->has_source || !in->explicit_source || in->src_last <= in->src_first)
		return;
	if (e->target_count) {
		arg_words(c, &e->targets[0], &i, &j);
		if (first_actor(c, i, j, 1) < j)
			return;
	}
	for (k = in->src_first + 1; k < in->src_last; k++)
		if (c->w[k].pro_wf && !c->w[k].pro_bl && is_actor_word(&c->w[k], 0))
			break;
	if (k >= in->src_last)
		return;
	e->target_count = 0;
	add_targets(c, e, k, in->src_last);
	set_arg(c, &e->source, in->src_first, k);
	in->src_last = k;
}

/* "اتهمت باكستان الهند بانتهاك ...", "محاكمة المتهمين بتفجير": the act
 * one is accused or tried for ("بـ" + event noun right after the accused)
 * was done by the accused, against the accuser. */
static int accused_act(ev_ctx *c, const ev_infos *infos, kb_event *e, ev_info *in)
{
	const kb_event *p;
	const ev_info *pin;
	if (!infos->count || c->w[in->t0].pro_bl != 'b' || in->t0 == 0)
		return 0;
	pin = &infos->items[infos->count - 1];
	p = event_at(c, infos->count - 1);
	if ((pin->type != KB_EVT_DISAPPROVE_ACCUSE && pin->type != KB_EVT_ARREST) || pin->sentence != in->sentence ||
	    !p->target_count || p->targets[p->target_count - 1].stop != c->w[in->t0 - 1].stop)
		return 0;
	e->source = p->targets[p->target_count - 1];
	e->has_source = 1;
	in->explicit_source = 1;
	in->embedded = 1;
	if (pin->type == KB_EVT_ARREST || !p->has_source)
		return 1;    /* "محاكمة المتهمين بتفجير": tried for, not done to the court */
	e->targets[0] = p->source;
	e->target_count = 1;
	return 1;
}

/* "تمكن الأخير من استعادة السيطرة": "the latter" is the side named last
 * in the event before (its last target). */
static void the_latter(ev_ctx *c, const ev_infos *infos, kb_event *e)
{
	size_t i, j, k;
	if (!e->has_source || !infos->count)
		return;
	arg_words(c, &e->source, &i, &j);
	/* (folded forms: أ is ا, ة is ه) */
	if (j != i + 1 || (!word_stem_is(c, &c->w[i], AR_AL "\xd8\xa7\xd8\xae\xd9\x8a\xd8\xb1") &&
	                   !word_stem_is(c, &c->w[i], AR_AL "\xd8\xa7\xd8\xae\xd9\x8a\xd8\xb1\xd9\x87")))
		return;
	for (k = infos->count; k-- > lookback_floor(infos->count);) {
		const kb_event *p = event_at(c, k);
		if (p->target_count) {
			e->source = p->targets[p->target_count - 1];
			return;
		}
	}
}

/* Does the event's source name an actor? Policies differ ("سياسات X
 * تختلف مع سياسات Y"); only actors disagree. */
static int names_actor(const ev_ctx *c, const kb_event *e)
{
	size_t i, j;
	if (!e->has_source)
		return 0;
	arg_words(c, &e->source, &i, &j);
	return first_actor(c, i, j, 1) < j;
}

static kb_status build_event(ev_ctx *c, ev_infos *infos, size_t s, size_t i)
{
	const ev_sentence *sent = &c->sent[s];
	const ev_word *tw = &c->w[i];
	const kb_event_trigger *t = trig_of(tw);
	kb_event e;
	ev_info in;
	size_t limit, after, vi, vj, gi, gj, lv;
	int noun = t->tense == 2;
	int victim = (tw->cls & KB_EVW_VICTIM) != 0 ||
	             (noun && kb_event_codes[t->code].type == KB_EVT_ARREST);
	/* Rules see the sentence around the trigger, at most 2 * WINDOW words
	 * each way: a text with no full stops stays linear. */
	size_t first = i > sent->first + 2 * WINDOW ? i - 2 * WINDOW : sent->first;
	size_t last = sent->last > i + 2 * WINDOW ? i + 2 * WINDOW : sent->last;
	memset(&e, 0, sizeof e);
	memset(&in, 0, sizeof in);
	in.t0 = i;
	in.t1 = i + (tw->trig_len ? tw->trig_len : 1);
	in.sentence = s;
	set_code(&e, &in, t->code);
	e.trigger_start = skip_letters(c, tw->start, tw->stop, tw->trig_pro);
	e.trigger_stop = c->w[in.t1 - 1].stop;
	e.sentence_start = c->w[sent->first].start;
	e.sentence_stop = c->w[sent->last - 1].stop;
	e.source.entity = e.source.entity_id = -1;
	limit = clause_end(c, in.t1, last);
	if (accused_act(c, infos, &e, &in))
		after = vi = vj = 0;
	else
		after = find_source(c, infos, &e, &in, first, limit, victim, &vi, &vj);
	if (vj) {
		add_targets(c, &e, vi, vj);
		in.victim_target = 1;
	}
	the_latter(c, infos, &e);
	find_targets(c, &e, &in, after, limit, &gi, &gj);
	resumptive_target(c, infos, &e, &in, first);
	deed_doer(c, &e, &in, limit);
	split_parties(c, &e, &in);
	check_military_args(c, &e, &in);
	in.explicit_target = e.target_count > 0;
	source_from_context(c, infos, &e, &in);
	target_from_dyads(c, infos, &e, &in);
	if (in.type == KB_EVT_VISIT || in.type == KB_EVT_AID)
		visit_goal(c, &e, gi, gj);
	else if (gj && !e.target_count)
		add_targets(c, &e, gi, gj);
	resolve_titles(c, infos, &e, in.type == KB_EVT_MILITARY_FORCE);
	names_after_titles(c, &e);
	if (!e.has_location)
		find_location(c, &e, &in, first, limit);
	inherit_location(c, infos, &e, &in);
	if (!anchored_date(c, infos, &e, &in, first))
		find_date(c, first, last, in.t0, tw->future, &e);
	set_modality(c, infos, &e, &in, first, last);
	refine_code(c, &e, &in);
	if (!e.target_count && !e.target_country[0] && e.has_location)
		memcpy(e.target_country, e.location.country, 4);
	if (!e.target_count && !e.target_country[0] && is_verbal_act(in.type) && in.type != KB_EVT_STATEMENT)
		clause_country(c, &e, &in, limit);
	lv = 0;
	if (!keep_event(c, &in, first, noun && find_light_verb(c, first, in.t0, &lv)) ||
	    (!strcmp(e.cameo, "110") && !names_actor(c, &e)))
		return KB_OK;
	e.confidence = confidence_of(&e, &in, noun);
	return push_event(c, infos, &e, &in);
}

/* ==================================================================== */
/* Clusters                                                              */
/* ==================================================================== */

static int family_of(int type)
{
	switch (type) {
	case KB_EVT_MEET: case KB_EVT_NEGOTIATE: case KB_EVT_CONSULT_PHONE: return 1;
	case KB_EVT_VISIT: case KB_EVT_HOST: case KB_EVT_INTENT_TO_MEET: return 2;
	default: return 100 + type;
	}
}

static int share_actor(const ev_ctx *c, const kb_event *a, const kb_event *b)
{
	const kb_event_arg *x[KB_EVENT_MAX_TARGETS + 1], *y[KB_EVENT_MAX_TARGETS + 1];
	size_t nx = 0, ny = 0, i, j;
	if (a->has_source)
		x[nx++] = &a->source;
	for (i = 0; i < a->target_count; i++)
		x[nx++] = &a->targets[i];
	if (b->has_source)
		y[ny++] = &b->source;
	for (i = 0; i < b->target_count; i++)
		y[ny++] = &b->targets[i];
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny; j++)
			if (same_actor(c, x[i], y[j]))
				return 1;
	return 0;
}

/* Mentions of one real event share a cluster: same family of type, an
 * actor in common, no conflicting dates; an anaphoric subject ("وناقش
 * الاجتماع") joins the event it refers to. */
static void assign_clusters(ev_ctx *c, const ev_infos *infos)
{
	size_t k, j;
	for (k = 0; k < infos->count; k++) {
		kb_event *e = event_at(c, k);
		const ev_info *in = &infos->items[k];
		e->cluster = 0;
		for (j = k; j-- > lookback_floor(k) && !e->cluster;) {
			const kb_event *p = event_at(c, j);
			const ev_info *pin = &infos->items[j];
			if (family_of(pin->type) != family_of(in->type) || family_of(in->type) >= 100)
				continue;
			if (e->has_date && p->has_date && strcmp(e->date_value, p->date_value))
				continue;
			if (in->anaphoric || share_actor(c, e, p))
				e->cluster = p->cluster;
		}
		if (!e->cluster)
			e->cluster = ++c->next_cluster;
	}
}

/* ==================================================================== */
/* Entry points                                                          */
/* ==================================================================== */

/* Links an argument to the entity that covers its last word: id, and the
 * entity's country and sector where the words said nothing. */
static const char *sector_code(int sector)
{
	/* kb_sector's order (kb.h). */
	static const char *const names[] = {
		"", "GOV", "MIL", "SPY", "LEG", "COP", "JUD", "DIP", "REB", "PTY", "MED", "EDU",
		"BUS", "REL", "IGO", "NGO", "ROY", "CVL"
	};
	return sector >= 0 && sector < (int)COUNT(names) ? names[sector] : "";
}

static void link_arg(const ev_ctx *c, kb_event_arg *a)
{
	size_t k;
	if (!c->ents || !a->stop)
		return;
	for (k = 0; k < c->ents->count; k++) {
		const kb_entity *en = &c->ents->items[k];
		if (en->start >= a->stop)
			break;
		if (en->stop > a->start && en->start >= a->start && en->stop <= a->stop &&
		    en->type != KB_ENT_DATE && en->type != KB_ENT_TIME && en->type != KB_ENT_NUM) {
			a->entity = (int32_t)k;
			a->entity_id = en->id;
			if (!a->country[0])
				memcpy(a->country, en->country, 4);
			if (!a->sector[0] && en->sector)
				copy_code(a->sector, sector_code(en->sector));
		}
	}
}

static void link_entities(ev_ctx *c)
{
	size_t k, t;
	for (k = 0; k < event_count(c); k++) {
		kb_event *e = event_at(c, k);
		if (e->has_source)
			link_arg(c, &e->source);
		for (t = 0; t < e->target_count; t++)
			link_arg(c, &e->targets[t]);
		if (e->has_location)
			link_arg(c, &e->location);
	}
}

/* "أفشلت طائرات التحالف هجوما كانت ميليشيات الحوثي تحضر له": force
 * whose object is another attack (foiled, repelled) is aimed at that
 * attack's agent. */
static void attack_on_attack(ev_ctx *c, ev_infos *infos)
{
	size_t k;
	for (k = 0; k + 1 < infos->count; k++) {
		ev_info *in = &infos->items[k], *next = &infos->items[k + 1];
		kb_event *e = event_at(c, k);
		const kb_event *p = event_at(c, k + 1);
		if (in->type != KB_EVT_MILITARY_FORCE || next->type != KB_EVT_MILITARY_FORCE || in->explicit_target ||
		    trig_of(&c->w[in->t0])->tense == 2 || !in->explicit_source || in->src_last != next->t0 ||
		    next->sentence != in->sentence || !next->explicit_source || !p->has_source ||
		    same_side(c, &p->source, &e->source))
			continue;
		e->targets[0] = p->source;
		e->target_count = 1;
		in->explicit_target = 1;
	}
}

/* The attacks of one sentence are one action seen from several words
 * ("قتل 30 مسلحا في سلسلة غارات للتحالف"): one with no attacker takes the
 * attacker named for another, then one with no target the target named
 * for another on the same side; what is still missing comes from the
 * article's earlier fighting. */
static void share_in_sentence(ev_ctx *c, ev_infos *infos)
{
	size_t k, j;
	for (k = 0; k < infos->count; k++) {
		kb_event *e = event_at(c, k);
		ev_info *in = &infos->items[k];
		if (in->type != KB_EVT_MILITARY_FORCE)
			continue;
		for (j = k > 12 ? k - 12 : 0; j < infos->count && j < k + 12; j++) {
			const kb_event *p = event_at(c, j);
			const ev_info *pin = &infos->items[j];
			if (j == k || pin->sentence != in->sentence || pin->type != KB_EVT_MILITARY_FORCE)
				continue;
			if (!e->has_source && p->has_source && pin->explicit_source)
				take_source(c, in, e, &p->source);
			if (!e->target_count && p->target_count && e->has_source && p->has_source &&
			    same_side(c, &p->source, &e->source)) {
				e->targets[0] = p->targets[0];
				e->target_count = 1;
			}
		}
	}
}

/* The nearest event (by position) that names both sides of a fight. */
static int nearest_pair(ev_ctx *c, const ev_infos *infos, size_t k, const kb_event_arg *side, int as_source,
                        int as_target)
{
	size_t d, n = infos->count;
	for (d = 1; d < n && d <= LOOKBACK; d++) {
		size_t cand[2];
		int m;
		cand[0] = k >= d ? k - d : (size_t)-1;
		cand[1] = k + d < n ? k + d : (size_t)-1;
		for (m = 0; m < 2; m++) {
			const kb_event *p;
			const ev_info *pin;
			if (cand[m] == (size_t)-1)
				continue;
			p = event_at(c, cand[m]);
			pin = &infos->items[cand[m]];
			if (pin->type != KB_EVT_MILITARY_FORCE || !pin->explicit_source || !pin->explicit_target ||
			    !p->has_source || !p->target_count)
				continue;
			if (!side && as_source >= 0 && is_air_actor(c, &p->source) != as_source)
				continue;
			if (!side || (as_source && same_side(c, &p->source, side)) ||
			    (as_target && same_side(c, &p->targets[0], side)))
				return (int)cand[m];
		}
	}
	return -1;
}

/* The side the text names most often in its fights that is not `side`
 * (its nearest mention stands for it): whom an attacker with no named
 * target is fighting. */
static const kb_event_arg *other_side(ev_ctx *c, const ev_infos *infos, size_t at, const kb_event_arg *side,
                                      const kb_event **owner)
{
	size_t k, j, m, lo = at > LOOKBACK ? at - LOOKBACK : 0;
	size_t hi = at + LOOKBACK < infos->count ? at + LOOKBACK : infos->count;
	const kb_event_arg *best = NULL;
	size_t best_n = 0, best_d = 0;
	for (k = lo; k < hi; k++) {
		const kb_event *p = event_at(c, k);
		const kb_event_arg *cands[2];
		size_t nc = 0;
		if (infos->items[k].type != KB_EVT_MILITARY_FORCE)
			continue;
		if (p->has_source)
			cands[nc++] = &p->source;
		if (p->target_count)
			cands[nc++] = &p->targets[0];
		for (m = 0; m < nc; m++) {
			size_t n = 0, d = k > at ? k - at : at - k;
			if (same_side(c, cands[m], side))
				continue;
			for (j = lo; j < hi; j++) {
				const kb_event *q = event_at(c, j);
				if (infos->items[j].type != KB_EVT_MILITARY_FORCE)
					continue;
				/* how often it is attacked: allies are named as attackers too */
				n += (size_t)(q->target_count && same_side(c, &q->targets[0], cands[m]));
			}
			if (n > best_n || (n == best_n && n && d < best_d)) {
				best_n = n;
				best_d = d;
				best = cands[m];
				*owner = m == 1 || !p->has_source ? p : NULL;
			}
		}
	}
	return best;
}

/* The first attacker the text names in its own clause (from the air for an
 * air strike, on the ground otherwise, when there is one). */
static int protagonist(ev_ctx *c, const ev_infos *infos, int air)
{
	size_t k, j, best_n = 0, n_end = infos->count < 4 * LOOKBACK ? infos->count : 4 * LOOKBACK;
	int best = -1, any = -1;
	/* the side that attacks most often in the text, first named first */
	for (k = 0; k < n_end; k++) {
		const ev_info *in = &infos->items[k];
		const kb_event *p = event_at(c, k);
		size_t n = 0;
		if (in->type != KB_EVT_MILITARY_FORCE || !in->explicit_source || !p->has_source)
			continue;
		if (is_air_actor(c, &p->source) != air) {
			if (any < 0)
				any = (int)k;
			continue;
		}
		for (j = 0; j < n_end; j++) {
			const kb_event *q = event_at(c, j);
			if (infos->items[j].type == KB_EVT_MILITARY_FORCE && infos->items[j].explicit_source &&
			    q->has_source && same_side(c, &q->source, &p->source))
				n++;
		}
		if (n > best_n) {
			best_n = n;
			best = (int)k;
		}
	}
	return best >= 0 ? best : any;
}

/* The nearest earlier attacker named in its own clause that the
 * masculine verb of event k can have as its elided subject. */
static void agreeing_force(ev_ctx *c, const ev_infos *infos, size_t k, kb_event *e)
{
	size_t m = k;
	while (m-- > lookback_floor(k)) {
		const ev_info *pin = &infos->items[m];
		if (pin->type == KB_EVT_MILITARY_FORCE && pin->explicit_source && event_at(c, m)->has_source &&
		    take_source(c, &infos->items[k], e, &event_at(c, m)->source))
			return;
	}
}

/* Fills the sides of attacks that name only one (or none) from the
 * fights the text names in full: the attacker of a side is that side's
 * opponent, the target of an attacker is its opponent; with nothing
 * named, the nearest fight's sides, else the last attacker. */
static void fill_sides(ev_ctx *c, const ev_infos *infos)
{
	size_t k;
	for (k = 0; k < infos->count; k++) {
		kb_event *e = event_at(c, k);
		const ev_info *in = &infos->items[k];
		int p;
		if (in->type != KB_EVT_MILITARY_FORCE || (e->has_source && e->target_count))
			continue;
		if (!e->has_source && k > 0 && joined_verb(c, in) && infos->items[k - 1].sentence == in->sentence &&
		    infos->items[k - 1].type == KB_EVT_MILITARY_FORCE && event_at(c, k - 1)->has_source)
			take_source(c, in, e, &event_at(c, k - 1)->source);
		if (e->has_source) {
			if ((p = nearest_pair(c, infos, k, &e->source, 1, 0)) >= 0) {
				memcpy(e->targets, event_at(c, (size_t)p)->targets, sizeof e->targets);
				e->target_count = event_at(c, (size_t)p)->target_count;
			} else if ((p = nearest_pair(c, infos, k, &e->source, 0, 1)) >= 0) {
				e->targets[0] = event_at(c, (size_t)p)->source;
				e->target_count = 1;
			}
		} else if (e->target_count) {
			if ((p = nearest_pair(c, infos, k, &e->targets[0], 0, 1)) >= 0) {
				take_source(c, in, e, &event_at(c, (size_t)p)->source);
			} else if ((p = nearest_pair(c, infos, k, &e->targets[0], 1, 0)) >= 0) {
				take_source(c, in, e, &event_at(c, (size_t)p)->targets[0]);
			}
		} else if ((p = protagonist(c, infos, !strcmp(e->cameo, "195"))) >= 0) {
			/* nothing named: the text's first attacker, against its opponent */
			take_source(c, in, e, &event_at(c, (size_t)p)->source);
		} else if ((p = nearest_pair(c, infos, k, NULL, -1, 0)) >= 0) {
			take_source(c, in, e, &event_at(c, (size_t)p)->source);
			e->targets[0] = event_at(c, (size_t)p)->targets[0];
			e->target_count = 1;
		}
		if (!e->has_source && (p = protagonist(c, infos, !strcmp(e->cameo, "195"))) >= 0 &&
		    !(e->target_count && same_side(c, &event_at(c, (size_t)p)->source, &e->targets[0]))) {
			take_source(c, in, e, &event_at(c, (size_t)p)->source);
		}
		if (e->has_source && !e->target_count) {
			const kb_event *owner = NULL;
			const kb_event_arg *o = other_side(c, infos, k, &e->source, &owner);
			if (owner) {
				/* all the targets of that attack: "الحوثيين وقوات صالح" */
				memcpy(e->targets, owner->targets, sizeof e->targets);
				e->target_count = owner->target_count;
			} else if (o) {
				e->targets[0] = *o;
				e->target_count = 1;
			}
		}
		if (!e->has_source) {
			ev_infos before = *infos;
			before.count = k;
			if ((p = recent_force(c, &before, !strcmp(e->cameo, "195"))) >= 0)
				take_source(c, in, e, &event_at(c, (size_t)p)->source);
		}
		if (!e->has_source && in->masc_subject)
			agreeing_force(c, infos, k, e);
	}
}

/* Is word k part of an argument of an earlier event of its sentence ("أوضح
 * بيان مقتضب": the بيان is the speaker, not a second statement)? */
static int inside_argument(ev_ctx *c, const ev_infos *infos, size_t s, size_t k)
{
	size_t j = infos->count;
	uint32_t at = c->w[k].start;
	while (j-- > lookback_floor(infos->count)) {
		const kb_event *e = event_at(c, j);
		unsigned t;
		if (infos->items[j].sentence != s)
			break;
		if (e->has_source && infos->items[j].explicit_source && at >= e->source.start && at < e->source.stop)
			return 1;
		for (t = 0; t < e->target_count; t++)
			if (at >= e->targets[t].start && at < e->targets[t].stop)
				return 1;
	}
	return 0;
}

/* Is word k really part of a time expression? "العام" is a year only
 * before الماضي/المقبل or a number ("الأمين العام" is no date), "صباح"
 * only before a day ("عبد الرحمن صباح عيدان" is a name). */
static int is_time_word(const ev_ctx *c, size_t k)
{
	const char *v = time_value(&c->w[k]);
	const ev_word *next = k + 1 < c->nw ? &c->w[k + 1] : NULL;
	if (!strcmp(v, "YEAR") || !strcmp(v, "WEEK") || !strcmp(v, "MONTH"))
		return next && ((next->cls & KB_EVW_FUT) || !strcmp(time_value(next), "PAST") ||
		                word_number(c, next) >= 1900);
	if (!strcmp(v, "FIRSTDAY"))
		return k > 0 && !strcmp(time_value(&c->w[k - 1]), "-1");
	if (!strncmp(v, "UNIT", 4))
		return k > 0 && count_before(c, k, 0) > 0;
	if (!strcmp(v, "DAYPART")) {
		size_t m;
		for (m = k + 1; m < c->nw && m <= k + 2; m++)
			if ((c->w[m].cls & KB_EVW_TIME) && strcmp(time_value(&c->w[m]), "DAYPART"))
				return 1;
		/* "صباح أول يوم عيد الفطر" */
		if (k + 2 < c->nw && !strcmp(time_value(&c->w[k + 2]), "DAYPART") && (c->w[k + 2].cls & KB_EVW_TIME) &&
		    c->w[k + 1].kind == W_ARABIC && !c->w[k + 1].has_al && (c->w[k + 1].cls & ~KB_EVW_ADJ) == 0)
			return 1;
		/* "فجر يوم الحادث": two parts of a day are a time too */
		return (k + 1 < c->nw && !strcmp(time_value(&c->w[k + 1]), "DAYPART")) ||
		       (k > 0 && !strcmp(time_value(&c->w[k - 1]), "DAYPART") && (c->w[k - 1].cls & KB_EVW_TIME));
	}
	return 1;
}

/* Marks the words where the caller's entities (persons, places,
 * organisations) start and end, and the words inside titles. */
static void mark_entities(ev_ctx *c)
{
	size_t k, a, b, m;
	if (!c->ents || !c->nw)
		return;
	for (k = 0; k < c->ents->count; k++) {
		const kb_entity *en = &c->ents->items[k];
		if (en->stop <= c->w[0].start || en->start >= c->w[c->nw - 1].stop)
			continue;
		a = word_at(c, en->start);
		b = word_at(c, en->stop - 1);
		if (a >= c->nw || b >= c->nw)
			continue;
		if (en->type == KB_ENT_TITLE) {
			for (m = a; m <= b; m++)
				c->w[m].ent |= EW_TITLE;
		} else if (en->type == KB_ENT_PERS || en->type == KB_ENT_LOC || en->type == KB_ENT_ORG) {
			c->w[a].ent |= EW_START;
			c->w[b].ent |= EW_END;
			for (m = a; m <= b; m++)
				c->w[m].ent |= (uint8_t)(EW_NAME | (en->type != KB_ENT_LOC ? EW_ACTOR : 0) |
				                         (en->type == KB_ENT_PERS ? EW_PERSON : 0));
		}
	}
}

static kb_status run(ev_ctx *c)
{
	ev_infos infos = {NULL, 0, 0};
	kb_status st = scan(c);
	size_t k, s;
	if (st != KB_OK)
		return st;
	for (k = 0; k < c->nw; k++)
		if (c->w[k].kind == W_ARABIC)
			classify_word(c, &c->w[k]);
	for (k = 0; k < c->nw; k++)
		if ((c->w[k].cls & KB_EVW_TIME) && !is_time_word(c, k))
			c->w[k].cls &= ~KB_EVW_TIME;
	mark_entities(c);
	for (s = 0; s < c->nsent; s++)
		for (k = c->sent[s].first; k < c->sent[s].last; k++)
			match_trigger(c, k, c->sent[s].last);
	for (s = 0; s < c->nsent && st == KB_OK; s++) {
		for (k = c->sent[s].first; k < c->sent[s].last && st == KB_OK; k++) {
			if (c->w[k].trig < 0 || inside_argument(c, &infos, s, k))
				continue;
			st = build_event(c, &infos, s, k);
			k += c->w[k].trig_len ? c->w[k].trig_len - 1u : 0u;
		}
	}
	if (st == KB_OK) {
		attack_on_attack(c, &infos);
		share_in_sentence(c, &infos);
		fill_sides(c, &infos);
		assign_clusters(c, &infos);
		link_entities(c);
		dominant_country(c);
		default_countries(c);
	}
	free(infos.items);
	return st;
}

/* Where the block starting at `from` ends: BLOCK bytes on, moved to the
 * next line break or full stop (or space) so no word or sentence is cut. */
static size_t block_end(const char *s, size_t n, size_t from)
{
	size_t end = from + BLOCK, k;
	if (end >= n)
		return n;
	for (k = end; k < n && k < end + BLOCK / 8; k++)
		if (s[k] == '\n' || s[k] == '.')
			return k + 1;
	for (k = end; k < n && k < end + BLOCK / 8; k++)
		if (s[k] == ' ')
			return k + 1;
	while (end < n && ((unsigned char)s[end] & 0xC0) == 0x80)
		end++;
	return end;
}

kb_status kb_events_extract(const char *s, size_t n, const kb_date *ref_date,
                            const kb_entities *entities, kb_events *out)
{
	ev_ctx c;
	kb_status st = KB_OK;
	size_t old = out->count;
	if (n > UINT32_MAX)
		return KB_ETOOBIG;
	memset(&c, 0, sizeof c);
	c.s = s;
	c.ents = entities;
	c.out = out;
	c.budget = KB_EVENTS_MAX;
	if (ref_date) {
		c.has_doc = 1;
		c.doc_day = days_from_civil(ref_date->year, ref_date->month, ref_date->day);
	}
	/* A text longer than an article is coded in blocks, each with its own
	 * discourse context: memory stays bounded by the block. */
	while (c.begin < n && st == KB_OK && c.budget) {
		c.n = block_end(s, n, c.begin);
		c.first_event = out->count;
		c.nw = c.nsent = 0;
		c.arena.len = 0;
		st = run(&c);
		c.begin = c.n;
	}
	if (st != KB_OK)
		out->count = old;
	free(c.w);
	free(c.sent);
	kb_buf_free(&c.arena);
	return st;
}

void kb_events_free(kb_events *events)
{
	free(events->items);
	events->items = NULL;
	events->count = events->cap = 0;
}

const char *kb_event_modality_name(int modality)
{
	static const char *const names[] = {"asserted", "future", "hypothetical", "reported"};
	if (modality < 0 || modality >= (int)COUNT(names))
		return NULL;
	return names[modality];
}
