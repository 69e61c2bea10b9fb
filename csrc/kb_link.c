/*
 * kb_link.c: linking within one article. Mentions of one person, place or
 * organisation get one id ("شكري" after "سامح شكري"); each id gets its
 * canonical (longest) name, a country and a title, which every mention
 * then carries.
 */
#include "kb_link.h"

#include <stdlib.h>
#include <string.h>

/* ==================================================================== */
/* Country counts                                                        */
/* ==================================================================== */

static kb_status add_vote(kb_doc *d, const char *code)
{
	size_t i;
	kb_country_vote *votes;
	for (i = 0; i < d->vote_count; i++)
		if (memcmp(d->votes[i].code, code, 4) == 0) {
			d->votes[i].count++;
			return KB_OK;
		}
	votes = realloc(d->votes, (d->vote_count + 1) * sizeof *votes);
	if (!votes)
		return KB_ENOMEM;
	d->votes = votes;
	memcpy(votes[d->vote_count].code, code, 4);
	votes[d->vote_count++].count = 1;
	return KB_OK;
}

kb_status kb_doc_count_countries(kb_doc *d)
{
	size_t i;
	for (i = 0; i < d->w.count; i++) {
		const kb_gazetteer_entry *e = d->entries[i];
		kb_status st;
		if (!e || !e->country[0] || e->country2[0] ||
		    !(e->kinds & (KB_GZ_COUNTRY | KB_GZ_NORP | KB_GZ_PLACE)))
			continue;
		if ((st = add_vote(d, e->country)) != KB_OK)
			return st;
	}
	return KB_OK;
}

int kb_doc_country_votes(const kb_doc *d, const char *code)
{
	size_t i;
	for (i = 0; i < d->vote_count; i++)
		if (memcmp(d->votes[i].code, code, 3) == 0)
			return d->votes[i].count;
	return 0;
}

/* ==================================================================== */
/* The statistical tagger                                                */
/* ==================================================================== */

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int ends_sentence(const char *s, size_t stop)
{
	unsigned char c = (unsigned char)s[stop - 1];
	if (c == '.' || c == '!' || c == '?')
		return 1;
	return stop >= 2 && (unsigned char)s[stop - 2] == 0xD8 && c == 0x9F; /* ؟ */
}

/* Whitespace tokens of the text (the tagger's view), with sentence starts. */
static kb_status whitespace_tokens(const kb_doc *d, kb_ner_word **tokens, size_t *count)
{
	size_t i = 0, n = 0, cap = d->w.count + 1;
	int start = 1;
	kb_ner_word *t = malloc(cap * sizeof *t);
	if (!t)
		return KB_ENOMEM;
	while (i < d->n) {
		size_t j;
		int newline = 0;
		while (i < d->n && is_space((unsigned char)d->s[i]))
			newline |= d->s[i++] == '\n';
		if (i >= d->n)
			break;
		for (j = i; j < d->n && !is_space((unsigned char)d->s[j]); j++)
			;
		if (n == cap) {
			kb_ner_word *more = realloc(t, (cap *= 2) * sizeof *t);
			if (!more) {
				free(t);
				return KB_ENOMEM;
			}
			t = more;
		}
		t[n].text = d->s + i;
		t[n].len = j - i;
		t[n].sentence_start = start || newline;
		start = ends_sentence(d->s, j);
		n++;
		i = j;
	}
	*tokens = t;
	*count = n;
	return KB_OK;
}

/* Labels of whitespace tokens onto our words: the first word of a B- token
 * keeps B-, the words after it in the same token get I-. */
static void spread_labels(kb_doc *d, const kb_ner_word *tokens, size_t count,
                          const uint8_t *token_labels)
{
	size_t i, t = 0;
	for (i = 0; i < d->w.count; i++) {
		size_t offset = d->w.items[i].start, token_start;
		while (t + 1 < count && (size_t)(tokens[t + 1].text - d->s) <= offset)
			t++;
		token_start = (size_t)(tokens[t].text - d->s);
		d->labels[i] = token_labels[t];
		if (i > 0 && (token_labels[t] & 1) && d->w.items[i - 1].start >= token_start)
			d->labels[i] = (uint8_t)(token_labels[t] + 1);
	}
}

