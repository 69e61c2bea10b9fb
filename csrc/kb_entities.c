/*
 * kb_entities.c: typed entities of a news text. Rules and gazetteers find
 * dates, numbers, organisations, titles, places and nationalities; persons
 * come from titles, the gazetteer and the statistical tagger; kb_link.c
 * then links the mentions of one entity and fills in countries.
 *
 * The passes run in order of confidence; each word is owned by at most one
 * entity, except that a TITLE may contain others (وزير خارجية ليبيا holds
 * the place ليبيا).
 */
#include "kb_entities_internal.h"
#include "kb_link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==================================================================== */
/* Names                                                                 */
/* ==================================================================== */

static const char *const type_names[KB_ENT_TYPE_COUNT] = {
	"PERS", "LOC", "ORG", "MISC", "DATE", "TIME", "NUM", "MONEY", "PERCENT", "TITLE", "NORP"
};

static const char *const sector_names[KB_SECTOR_COUNT] = {
	"", "GOV", "MIL", "SPY", "LEG", "COP", "JUD", "DIP", "REB", "PTY", "MED", "EDU", "BUS",
	"REL", "IGO", "NGO", "ROY", "CVL"
};

const char *kb_entity_type_name(int type)
{
	return type >= 0 && type < KB_ENT_TYPE_COUNT ? type_names[type] : NULL;
}

const char *kb_sector_name(int sector)
{
	return sector >= 0 && sector < KB_SECTOR_COUNT ? sector_names[sector] : NULL;
}

void kb_entities_free(kb_entities *entities)
{
	free(entities->items);
	kb_buf_free(&entities->text);
	entities->items = NULL;
	entities->count = entities->cap = 0;
}

/* ==================================================================== */
/* Adding entities                                                       */
/* ==================================================================== */

kb_status kb_doc_add(kb_doc *d, int type, size_t first, size_t last, uint32_t start,
                     float confidence, size_t *index)
{
	kb_entity *e;
	kb_mention *m;
	if (d->count == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		kb_entity *items = realloc(d->items, cap * sizeof *items);
		kb_mention *mentions;
		if (!items)
			return KB_ENOMEM;
		d->items = items;
		mentions = realloc(d->mentions, cap * sizeof *mentions);
		if (!mentions)
			return KB_ENOMEM;
		d->mentions = mentions;
		d->cap = cap;
	}
	e = &d->items[d->count];
	m = &d->mentions[d->count];
	memset(e, 0, sizeof *e);
	memset(m, 0, sizeof *m);
	e->type = (uint8_t)type;
	e->start = start;
	e->stop = d->w.items[last].stop;
	e->id = -1;
	e->canonical = -1;
	e->title = -1;
	e->confidence = confidence;
	m->first = first;
	m->last = last;
	m->head = (size_t)-1;
	m->rank_title = -1;
	if (index)
		*index = d->count;
	d->count++;
	return KB_OK;
}

static void claim(kb_doc *d, size_t first, size_t last, size_t entity)
{
	size_t k;
	for (k = first; k <= last; k++)
		d->owner[k] = (int32_t)entity;
}

static int free_word(const kb_doc *d, size_t i)
{
	return i < d->w.count && d->owner[i] < 0;
}

static int joined(const kb_doc *d, size_t i)
{
	return i < d->w.count && !(d->w.items[i].gap & KB_GAP_ANY);
}

static void set_country(kb_entity *e, const char *code)
{
	if (code && code[0]) {
		memcpy(e->country, code, 3);
		e->country[3] = 0;
	}
}

/* The country of a gazetteer entry: for shared names (طرابلس: LBY, LBN),
 * the one the article names more often as a country or nationality. */
static const char *entry_country(const kb_doc *d, const kb_gazetteer_entry *e)
{
	if (e->country2[0] && kb_doc_country_votes(d, e->country2) > kb_doc_country_votes(d, e->country))
		return e->country2;
	return e->country;
}

static int starts_with_article(const char *key, size_t n)
{
	return n > 4 && memcmp(key, "ال", 4) == 0;
}

/* The key of word i as the gazetteer matched it (proclitics removed). */
static int entry_is_definite(const kb_gazetteer_entry *e)
{
	return e && starts_with_article(e->key, e->len);
}

/* ==================================================================== */
/* Pass: dates, times                                                    */
/* ==================================================================== */

