/*
 * ner_common.h: helpers shared by the NER development tools (not the
 * engine): bucketed hash tables emitted as C arrays, and die-on-failure
 * allocation. Tools only; the engine reads the emitted tables.
 */
#ifndef NER_COMMON_H
#define NER_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static inline void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return p;
}

static inline void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return p;
}

static inline void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return p;
}

/* One entry of a bucketed table: its full hash and its index in the
 * caller's payload. */
typedef struct {
	uint32_t hash;
	uint32_t index;
} ner_entry;

static inline int ner_entry_cmp(const void *a, const void *b)
{
	uint32_t x = ((const ner_entry *)a)->hash, y = ((const ner_entry *)b)->hash;
	return x < y ? -1 : x > y;
}

/* Sorts entries by hash (so by bucket) and drops entries whose bucket and
 * 16-bit key repeat an earlier one (the lookup could not tell them apart). */
static inline size_t ner_entries_sort(ner_entry *e, size_t n, unsigned bits)
{
	size_t i, out = 0;
	qsort(e, n, sizeof *e, ner_entry_cmp);
	for (i = 0; i < n; i++) {
		if (out > 0 && (e[out - 1].hash >> (32 - bits)) == (e[i].hash >> (32 - bits)) &&
		    (e[out - 1].hash & 0xFFFF) == (e[i].hash & 0xFFFF))
			continue;
		e[out++] = e[i];
	}
	return out;
}

static inline void emit_u32_array(FILE *f, const char *name, const uint32_t *v, size_t n)
{
	size_t i;
	fprintf(f, "static const uint32_t %s[%zu] = {", name, n ? n : 1);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%u,", i % 16 ? "" : "\n", v[i]);
	fprintf(f, "%s\n};\n", n ? "" : "0");
}

static inline void emit_u16_array(FILE *f, const char *name, const uint16_t *v, size_t n)
{
	size_t i;
	fprintf(f, "static const uint16_t %s[%zu] = {", name, n ? n : 1);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%u,", i % 20 ? "" : "\n", v[i]);
	fprintf(f, "%s\n};\n", n ? "" : "0");
}

/* Emits NAME_first[2^bits + 1] and NAME_key[n] for sorted entries. */
static inline void emit_table(FILE *f, const char *name, const ner_entry *e, size_t n, unsigned bits)
{
	size_t buckets = (size_t)1 << bits, b, i = 0;
	uint32_t *first = xmalloc((buckets + 1) * sizeof *first);
	uint16_t *keys = xmalloc((n ? n : 1) * sizeof *keys);
	char buf[128];
	for (b = 0; b <= buckets; b++) {
		while (i < n && (e[i].hash >> (32 - bits)) < b)
			i++;
		first[b] = (uint32_t)i;
	}
	first[buckets] = (uint32_t)n;
	for (i = 0; i < n; i++)
		keys[i] = (uint16_t)(e[i].hash & 0xFFFF);
	snprintf(buf, sizeof buf, "%s_first", name);
	emit_u32_array(f, buf, first, buckets + 1);
	snprintf(buf, sizeof buf, "%s_key", name);
	emit_u16_array(f, buf, keys, n);
	free(first);
	free(keys);
}

#endif