kb_status kb_doc_tag(kb_doc *d)
{
	kb_ner_word *tokens = NULL;
	uint8_t *token_labels;
	size_t count;
	kb_status st;
	if (!d->w.count)
		return KB_OK;
	if ((st = whitespace_tokens(d, &tokens, &count)) != KB_OK)
		return st;
	token_labels = malloc(count ? count : 1);
	d->labels = malloc(d->w.count);
	if (!token_labels || !d->labels) {
		free(tokens);
		free(token_labels);
		return KB_ENOMEM;
	}
	st = kb_ner_tag(tokens, count, token_labels);
	if (st == KB_OK)
		spread_labels(d, tokens, count, token_labels);
	else {
		free(d->labels);
		d->labels = NULL;
	}
	free(tokens);
	free(token_labels);
	return st == KB_ENOMEM ? st : KB_OK;
}

/* ==================================================================== */
/* Surnames: "حفتر" after "خليفة حفتر"                                   */
/* ==================================================================== */

static int key_is(const kb_doc *d, size_t i, const char *folded)
{
	size_t n = strlen(folded);
	return d->w.items[i].key_len == n && memcmp(kb_word_key(&d->w, i), folded, n) == 0;
}

/* Word i ends a compound name (عبد العزيز, بن سلمان, أبو مازن, آل ثاني):
 * alone it names no one. */
static int compound_part(const kb_doc *d, size_t i)
{
	return i > 0 && (key_is(d, i - 1, "عبد") || key_is(d, i - 1, "بن") || key_is(d, i - 1, "ابن") ||
	                 key_is(d, i - 1, "ابو") || key_is(d, i - 1, "ال") || key_is(d, i - 1, "بنت"));
}

/* A surname with ال after a definite noun or a preposition is an
 * adjective or a noun there (في الماضي, العام الماضي), not the person. */
static int surname_position(const kb_doc *d, size_t i, const char *form)
{
	const kb_word *prev;
	if (compound_part(d, i))
		return 0;
	if (memcmp(form, "ال", 4) != 0 || i == 0)
		return 1;
	prev = &d->w.items[i - 1];
	if (d->w.items[i].gap & KB_GAP_ANY)
		return 1;
	return !(d->kinds[i - 1] & (KB_GZ_STOP | KB_GZ_DATE)) &&
	       !(prev->key_len > 4 && memcmp(kb_word_key(&d->w, i - 1), "ال", 4) == 0);
}

/* Surnames (last words of multiword persons), sorted for lookup. */
typedef struct {
	const char *key;
	size_t len;
	int32_t person;
} surname;

typedef struct {
	surname *items;
	size_t count;
} surnames;

static int compare_surname(const void *a, const void *b)
{
	const surname *x = a, *y = b;
	int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->person < y->person ? -1 : x->person > y->person; /* the first person wins */
}

static kb_status collect_surnames(const kb_doc *d, surnames *out)
{
	size_t e;
	out->count = 0;
	out->items = malloc((d->count ? d->count : 1) * sizeof *out->items);
	if (!out->items)
		return KB_ENOMEM;
	for (e = 0; e < d->count; e++) {
		const kb_mention *m = &d->mentions[e];
		if (d->items[e].type != KB_ENT_PERS || m->last == m->first || d->items[e].confidence < 0.7f ||
		    compound_part(d, m->last))
			continue;
		out->items[out->count].key = kb_word_key(&d->w, m->last);
		out->items[out->count].len = d->w.items[m->last].key_len;
		out->items[out->count++].person = (int32_t)e;
	}
	qsort(out->items, out->count, sizeof *out->items, compare_surname);
	return KB_OK;
}

/* The first multiword person whose last word is key, or -1. */
static int32_t person_with_surname(const surnames *list, const char *key, size_t n)
{
	size_t lo = 0, hi = list->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const surname *x = &list->items[mid];
		int c = memcmp(key, x->key, n < x->len ? n : x->len);
		if (c == 0)
			c = n < x->len ? -1 : n > x->len;
		if (c <= 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo < list->count && list->items[lo].len == n && memcmp(list->items[lo].key, key, n) == 0)
		return list->items[lo].person;
	return -1;
}