static kb_status find_dates(kb_doc *d)
{
	size_t i = 0;
	while (i < d->w.count) {
		kb_date_match m;
		size_t index;
		kb_status st;
		if (!free_word(d, i)) {
			i++;
			continue;
		}
		st = kb_date_match_at(&d->w, i, d->kinds[i], d->has_ref ? &d->ref : NULL, &d->cal, &m);
		if (st != KB_OK)
			return st;
		if (!m.words) {
			i++;
			continue;
		}
		st = kb_doc_add(d, m.type, i, i + m.words - 1, m.start, 0.9f, &index);
		if (st != KB_OK)
			return st;
		memcpy(d->items[index].value, m.value, sizeof m.value);
		claim(d, i, i + m.words - 1, index);
		i += m.words;
	}
	return KB_OK;
}

/* ==================================================================== */
/* Pass: numbers, money, percentages                                     */
/* ==================================================================== */

typedef struct {
	const char *key;
	const char *code;
} currency;

static const currency currencies[] = {
	{"دولار", "USD"}, {"دولارا", "USD"}, {"دولارات", "USD"}, {"يورو", "EUR"},
	{"جنيه", "EGP"}, {"جنيها", "EGP"}, {"جنيهات", "EGP"}, {"ريال", "SAR"}, {"ريالا", "SAR"},
	{"ريالات", "SAR"}, {"درهم", "AED"}, {"درهما", "AED"}, {"دراهم", "AED"},
	{"دينار", ""}, {"دينارا", ""}, {"دنانير", ""}, {"ليره", ""}, {"ليرات", ""},
	{"استرليني", "GBP"}, {"ين", "JPY"}, {"روبل", "RUB"}, {"يوان", "CNY"},
};

static const currency scales[] = {
	{"الف", "1000"}, {"الاف", "1000"}, {"مليون", "1000000"}, {"ملايين", "1000000"},
	{"مليار", "1000000000"}, {"مليارات", "1000000000"}, {"بليون", "1000000000"},
	{"ترليون", "1000000000000"}, {"تريليون", "1000000000000"},
};

static const currency *find_in(const currency *table, size_t count, const char *key, size_t n)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (strlen(table[i].key) == n && memcmp(table[i].key, key, n) == 0)
			return &table[i];
	return NULL;
}

static int word_is(const kb_doc *d, size_t i, const char *folded)
{
	size_t n = strlen(folded);
	return i < d->w.count && d->w.items[i].key_len == n && memcmp(kb_word_key(&d->w, i), folded, n) == 0;
}

/* The number of a digit word's key: 1,500.5 → 1500.5; ١٫٥ → 1.5. */
static double number_of(const char *key, size_t n)
{
	char buf[64];
	size_t i, len = 0;
	for (i = 0; i < n && len + 1 < sizeof buf; i++) {
		unsigned char c = (unsigned char)key[i];
		if (c >= '0' && c <= '9')
			buf[len++] = (char)c;
		else if (c == '.' || (c == 0xD9 && i + 1 < n && (unsigned char)key[i + 1] == 0xAB))
			buf[len++] = '.';
		/* ',' and ٬ group thousands: dropped */
	}
	buf[len] = 0;
	return strtod(buf, NULL);
}

static void format_number(double v, char out[32])
{
	snprintf(out, 32, "%.15g", v);
}

/* The words after number i: a scale (مليون), a currency (دولار [أمريكي]) or
 * a percent sign/phrase. Sets the type and value; returns the last word. */
static size_t number_tail(kb_doc *d, size_t i, double v, int *type, char value[32])
{
	size_t last = i;
	const currency *scale, *money;
	const kb_word *next;
	*type = KB_ENT_NUM;
	if (joined(d, last + 1) &&
	    (scale = find_in(scales, sizeof scales / sizeof scales[0], kb_word_key(&d->w, last + 1),
	                     d->w.items[last + 1].key_len)) != NULL) {
		v *= strtod(scale->code, NULL);
		last++;
	}
	next = last + 1 < d->w.count ? &d->w.items[last + 1] : NULL;
	if (d->w.items[i].stop < d->n && (d->s[d->w.items[last].stop] == '%' ||
	    (d->w.items[last].stop + 1 < d->n && (unsigned char)d->s[d->w.items[last].stop] == 0xD9 &&
	     (unsigned char)d->s[d->w.items[last].stop + 1] == 0xAA))) {
		*type = KB_ENT_PERCENT;
	} else if (joined(d, last + 1) && word_is(d, last + 1, "في") && joined(d, last + 2) &&
	           (word_is(d, last + 2, "المايه") || word_is(d, last + 2, "الميه"))) {
		*type = KB_ENT_PERCENT;
		last += 2;
	} else if (joined(d, last + 1) &&
	           (word_is(d, last + 1, "بالمايه") || word_is(d, last + 1, "بالميه"))) {
		*type = KB_ENT_PERCENT;
		last += 1;
	} else if (next && joined(d, last + 1) &&
	           (money = find_in(currencies, sizeof currencies / sizeof currencies[0],
	                            kb_word_key(&d->w, last + 1), next->key_len)) != NULL) {
		*type = KB_ENT_MONEY;
		last++;
		format_number(v, value);
		if (money->code[0]) {
			size_t len = strlen(value);
			snprintf(value + len, 32 - len, " %s", money->code);
		}
		return last;
	}
	format_number(v, value);
	return last;
}

