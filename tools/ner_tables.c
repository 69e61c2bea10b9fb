/*
 * ner_tables.c: compiles the tagger's word lists into csrc/gen/ner_lexicon.h.
 *
 *   ner_tables CLUSTERS.tsv CORPUS.tsv LEXICON.tsv... > csrc/gen/ner_lexicon.h
 *
 * CLUSTERS.tsv: stem <TAB> cluster (search forms, from
 * tools/ner_corpus.c). LEXICON.tsv: word <TAB> flag[,flag...] with flags
 * TITLE SPEECH LOC_HEAD ORG_HEAD PERSON PLACE NISBA FIRST CURRENCY; words
 * are normalized and keyed by their stem exactly as the tagger does.
 */
#include "kb_ner_internal.h"
#include "ner_common.h"

#define LEXICON_BITS 10
#define CORPUS_BITS 12

static const struct { const char *name; unsigned flag; } flag_names[] = {
	{"TITLE", KB_NER_LEX_TITLE}, {"SPEECH", KB_NER_LEX_SPEECH},
	{"LOC_HEAD", KB_NER_LEX_LOC_HEAD}, {"ORG_HEAD", KB_NER_LEX_ORG_HEAD},
	{"PERSON", KB_NER_LEX_PERSON}, {"PLACE", KB_NER_LEX_PLACE},
	{"NISBA", KB_NER_LEX_NISBA}, {"FIRST", KB_NER_LEX_FIRST},
	{"CURRENCY", KB_NER_LEX_CURRENCY}
};

static unsigned parse_flags(char *s)
{
	unsigned flags = 0;
	char *tok;
	size_t i;
	for (tok = strtok(s, ", \r\n"); tok; tok = strtok(NULL, ", \r\n")) {
		for (i = 0; i < sizeof flag_names / sizeof flag_names[0]; i++)
			if (strcmp(tok, flag_names[i].name) == 0)
				flags |= flag_names[i].flag;
	}
	return flags;
}

/* The stem key of a lexicon word, as analyse_word computes it. */
static uint32_t stem_hash(const char *word, kb_buf *norm)
{
	kb_norm_options opts;
	size_t a, b, p;
	kb_norm_profile(&opts, "search");
	norm->len = 0;
	if (kb_normalize(&opts, word, strlen(word), norm, NULL, NULL) != KB_OK || !norm->len)
		return 0;
	kb_ner_core(norm->data, norm->len, &a, &b);
	p = kb_ner_prefix_len(norm->data + a, b - a);
	return kb_ner_hash(norm->data + a + p, b - a - p, 0);
}

/* CORPUS.tsv: stem <TAB> code (kb_ner_corpus_code), from tools/ner_train.c. */
static void emit_corpus(FILE *in)
{
	char line[1024];
	size_t n = 0, cap = 1024, i;
	ner_entry *e = xmalloc(cap * sizeof *e);
	uint16_t *values = xmalloc(cap * sizeof *values), *sorted;
	while (in && fgets(line, sizeof line, in)) {
		char *tab = strchr(line, '\t');
		unsigned code;
		if (line[0] == '#' || !tab || sscanf(tab + 1, "%u", &code) != 1)
			continue;
		if (n == cap) {
			cap *= 2;
			e = xrealloc(e, cap * sizeof *e);
			values = xrealloc(values, cap * sizeof *values);
		}
		e[n].hash = kb_ner_hash(line, (size_t)(tab - line), 0);
		e[n].index = (uint32_t)n;
		values[n] = (uint16_t)code;
		n++;
	}
	n = ner_entries_sort(e, n, CORPUS_BITS);
	sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	for (i = 0; i < n; i++)
		sorted[i] = values[e[i].index];
	printf("#define NER_CORPUS_BITS %d\n#define NER_CORPUS_COUNT %zu\n", CORPUS_BITS, n);
	emit_table(stdout, "ner_corpus", e, n, CORPUS_BITS);
	emit_u16_array(stdout, "ner_corpus_value", sorted, n);
	free(e);
	free(values);
	free(sorted);
}

/* CLUSTERS.tsv: stem <TAB> cluster [<TAB> cluster...], one column per
 * clustering ("-" for none: 0xFFFF); every line must have the first
 * line's number of columns. */