/* Keeps the link array (mention → the person it names) as long as the
 * mention arrays, new slots -1. */
static kb_status grow_links(const kb_doc *d, int32_t **link, size_t *link_cap)
{
	int32_t *more;
	size_t k, cap = d->cap ? d->cap : 1;
	if (*link && *link_cap >= cap)
		return KB_OK;
	more = realloc(*link, cap * sizeof *more);
	if (!more)
		return KB_ENOMEM;
	for (k = *link ? *link_cap : 0; k < cap; k++)
		more[k] = -1;
	*link = more;
	*link_cap = cap;
	return KB_OK;
}

/* Adds a PERS mention for every free word that is a known person's
 * surname (with its proclitics outside the span). */
static kb_status link_surnames(kb_doc *d, int32_t **link)
{
	size_t i, link_cap = 0;
	surnames list = { NULL, 0 };
	kb_status st = grow_links(d, link, &link_cap);
	if (st == KB_OK)
		st = collect_surnames(d, &list);
	for (i = 0; st == KB_OK && list.count && i < d->w.count; i++) {
		kb_clitic_form forms[3];
		size_t count, f, index;
		int32_t person = -1, owner = d->owner[i];
		if ((owner >= 0 && !(d->items[owner].type == KB_ENT_PERS &&
		                     d->mentions[owner].first == d->mentions[owner].last)) ||
		    d->w.items[i].shape != KB_SHAPE_ARABIC ||
		    (d->kinds[i] & (KB_GZ_AMBIGUOUS | KB_GZ_STOP | KB_GZ_DATE)))
			continue;
		count = kb_clitic_forms(kb_word_key(&d->w, i), d->w.items[i].key_len, forms);
		for (f = 0; f < count && person < 0; f++)
			person = person_with_surname(&list, forms[f].text, forms[f].len);
		if (person < 0 || person == owner ||
		    (owner < 0 && !surname_position(d, i, forms[f - 1].text)))
			continue;
		if (owner >= 0) {
			index = (size_t)owner;
			/* the tagger's span holds the whole word: leave out its proclitics */
			if (forms[f - 1].letters && d->items[index].start == d->w.items[i].start)
				d->items[index].start = kb_word_offset_after(&d->w, i, forms[f - 1].letters);
		} else {
			st = kb_doc_add(d, KB_ENT_PERS, i, i,
			                kb_word_offset_after(&d->w, i, forms[f - 1].letters), 0.7f, &index);
			if (st != KB_OK)
				break;
			d->owner[i] = (int32_t)index;
			st = grow_links(d, link, &link_cap);
		}
		if (st == KB_OK)
			(*link)[index] = person;
	}
	free(list.items);
	return st;
}

/* ==================================================================== */
/* Text order                                                            */
/* ==================================================================== */

typedef struct {
	uint32_t start, stop;
	size_t index;
} order_key;

static int compare_order(const void *a, const void *b)
{
	const order_key *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->stop != y->stop)
		return x->stop > y->stop ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorts the mentions by start (longer first) and renumbers every index
 * that points at one (titles, owners, links). */
static kb_status sort_mentions(kb_doc *d, int32_t *link)
{
	size_t i, n = d->count;
	order_key *keys = malloc((n ? n : 1) * sizeof *keys);
	size_t *position = malloc((n ? n : 1) * sizeof *position);
	kb_entity *items = malloc((n ? n : 1) * sizeof *items);
	kb_mention *mentions = malloc((n ? n : 1) * sizeof *mentions);
	int32_t *links = link ? malloc((n ? n : 1) * sizeof *links) : NULL;
	if (!keys || !position || !items || !mentions || (link && !links)) {
		free(keys), free(position), free(items), free(mentions), free(links);
		return KB_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		keys[i].start = d->items[i].start;
		keys[i].stop = d->items[i].stop;
		keys[i].index = i;
	}
	qsort(keys, n, sizeof *keys, compare_order);
	for (i = 0; i < n; i++)
		position[keys[i].index] = i;
	for (i = 0; i < n; i++) {
		items[i] = d->items[keys[i].index];
		mentions[i] = d->mentions[keys[i].index];
		if (items[i].title >= 0)
			items[i].title = (int32_t)position[items[i].title];
		if (mentions[i].rank_title >= 0)
			mentions[i].rank_title = (int32_t)position[mentions[i].rank_title];
		if (link)
			links[i] = link[keys[i].index] >= 0 ? (int32_t)position[link[keys[i].index]] : -1;
	}
	for (i = 0; i < d->w.count; i++)
		if (d->owner[i] >= 0)
			d->owner[i] = (int32_t)position[d->owner[i]];
	if (link)
		memcpy(link, links, n * sizeof *link);
	free(d->items);
	free(d->mentions);
	d->items = items;
	d->mentions = mentions;
	d->cap = n;
	free(keys), free(position), free(links);
	return KB_OK;
}