/* Word j is a scale (مليون) or a currency (دولار). */
static int scale_or_currency(const kb_doc *d, size_t j)
{
	const char *key = kb_word_key(&d->w, j);
	size_t n = d->w.items[j].key_len;
	return find_in(scales, sizeof scales / sizeof scales[0], key, n) ||
	       find_in(currencies, sizeof currencies / sizeof currencies[0], key, n);
}

/* The value of a number at word i: digits, or a number word before a
 * scale or a currency (ثلاثة ملايين دولار); -1 when none. */
static double number_at(const kb_doc *d, size_t i)
{
	long v;
	if (d->w.items[i].shape == KB_SHAPE_DIGITS)
		return number_of(kb_word_key(&d->w, i), d->w.items[i].key_len);
	if (d->w.items[i].shape != KB_SHAPE_ARABIC || !joined(d, i + 1) || !scale_or_currency(d, i + 1))
		return -1;
	v = kb_number_word(kb_word_key(&d->w, i), d->w.items[i].key_len);
	return v > 0 ? (double)v : -1;
}

static kb_status find_numbers(kb_doc *d)
{
	size_t i;
	for (i = 0; i < d->w.count; i++) {
		int type;
		char value[32];
		size_t last, index;
		kb_status st;
		double v;
		if (!free_word(d, i) || (v = number_at(d, i)) < 0)
			continue;
		last = number_tail(d, i, v, &type, value);
		st = kb_doc_add(d, type, i, last, d->w.items[i].start, 0.95f, &index);
		if (st != KB_OK)
			return st;
		if (type == KB_ENT_PERCENT && last == i && d->s[d->w.items[i].stop] == '%')
			d->items[index].stop++;
		else if (type == KB_ENT_PERCENT && last == i)
			d->items[index].stop += 2;
		memcpy(d->items[index].value, value, 32);
		claim(d, i, last, index);
		i = last;
	}
	return KB_OK;
}

/* ==================================================================== */
/* Pass: known multiword names                                           */
/* ==================================================================== */

static int type_of_entry(const kb_gazetteer_entry *e)
{
	if (e->kinds & KB_GZ_ORG)
		return KB_ENT_ORG;
	if (e->kinds & KB_GZ_PERSON)
		return KB_ENT_PERS;
	if (e->kinds & KB_GZ_NORP)
		return KB_ENT_NORP;
	return KB_ENT_LOC;
}

#define NAME_KINDS (KB_GZ_ORG | KB_GZ_PERSON | KB_GZ_COUNTRY | KB_GZ_PLACE | KB_GZ_REGION)

/* Gazetteer names of `min_words` words or more over free words. */
static kb_status find_known_names(kb_doc *d, unsigned kinds, size_t min_words)
{
	size_t i = 0;
	while (i < d->w.count) {
		kb_gazetteer_match m;
		size_t index, k;
		kb_status st;
		int all_free = 1;
		if (!free_word(d, i) || !d->kinds[i] ||
		    !kb_gazetteer_match_at(&d->w, i, kinds, 8, &m) || m.words < min_words) {
			i++;
			continue;
		}
		for (k = i; k < i + m.words; k++)
			all_free &= free_word(d, k);
		if (!all_free) {
			i++;
			continue;
		}
		st = kb_doc_add(d, type_of_entry(m.entry), i, i + m.words - 1, m.start, 0.9f, &index);
		if (st != KB_OK)
			return st;
		set_country(&d->items[index], entry_country(d, m.entry));
		d->items[index].sector = m.entry->sector;
		d->mentions[index].national = (m.entry->kinds & KB_GZ_NORP) != 0;
		d->mentions[index].known = 1;
		claim(d, i, i + m.words - 1, index);
		i += m.words;
	}
	return KB_OK;
}

/* ==================================================================== */
/* Pass: organisations by rule                                           */
/* ==================================================================== */

#define MODIFIER_KINDS (KB_GZ_NORP | KB_GZ_ADJECTIVE)

/* Adjectives (and nationalities) after word i; returns the last word of the
 * run and counts the nationalities in it. `definite` asks for ال forms. */
static size_t modifier_run(const kb_doc *d, size_t i, int definite, size_t *nationals,
                           size_t *first_national)
{
	size_t j = i;
	*nationals = 0;
	while (j + 1 < d->w.count && joined(d, j + 1) && free_word(d, j + 1) &&
	       (d->kinds[j + 1] & MODIFIER_KINDS) && j - i < 5 &&
	       entry_is_definite(d->entries[j + 1]) == definite) {
		j++;
		if (d->kinds[j] & KB_GZ_NORP) {
			if (!(*nationals)++)
				*first_national = j;
		}
	}
	return j;
}