static void emit_clusters(FILE *in)
{
	char line[1024];
	size_t n = 0, cap = 1024, i, sets = 0;
	unsigned bits = 8;
	ner_entry *e = xmalloc(cap * sizeof *e);
	uint16_t *values = xmalloc(cap * KB_NER_CLUSTER_SETS * sizeof *values), *sorted;
	while (fgets(line, sizeof line, in)) {
		char *tab = strchr(line, '\t'), *p;
		size_t k = 0;
		if (line[0] == '#' || !tab)
			continue;
		if (n == cap) {
			cap *= 2;
			e = xrealloc(e, cap * sizeof *e);
			values = xrealloc(values, cap * KB_NER_CLUSTER_SETS * sizeof *values);
		}
		for (p = tab; *p == '\t' && k < KB_NER_CLUSTER_SETS; k++) {
			char *end;
			if (p[1] == '-') {
				values[n * KB_NER_CLUSTER_SETS + k] = 0xFFFF;
				p += 2;
				continue;
			}
			values[n * KB_NER_CLUSTER_SETS + k] = (uint16_t)strtoul(p + 1, &end, 10);
			p = end;
		}
		if (!sets)
			sets = k;
		if (k != sets) {
			fprintf(stderr, "ner_tables: %zu clusters where %zu were expected\n", k, sets);
			exit(1);
		}
		e[n].hash = kb_ner_hash(line, (size_t)(tab - line), 0);
		e[n].index = (uint32_t)n;
		n++;
	}
	/* Two stems a bucket or fewer: lookups stay short as the list grows. */
	while (bits < 20 && ((size_t)2 << bits) < n)
		bits++;
	n = ner_entries_sort(e, n, bits);
	sorted = xmalloc((n ? n * sets : 1) * sizeof *sorted);
	for (i = 0; i < n * sets; i++)
		sorted[i] = values[e[i / sets].index * KB_NER_CLUSTER_SETS + i % sets];
	printf("#define NER_CLUSTER_BITS %u\n#define NER_CLUSTER_COUNT %zu\n"
	       "#define NER_CLUSTER_SETS %zu\n", bits, n, sets ? sets : 1);
	emit_table(stdout, "ner_cluster", e, n, bits);
	emit_u16_array(stdout, "ner_cluster_value", sorted, n * sets);
	free(e);
	free(values);
	free(sorted);
}

static void emit_lexicon(FILE **ins, int count)
{
	int which;
	char line[1024];
	size_t n = 0, cap = 256, i, j;
	ner_entry *e = xmalloc(cap * sizeof *e);
	uint16_t *values = xmalloc(cap * sizeof *values), *sorted;
	kb_buf norm = {NULL, 0, 0};
	for (which = 0; which < count; which++)
	while (fgets(line, sizeof line, ins[which])) {
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab)
			continue;
		*tab = 0;
		if (n == cap) {
			cap *= 2;
			e = xrealloc(e, cap * sizeof *e);
			values = xrealloc(values, cap * sizeof *values);
		}
		e[n].hash = stem_hash(line, &norm);
		e[n].index = (uint32_t)n;
		values[n] = (uint16_t)parse_flags(tab + 1);
		n++;
	}
	/* Merge the flags of words that share a stem before deduplicating. */
	qsort(e, n, sizeof *e, ner_entry_cmp);
	for (i = 0; i < n; i = j) {
		uint16_t all = 0;
		for (j = i; j < n && e[j].hash == e[i].hash; j++)
			all |= values[e[j].index];
		for (j = i; j < n && e[j].hash == e[i].hash; j++)
			values[e[j].index] = all;
	}
	n = ner_entries_sort(e, n, LEXICON_BITS);
	sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	for (i = 0; i < n; i++)
		sorted[i] = values[e[i].index];
	printf("#define NER_LEXICON_BITS %d\n#define NER_LEXICON_COUNT %zu\n", LEXICON_BITS, n);
	emit_table(stdout, "ner_lexicon", e, n, LEXICON_BITS);
	emit_u16_array(stdout, "ner_lexicon_value", sorted, n);
	kb_buf_free(&norm);
	free(e);
	free(values);
	free(sorted);
}

int main(int argc, char **argv)
{
	FILE *clusters, *corpus, *lexicons[8];
	int i;
	if (argc < 4 || argc > 11) {
		fprintf(stderr, "usage: ner_tables CLUSTERS.tsv CORPUS.tsv LEXICON.tsv... > ner_lexicon.h\n");
		return 2;
	}
	clusters = fopen(argv[1], "r");
	corpus = fopen(argv[2], "r");   /* absent before the first training */
	for (i = 3; i < argc; i++)
		if (!(lexicons[i - 3] = fopen(argv[i], "r")))
			clusters = NULL;
	if (!clusters) {
		fprintf(stderr, "ner_tables: cannot open the inputs\n");
		return 1;
	}
	printf("/* Generated by tools/ner_tables.c from data/ner/: do not edit. */\n");
	emit_clusters(clusters);
	emit_corpus(corpus);
	emit_lexicon(lexicons, argc - 3);
	fclose(clusters);
	if (corpus)
		fclose(corpus);
	for (i = 3; i < argc; i++)
		fclose(lexicons[i - 3]);
	return 0;
}