/* ==================================================================== */
/* Ids                                                                   */
/* ==================================================================== */

/* Writes the identity key of mention e into key: its type and folded text,
 * or for a described body its head (without ال) and country. */
static size_t identity_key(const kb_doc *d, size_t e, char *key, size_t cap)
{
	const kb_entity *x = &d->items[e];
	const kb_mention *m = &d->mentions[e];
	size_t len = 0;
	key[len++] = (char)('A' + x->type);
	if (m->group && m->head != (size_t)-1) {
		const kb_gazetteer_entry *g = d->entries[m->head];
		size_t skip = g->len > 4 && memcmp(g->key, "ال", 4) == 0 ? 4 : 0;
		size_t k = g->len - skip < cap - 8 ? g->len - skip : cap - 8;
		memcpy(key + len, g->key + skip, k);
		len += k;
		key[len++] = '|';
		memcpy(key + len, x->country, 3);
		return len + 3;
	}
	return len + kb_fold(d->s + x->start, x->stop - x->start, key + len, cap - len);
}

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int linkable(int type)
{
	return type == KB_ENT_PERS || type == KB_ENT_LOC || type == KB_ENT_ORG ||
	       type == KB_ENT_MISC || type == KB_ENT_NORP;
}

/* Same identity key → same id, through a hash table of first mentions. */
static kb_status assign_ids(kb_doc *d, const int32_t *link)
{
	size_t slots = 16, i;
	int32_t *table;
	int32_t next_id = 0;
	char key[256], other[256];
	while (slots < 2 * d->count)
		slots *= 2;
	table = malloc(slots * sizeof *table);
	if (!table)
		return KB_ENOMEM;
	for (i = 0; i < slots; i++)
		table[i] = -1;
	for (i = 0; i < d->count; i++) {
		size_t len, slot;
		if (!linkable(d->items[i].type) || (link && link[i] >= 0))
			continue;
		len = identity_key(d, i, key, sizeof key);
		for (slot = hash_bytes(key, len) & (slots - 1); table[slot] >= 0; slot = (slot + 1) & (slots - 1)) {
			size_t olen = identity_key(d, (size_t)table[slot], other, sizeof other);
			if (olen == len && memcmp(key, other, len) == 0)
				break;
		}
		if (table[slot] >= 0) {
			d->items[i].id = d->items[table[slot]].id;
		} else {
			table[slot] = (int32_t)i;
			d->items[i].id = next_id++;
		}
	}
	free(table);
	/* surnames take their person's id; titles their person's; the rest new ids */
	for (i = 0; link && i < d->count; i++)
		if (link[i] >= 0)
			d->items[i].id = d->items[link[i]].id;
	for (i = 0; i < d->count; i++) {
		if (d->items[i].type != KB_ENT_PERS)
			continue;
		if (d->items[i].title >= 0)
			d->items[d->items[i].title].id = d->items[i].id;
		if (d->mentions[i].rank_title >= 0)
			d->items[d->mentions[i].rank_title].id = d->items[i].id;
	}
	for (i = 0; i < d->count; i++)
		if (d->items[i].id < 0)
			d->items[i].id = next_id++;
	return KB_OK;
}

/* ==================================================================== */
/* Canonical names, titles, countries                                    */
/* ==================================================================== */

/* Per id: the longest mention, the first title, the first country. */
typedef struct {
	int32_t canonical, title, country_from;
} chain;