/* An organisation starting at word i: a definite head with a nationality
 * (البرلمان الليبي), an indefinite head with a definite complement (جهاز
 * المخابرات العامة), or a delegation (وفد أمني مصري). Returns its last word
 * and the word giving its country (or (size_t)-1), or i when none. */
static size_t organisation_at(const kb_doc *d, size_t i, size_t *national)
{
	unsigned k = d->kinds[i];
	int definite = entry_is_definite(d->entries[i]);
	size_t last, count, first_national = (size_t)-1;
	*national = (size_t)-1;
	if (!(k & (KB_GZ_ORG_HEAD | KB_GZ_PORTFOLIO | KB_GZ_GROUP)))
		return i;
	if (definite || (k & KB_GZ_GROUP)) {
		last = modifier_run(d, i, definite, &count, &first_national);
		if (!count)
			return i;
		*national = first_national;
		return last;
	}
	if (!(k & KB_GZ_ORG_HEAD) || !joined(d, i + 1) || !free_word(d, i + 1) ||
	    d->w.items[i + 1].shape != KB_SHAPE_ARABIC || (d->kinds[i + 1] & KB_GZ_STOP))
		return i;
	if (d->kinds[i + 1] & (KB_GZ_COUNTRY | KB_GZ_PLACE)) {
		*national = i + 1;
		return i + 1;
	}
	if (!starts_with_article(kb_word_key(&d->w, i + 1), d->w.items[i + 1].key_len) ||
	    (d->kinds[i + 1] & (KB_GZ_NORP | KB_GZ_DATE)))
		return i;
	last = modifier_run(d, i + 1, 1, &count, &first_national);
	if (count)
		*national = first_national;
	return last;
}

static kb_status find_organisations(kb_doc *d)
{
	size_t i = 0;
	while (i < d->w.count) {
		size_t national, last, index;
		kb_status st;
		kb_entity *e;
		if (!free_word(d, i) || (last = organisation_at(d, i, &national)) == i) {
			i++;
			continue;
		}
		st = kb_doc_add(d, KB_ENT_ORG, i, last, kb_doc_word_start(d, i), 0.75f, &index);
		if (st != KB_OK)
			return st;
		e = &d->items[index];
		e->sector = d->entries[i]->sector;
		if (national != (size_t)-1 && d->entries[national]) {
			set_country(e, entry_country(d, d->entries[national]));
			d->mentions[index].national = (d->kinds[national] & KB_GZ_NORP) != 0;
		}
		d->mentions[index].head = i;
		d->mentions[index].group = (d->kinds[i] & KB_GZ_GROUP) != 0;
		claim(d, i, last, index);
		i = last + 1;
	}
	return KB_OK;
}

/* ==================================================================== */
/* Pass: titles and the persons they precede                             */
/* ==================================================================== */

#define COMPLEMENT_KINDS (KB_GZ_PORTFOLIO | KB_GZ_ORG_HEAD | KB_GZ_ADJECTIVE | KB_GZ_NORP | \
                          KB_GZ_COUNTRY | KB_GZ_PLACE | KB_GZ_REGION | KB_GZ_ORG)

/* Words a title's complement may take: ministries, bodies, adjectives,
 * nationalities, places, and organisations already found. */
static int complement_word(const kb_doc *d, size_t j)
{
	int32_t owner = d->owner[j];
	if (owner >= 0)
		return d->items[owner].type == KB_ENT_ORG || d->items[owner].type == KB_ENT_LOC;
	return (d->kinds[j] & COMPLEMENT_KINDS) &&
	       !(d->kinds[j] & (KB_GZ_STOP | KB_GZ_DATE | KB_GZ_RANK | KB_GZ_OFFICE));
}

/* نظيره, نظيرها, نظيريه (his counterpart), with proclitics. */
static int counterpart_at(const kb_doc *d, size_t i)
{
	kb_clitic_form forms[3];
	const char *key = kb_word_key(&d->w, i);
	size_t n = d->w.items[i].key_len, count, f;
	/* نظير at the start, or after one or two proclitic letters */
	if (n < 10 || (memcmp(key, "نظير", 8) && memcmp(key + 2, "نظير", 8) &&
	               (n < 12 || memcmp(key + 4, "نظير", 8))))
		return 0;
	count = kb_clitic_forms(key, n, forms);
	for (f = 0; f < count; f++)
		if (forms[f].len > 8 && forms[f].len <= 12 && memcmp(forms[f].text, "نظير", 8) == 0)
			return 1;
	return 0;
}

/* بال, وال, فال, كال, لل: a proclitic before the article, never a name. */
static int clitic_and_article(const char *key, size_t n)
{
	static const char *const starts[] = { "بال", "وال", "فال", "كال", "لل" };
	size_t k;
	for (k = 0; k < sizeof starts / sizeof starts[0]; k++)
		if (n > strlen(starts[k]) + 2 && memcmp(key, starts[k], strlen(starts[k])) == 0)
			return 1;
	return 0;
}

/* وتحيات, وأكد: a word of five letters or more that begins with the
 * conjunction و (names that begin with و are short: وليد, وائل, وفاء). */
static int conjunction_first(const kb_doc *d, size_t i)
{
	return d->w.items[i].key_len >= 10 && memcmp(kb_word_key(&d->w, i), "و", 2) == 0;
}

/* Words of a name after a title: up to four words, not crossing
 * punctuation, stop words, other titles, dates or a conjunction (و). */
static size_t name_after(const kb_doc *d, size_t p)
{
	size_t q = p;
	while (q < d->w.count && q - p < 4 && free_word(d, q) &&
	       d->w.items[q].shape == KB_SHAPE_ARABIC && (q == p || joined(d, q)) &&
	       !(d->kinds[q] & (KB_GZ_STOP | KB_GZ_RANK | KB_GZ_OFFICE | KB_GZ_ORG_HEAD |
	                        KB_GZ_PORTFOLIO | KB_GZ_NORP | KB_GZ_COUNTRY | KB_GZ_DATE |
	                        KB_GZ_GROUP))) {
		if (q > p && memcmp(kb_word_key(&d->w, q), "و", 2) == 0 && d->w.items[q].key_len > 4)
			break;
		if (clitic_and_article(kb_word_key(&d->w, q), d->w.items[q].key_len))
			break;
		/* a name rarely begins with ال (الآثار, السوق): unless the tagger
		 * says it is one */
		if (q == p && (starts_with_article(kb_word_key(&d->w, q), d->w.items[q].key_len) ||
		               conjunction_first(d, q)) &&
		    !(d->labels && d->labels[q] == KB_NER_B_PERS))
			break;
		q++;
	}
	return q - p;
}

/* The sector and country a title's words give (وزير الداخلية الليبي: COP,
 * LBY). */
static void describe_title(kb_doc *d, size_t index, size_t first, size_t last, uint8_t sector)
{
	kb_entity *e = &d->items[index];
	size_t j;
	e->sector = sector;
	for (j = first; j <= last; j++) {
		int32_t owner = d->owner[j];
		const kb_gazetteer_entry *g = d->entries[j];
		if (j > first && g && (g->kinds & (KB_GZ_PORTFOLIO | KB_GZ_ORG_HEAD)) && g->sector &&
		    e->sector == KB_SECTOR_GOV)
			e->sector = g->sector;
		if (e->country[0])
			continue;
		if (owner >= 0 && d->items[owner].country[0] && d->items[owner].type != KB_ENT_TITLE) {
			set_country(e, d->items[owner].country);
			d->mentions[index].national = d->mentions[owner].national;
		} else if (g && (g->kinds & (KB_GZ_NORP | KB_GZ_COUNTRY | KB_GZ_PLACE)) && g->country[0]) {
			set_country(e, entry_country(d, g));
			d->mentions[index].national = (g->kinds & KB_GZ_NORP) != 0;
		}
	}
}

/* A title at word i: returns its last word and sets *rank, or i - 1. */
static size_t title_at(const kb_doc *d, size_t i, int *rank, uint8_t *sector, uint32_t *start)
{
	kb_gazetteer_match m;
	size_t last;
	*rank = 0;
	*sector = KB_SECTOR_DIP;
	*start = kb_doc_word_start(d, i);
	if (counterpart_at(d, i)) {
		last = i;
		if (joined(d, i + 1) && (d->kinds[i + 1] & (KB_GZ_NORP | KB_GZ_COUNTRY)))
			last++;
		return last;
	}
	if (!(d->kinds[i] & (KB_GZ_RANK | KB_GZ_OFFICE | KB_GZ_PREFIX)) ||
	    !kb_gazetteer_match_at(&d->w, i, KB_GZ_RANK | KB_GZ_OFFICE, 4, &m))
		return i - 1;
	*sector = m.entry->sector;
	*start = m.start;
	last = i + m.words - 1;
	if (m.entry->kinds & KB_GZ_RANK) {
		*rank = 1;
		return last;
	}
	while (last + 1 < d->w.count && joined(d, last + 1) && last + 1 - i < 7 &&
	       complement_word(d, last + 1))
		last++;
	return last;
}