static void gather_chains(const kb_doc *d, chain *chains)
{
	size_t i;
	for (i = 0; i < d->count; i++) {
		const kb_entity *e = &d->items[i];
		chain *c = &chains[e->id];
		if (e->type == KB_ENT_TITLE && c->canonical >= 0 && d->items[c->canonical].type != KB_ENT_TITLE)
			continue;
		if (c->canonical < 0 || d->items[c->canonical].type == KB_ENT_TITLE ||
		    (e->type != KB_ENT_TITLE &&
		     e->stop - e->start > d->items[c->canonical].stop - d->items[c->canonical].start))
			c->canonical = (int32_t)i;
		if (c->title < 0 && e->type != KB_ENT_TITLE && e->title >= 0)
			c->title = e->title;
	}
	for (i = 0; i < d->count; i++) {
		const kb_entity *e = &d->items[i];
		chain *c = &chains[e->id];
		int32_t t = e->type == KB_ENT_PERS ? c->title : -1;
		if (c->country_from < 0 && e->country[0])
			c->country_from = (int32_t)i;
		if (c->country_from < 0 && t >= 0 && d->items[t].country[0])
			c->country_from = t;
	}
}

/* Sentence number of every word. */
static size_t *sentence_numbers(const kb_doc *d)
{
	size_t *numbers = malloc((d->w.count ? d->w.count : 1) * sizeof *numbers), i, s = 0;
	if (!numbers)
		return NULL;
	for (i = 0; i < d->w.count; i++) {
		if (i > 0 && (d->w.items[i].gap & KB_GAP_STOP))
			s++;
		numbers[i] = s;
	}
	return numbers;
}

/* How far (in mentions) context is looked for: keeps the work linear;
 * and how many words away a nationality may still qualify a mention. */
#define CONTEXT_MENTIONS 40
#define CONTEXT_WORDS 12

/* Mention e is joined by و to what precedes it (حزب الله اللبناني وقوات
 * النظام): the words before describe another party. */
static int coordinated(const kb_doc *d, size_t e)
{
	size_t first = d->mentions[e].first;
	return d->letters[first] && memcmp(kb_word_key(&d->w, first), "و", 2) == 0;
}

/* A country for mention e from its sentence: the nearest title before it
 * with a country (for a person under a rank: اللواء after an apposition),
 * else the nearest mention before it whose country is a nationality, else
 * the nearest one after it. Returns the mention or -1. */
static int32_t country_from_context(const kb_doc *d, const size_t *sentence, size_t e)
{
	size_t s = sentence[d->mentions[e].first], k;
	int32_t before, after;
	int rank_title = d->items[e].title >= 0 && d->mentions[d->items[e].title].rank;
	size_t floor = e > CONTEXT_MENTIONS ? e - CONTEXT_MENTIONS : 0;
	size_t ceiling = e + CONTEXT_MENTIONS < d->count ? e + CONTEXT_MENTIONS : d->count;
	for (k = e; rank_title && k-- > floor && sentence[d->mentions[k].first] == s;)
		if (d->items[k].type == KB_ENT_TITLE && d->items[k].country[0] &&
		    d->mentions[e].first - d->mentions[k].last < 16)
			return (int32_t)k;
	/* for an organisation, the nearest nationality within CONTEXT_WORDS,
	 * before (unless a و joins this mention to what precedes) or after; a
	 * person's nationality is not guessed from its neighbours */
	before = after = -1;
	if (d->items[e].type == KB_ENT_PERS)
		return -1;
	for (k = e; !coordinated(d, e) && k-- > floor && sentence[d->mentions[k].first] == s &&
	            d->mentions[e].first - d->mentions[k].last <= CONTEXT_WORDS;)
		if (d->mentions[k].national && d->items[k].country[0] && d->mentions[k].last < d->mentions[e].first) {
			before = (int32_t)k;
			break;
		}
	for (k = e + 1; k < ceiling && sentence[d->mentions[k].first] == s &&
	                d->mentions[k].first - d->mentions[e].last <= CONTEXT_WORDS; k++)
		if (d->mentions[k].national && d->items[k].country[0] && d->mentions[k].first > d->mentions[e].last) {
			after = (int32_t)k;
			break;
		}
	if (before >= 0 && after >= 0)
		return d->mentions[e].first - d->mentions[before].last <=
		       d->mentions[after].first - d->mentions[e].last ? before : after;
	return before >= 0 ? before : after;
	return -1;
}