/* The title a person takes: an office title right before ", rank" wins
 * over the rank (رئيس المخابرات العامة المصرية، اللواء عباس كامل). */
static size_t governing_title(const kb_doc *d, size_t title, size_t first)
{
	size_t k;
	if (!(d->w.items[first].gap & KB_GAP_COMMA) || (d->w.items[first].gap & ~KB_GAP_COMMA) ||
	    first == 0)
		return title;
	for (k = title; k-- > 0 && title - k < 50;) {
		if (d->items[k].type != KB_ENT_TITLE)
			continue;
		if (d->mentions[k].last == first - 1 && !d->mentions[k].rank)
			return k;
		break;
	}
	return title;
}

/* How many of the `words` name words after a title to keep, by the
 * tagger's reading: its PERS span when it starts one
 * there (and a last word before punctuation); else two words exactly (one ordinary word after a title is more
 * often a verb or a noun than a name), or none. */
static size_t tagger_name_words(const kb_doc *d, size_t p, size_t words)
{
	size_t k = 1;
	if (!d->labels)
		return words;
	if (d->labels[p] == KB_NER_B_PERS) {
		while (k < words && d->labels[p + k] == KB_NER_I_PERS)
			k++;
		/* one more word that punctuation closes (عباس كامل،) is the name's */
		if (words == k + 1 && !joined(d, p + words))
			k = words;
		return k;
	}
	return words >= 2 ? 2 : 0;
}

static kb_status attach_person(kb_doc *d, size_t title, size_t p)
{
	size_t words, index;
	int32_t owner;
	kb_status st;
	if (p >= d->w.count || !joined(d, p))
		return KB_OK;
	owner = d->owner[p];
	if (owner >= 0 && d->items[owner].type == KB_ENT_PERS) {
		d->items[owner].title = (int32_t)governing_title(d, title, d->mentions[title].first);
		return KB_OK;
	}
	words = tagger_name_words(d, p, name_after(d, p));
	if (!words)
		return KB_OK;
	/* the tagger confirms or doubts the name */
	st = kb_doc_add(d, KB_ENT_PERS, p, p + words - 1, d->w.items[p].start,
	                d->labels && d->labels[p] != KB_NER_B_PERS ? 0.5f : 0.75f, &index);
	if (st != KB_OK)
		return st;
	d->items[index].title = (int32_t)governing_title(d, title, d->mentions[title].first);
	if ((size_t)d->items[index].title != title)
		d->mentions[index].rank_title = (int32_t)title;
	claim(d, p, p + words - 1, index);
	return KB_OK;
}

/* Word i continues a name (ولد الشيخ أحمد, بن الأمير): no title there. */
static int inside_name(const kb_doc *d, size_t i)
{
	static const char *const links[] = { "ولد", "بن", "ابن", "ابو", "عبد", "ال", "بنت" };
	size_t k;
	if (i == 0 || !joined(d, i))
		return 0;
	for (k = 0; k < sizeof links / sizeof links[0]; k++)
		if (word_is(d, i - 1, links[k]))
			return 1;
	return 0;
}

/* نظيره holds the same office as the title before it. */
static uint8_t counterpart_sector(const kb_doc *d, size_t index, uint8_t sector)
{
	size_t k;
	if (!d->mentions[index].counterpart)
		return sector;
	for (k = index; k-- > 0 && index - k < 50;)
		if (d->items[k].type == KB_ENT_TITLE && !d->mentions[k].counterpart)
			return d->items[k].sector;
	return sector;
}

static kb_status find_titles(kb_doc *d)
{
	size_t i = 0;
	while (i < d->w.count) {
		int rank, next_rank;
		uint8_t sector, next_sector;
		uint32_t start, next_start;
		size_t last, index;
		kb_status st;
		int32_t owner = d->owner[i];
		if ((owner >= 0 && d->items[owner].type != KB_ENT_ORG && d->items[owner].type != KB_ENT_LOC) ||
		    d->w.items[i].shape != KB_SHAPE_ARABIC || inside_name(d, i) ||
		    (last = title_at(d, i, &rank, &sector, &start)) + 1 == i) {
			i++;
			continue;
		}
		/* a bare office word (رئيس) with neither complement nor name is no title */
		if (!rank && last == i && !counterpart_at(d, i) && !name_after(d, i + 1)) {
			i++;
			continue;
		}
		st = kb_doc_add(d, KB_ENT_TITLE, i, last, start, 0.8f, &index);
		if (st != KB_OK)
			return st;
		d->mentions[index].rank = rank;
		d->mentions[index].counterpart = counterpart_at(d, i);
		memset(d->titled + i, 1, last - i + 1);
		describe_title(d, index, i, last, counterpart_sector(d, index, sector));
		/* سمو ولي العهد: another title follows, and the person after it */
		if (joined(d, last + 1) && d->w.items[last + 1].shape == KB_SHAPE_ARABIC &&
		    title_at(d, last + 1, &next_rank, &next_sector, &next_start) > last) {
			i = last + 1;
			continue;
		}
		st = attach_person(d, index, last + 1);
		if (st != KB_OK)
			return st;
		i = last + 1;
	}
	return KB_OK;
}

/* ==================================================================== */
/* Pass: quoted names of operations and events                           */
/* ==================================================================== */

static const char *const event_heads[] = { "عمليه", "معركه", "حمله", "مبادره", "خطه", "مؤتمر" };

static int event_head(const kb_doc *d, size_t i)
{
	kb_clitic_form forms[3];
	size_t count = kb_clitic_forms(kb_word_key(&d->w, i), d->w.items[i].key_len, forms), f, h;
	for (f = 0; f < count; f++)
		for (h = 0; h < sizeof event_heads / sizeof event_heads[0]; h++)
			if (forms[f].len == strlen(event_heads[h]) &&
			    memcmp(forms[f].text, event_heads[h], forms[f].len) == 0)
				return 1;
	return 0;
}

static kb_status find_quoted_names(kb_doc *d)
{
	size_t i;
	for (i = 0; i + 1 < d->w.count; i++) {
		size_t last, index, k;
		kb_status st;
		if (!(d->w.items[i + 1].gap & KB_GAP_QUOTE) || !event_head(d, i))
			continue;
		for (last = i + 1; last + 1 < d->w.count && last - i < 5 && joined(d, last + 1); last++)
			;
		if (last + 1 < d->w.count && !(d->w.items[last + 1].gap & KB_GAP_QUOTE) &&
		    d->w.items[last].stop < d->n && d->s[d->w.items[last].stop] != '"' &&
		    (unsigned char)d->s[d->w.items[last].stop] != 0xC2)
			continue;
		for (k = i + 1; k <= last && free_word(d, k); k++)
			;
		if (k <= last)
			continue;
		st = kb_doc_add(d, KB_ENT_MISC, i + 1, last, d->w.items[i + 1].start, 0.7f, &index);
		if (st != KB_OK)
			return st;
		claim(d, i + 1, last, index);
	}
	return KB_OK;
}

/* ==================================================================== */
/* Pass: single words (places, nationalities, known names)               */
/* ==================================================================== */

/* Word i follows a definite noun it can qualify (الحكومة السعودية). */
static int after_definite_noun(const kb_doc *d, size_t i)
{
	return i > 0 && joined(d, i) && d->w.items[i - 1].shape == KB_SHAPE_ARABIC &&
	       (starts_with_article(kb_word_key(&d->w, i - 1), d->w.items[i - 1].key_len) ||
	        d->letters[i - 1] || (d->kinds[i - 1] & (KB_GZ_ORG_HEAD | KB_GZ_GROUP))) &&
	       !(d->kinds[i - 1] & (KB_GZ_STOP | KB_GZ_DATE));
}

static kb_status find_single_words(kb_doc *d)
{
	size_t i;
	for (i = 0; i < d->w.count; i++) {
		const kb_gazetteer_entry *g = d->entries[i];
		size_t index;
		int type;
		kb_status st;
		if (!free_word(d, i) || !g || !(g->kinds & (NAME_KINDS | KB_GZ_NORP)))
			continue;
		type = type_of_entry(g);
		if (type == KB_ENT_NORP && (g->kinds & KB_GZ_COUNTRY) && !after_definite_noun(d, i))
			type = KB_ENT_LOC; /* السعودية: the country, unless it qualifies a noun */
		st = kb_doc_add(d, type, i, i, kb_doc_word_start(d, i),
		                type == KB_ENT_NORP ? 0.85f : 0.9f, &index);
		if (st != KB_OK)
			return st;
		set_country(&d->items[index], entry_country(d, g));
		d->items[index].sector = g->sector;
		d->mentions[index].national = type == KB_ENT_NORP;
		d->mentions[index].known = (g->kinds & (KB_GZ_ORG | KB_GZ_PERSON)) != 0;
		claim(d, i, i, index);
	}
	return KB_OK;
}

/* ==================================================================== */
/* The tagger's persons, places, organisations                           */
/* ==================================================================== */