static kb_status fill_chains(kb_doc *d)
{
	int32_t ids = 0;
	size_t i;
	chain *chains;
	size_t *sentence;
	for (i = 0; i < d->count; i++)
		if (d->items[i].id >= ids)
			ids = d->items[i].id + 1;
	chains = malloc((ids ? (size_t)ids : 1) * sizeof *chains);
	sentence = sentence_numbers(d);
	if (!chains || !sentence) {
		free(chains);
		free(sentence);
		return KB_ENOMEM;
	}
	for (i = 0; i < (size_t)ids; i++)
		chains[i].canonical = chains[i].title = chains[i].country_from = -1;
	gather_chains(d, chains);
	for (i = 0; i < (size_t)ids; i++) {
		chain *c = &chains[i];
		int type = c->canonical >= 0 ? d->items[c->canonical].type : -1;
		if (c->country_from < 0 && (type == KB_ENT_PERS || type == KB_ENT_ORG) &&
		    !d->mentions[c->canonical].known)
			c->country_from = country_from_context(d, sentence, (size_t)c->canonical);
	}
	for (i = 0; i < d->count; i++) {
		kb_entity *e = &d->items[i];
		chain *c = &chains[e->id];
		e->canonical = c->canonical;
		if (e->type != KB_ENT_TITLE && e->title < 0 && e->type == KB_ENT_PERS)
			e->title = c->title;
		if (!e->country[0] && c->country_from >= 0)
			memcpy(e->country, d->items[c->country_from].country, 4);
		if (e->type == KB_ENT_PERS && e->title >= 0 && !e->sector)
			e->sector = d->items[e->title].sector;
	}
	free(chains);
	free(sentence);
	return KB_OK;
}

kb_status kb_link(kb_doc *d)
{
	int32_t *link = NULL;
	kb_status st = link_surnames(d, &link);
	if (st == KB_OK)
		st = sort_mentions(d, link);
	if (st == KB_OK)
		st = assign_ids(d, link);
	if (st == KB_OK)
		st = fill_chains(d);
	free(link);
	return st;
}

/* ==================================================================== */
/* Output                                                                */
/* ==================================================================== */

/* The span starts at the second ل of a word beginning لل (ل + ال), after
 * nothing or a و/ف proclitic. */
static int elided_article(const char *s, uint32_t start, uint32_t stop)
{
	const unsigned char *u = (const unsigned char *)s;
	if (start < 2 || stop - start < 4 || u[start - 2] != 0xD9 || u[start - 1] != 0x84 ||
	    u[start] != 0xD9 || u[start + 1] != 0x84)
		return 0;
	if (start < 4)
		return 1;
	return !(u[start - 4] >= 0xD8 && u[start - 4] <= 0xDB) ||
	       (u[start - 4] == 0xD9 && (u[start - 3] == 0x88 || u[start - 3] == 0x81));
}

kb_status kb_doc_output(kb_doc *d, kb_entities *out)
{
	size_t i, base = out->count;
	if (out->cap < out->count + d->count) {
		size_t cap = out->count + d->count;
		kb_entity *items = realloc(out->items, (cap ? cap : 1) * sizeof *items);
		if (!items)
			return KB_ENOMEM;
		out->items = items;
		out->cap = cap;
	}
	for (i = 0; i < d->count; i++) {
		kb_entity e = d->items[i];
		size_t len = e.stop - e.start;
		kb_status st = kb_buf_reserve(&out->text, len + 2);
		if (st != KB_OK)
			return st;
		e.norm = (uint32_t)out->text.len;
		e.norm_len = 0;
		if (elided_article(d->s, e.start, e.stop)) {
			/* للخارجية: the span starts at the article's ل; its alef is restored */
			memcpy(out->text.data + out->text.len, "\xD8\xA7", 2);
			e.norm_len = 2;
		}
		e.norm_len += (uint32_t)kb_fold(d->s + e.start, len, out->text.data + out->text.len + e.norm_len, len);
		out->text.len += e.norm_len;
		if (e.title >= 0)
			e.title += (int32_t)base;
		if (e.canonical >= 0)
			e.canonical += (int32_t)base;
		out->items[out->count++] = e;
	}
	return KB_OK;
}