static kb_status find_tagged(kb_doc *d)
{
	size_t i = 0;
	kb_status st = KB_OK;
	if (!d->labels)
		return KB_OK;
	while (i < d->w.count) {
		uint8_t label = d->labels[i];
		size_t last = i, k, index;
		int type, all_free = 1;
		if (label == KB_NER_O || !(label & 1)) {
			i++;
			continue;
		}
		while (last + 1 < d->w.count && d->labels[last + 1] == label + 1)
			last++;
		for (k = i; k <= last; k++)
			all_free &= free_word(d, k) && !d->titled[k] && !(d->kinds[k] & (KB_GZ_STOP | KB_GZ_DATE));
		type = (label + 1) / 2 == 1 ? KB_ENT_PERS : (label + 1) / 2 == 2 ? KB_ENT_LOC
		       : (label + 1) / 2 == 3 ? KB_ENT_ORG : KB_ENT_MISC;
		if (all_free) {
			st = kb_doc_add(d, type, i, last, kb_doc_word_start(d, i), 0.6f, &index);
			if (st != KB_OK)
				return st;
			claim(d, i, last, index);
		}
		i = last + 1;
	}
	return KB_OK;
}

/* ==================================================================== */
/* Driver                                                                */
/* ==================================================================== */

static kb_status prepare(kb_doc *d)
{
	size_t i;
	kb_status st = kb_words_scan(d->s, d->n, &d->w);
	if (st != KB_OK)
		return st;
	if (!d->w.count)
		return KB_OK;
	d->owner = malloc(d->w.count * sizeof *d->owner);
	d->kinds = malloc(d->w.count * sizeof *d->kinds);
	d->entries = malloc(d->w.count * sizeof *d->entries);
	d->letters = malloc(d->w.count * sizeof *d->letters);
	d->titled = calloc(d->w.count, 1);
	if (!d->owner || !d->kinds || !d->entries || !d->letters || !d->titled)
		return KB_ENOMEM;
	for (i = 0; i < d->w.count; i++) {
		kb_gazetteer_match m;
		d->owner[i] = -1;
		d->entries[i] = NULL;
		d->kinds[i] = 0;
		d->letters[i] = 0;
		/* one lookup serves most words; a bare phrase prefix (ولي of ولي
		 * العهد) asks again for a form with a role of its own */
		if (!kb_gazetteer_match_at(&d->w, i, 0xFFFFu, 1, &m))
			continue;
		if (m.entry->kinds == KB_GZ_PREFIX) {
			kb_gazetteer_match role;
			if (!kb_gazetteer_match_at(&d->w, i, (unsigned)~KB_GZ_PREFIX & 0xFFFFu, 1, &role)) {
				d->kinds[i] = KB_GZ_PREFIX;
				continue;
			}
			m = role;
		}
		d->entries[i] = m.entry;
		d->kinds[i] = m.entry->kinds;
		d->letters[i] = (uint8_t)m.prefix_letters;
	}
	return kb_doc_count_countries(d);
}

uint32_t kb_doc_word_start(const kb_doc *d, size_t i)
{
	return d->letters[i] ? kb_word_offset_after(&d->w, i, d->letters[i]) : d->w.items[i].start;
}

static kb_status run_passes(kb_doc *d)
{
	kb_status st = prepare(d);
	if (st == KB_OK && d->w.count) {
		if (st == KB_OK) st = kb_doc_tag(d);
		if (st == KB_OK) st = find_dates(d);
		if (st == KB_OK) st = find_numbers(d);
		if (st == KB_OK) st = find_known_names(d, KB_GZ_ORG | KB_GZ_PERSON, 1);
		if (st == KB_OK) st = find_known_names(d, NAME_KINDS, 2);
		if (st == KB_OK) st = find_organisations(d);
		if (st == KB_OK) st = find_titles(d);
		if (st == KB_OK) st = find_quoted_names(d);
		if (st == KB_OK) st = find_single_words(d);
		if (st == KB_OK) st = find_tagged(d);
		if (st == KB_OK) st = kb_link(d);
	}
	return st;
}

static void doc_free(kb_doc *d)
{
	kb_words_free(&d->w);
	kb_calendar_close(&d->cal);
	free(d->owner);
	free(d->kinds);
	free(d->entries);
	free(d->letters);
	free(d->titled);
	free(d->labels);
	free(d->items);
	free(d->mentions);
	free(d->votes);
}

kb_status kb_entities_extract(const char *s, size_t n, const char *ref_date, kb_entities *out)
{
	kb_doc d;
	kb_status st;
	memset(&d, 0, sizeof d);
	if (n > UINT32_MAX)
		return KB_ETOOBIG;
	if (ref_date) {
		if (kb_date_parse(ref_date, strlen(ref_date), &d.ref) != KB_OK)
			return KB_EINVAL;
		d.has_ref = 1;
	}
	d.s = s;
	d.n = n;
	st = run_passes(&d);
	if (st == KB_OK)
		st = kb_doc_output(&d, out);
	doc_free(&d);
	return st;
}
