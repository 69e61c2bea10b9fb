/*
 * test_alloc_failure.c: every engine call under an allocator that fails
 * after N allocations, for every N up to the number the call makes. Each
 * call must either succeed with the same result as without failures or
 * answer KB_ENOMEM, and every allocation must be freed either way.
 *
 * Built with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
 * (mk/robust.mk), so only the engine's own calls come here: ICU's and
 * libc's internal allocations are not counted and never fail. The rule also
 * defines HAVE_<FUNCTION> for each function the engine defines, so the
 * cases of capabilities still being written are skipped until they land.
 */
#include "kb.h"
#include "check.h"

#include <stdlib.h>

/* ==================================================================== */
/* The failing allocator                                                 */
/* ==================================================================== */

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);

/* The test is single-threaded, so plain counters are enough. */
static long allocations;   /* attempts since the last reset */
static long budget = -1;   /* attempts that succeed before failing; -1: no limit */
static long live;          /* blocks allocated and not yet freed */
static long refused;       /* attempts refused since the last reset */

static int refuse_now(void)
{
	allocations++;
	if (budget >= 0 && allocations > budget) {
		refused++;
		return 1;
	}
	return 0;
}

void *__wrap_malloc(size_t size)
{
	void *p;
	if (refuse_now())
		return NULL;
	p = __real_malloc(size);
	if (p)
		live++;
	return p;
}

void *__wrap_calloc(size_t count, size_t size)
{
	void *p;
	if (refuse_now())
		return NULL;
	p = __real_calloc(count, size);
	if (p)
		live++;
	return p;
}

/* A refused realloc leaves the old block alone, as a real failure does. */
void *__wrap_realloc(void *p, size_t size)
{
	void *q;
	if (refuse_now())
		return NULL;
	q = __real_realloc(p, size);
	if (q && !p)
		live++;
	return q;
}

void __wrap_free(void *p)
{
	if (p)
		live--;
	__real_free(p);
}

static void reset_counters(long new_budget)
{
	allocations = refused = 0;
	budget = new_budget;
}

/* ==================================================================== */
/* The driver                                                            */
/* ==================================================================== */

/* A case makes one engine call on `input`, frees what it produced and
 * returns the call's status; on success *digest summarises the result. */
typedef kb_status (*alloc_case)(const char *input, uint64_t *digest);

static uint64_t digest_bytes(uint64_t hash, const void *bytes, size_t n)
{
	const unsigned char *b = bytes;
	size_t i;
	for (i = 0; i < n; i++)
		hash = (hash ^ b[i]) * 1099511628211u;
	return hash;
}

#define DIGEST_START 14695981039346656037u

static long cases_run, calls_made;

/* Runs the case once without limit to learn its allocation count and
 * result, then once for every budget below that count. */
static void run_case(const char *name, alloc_case call, const char *input)
{
	uint64_t reference = 0, digest;
	long total, n, failures_before = check_failures;
	kb_status status;
	reset_counters(-1);
	status = call(input, &reference);
	total = allocations;
	CHECK(status == KB_OK);
	CHECK(live == 0);
	for (n = 0; n < total; n++) {
		reset_counters(n);
		digest = 0;
		status = call(input, &digest);
		reset_counters(-1);
		calls_made++;
		CHECK(status == KB_OK || status == KB_ENOMEM);
		CHECK(status != KB_OK || digest == reference);
		CHECK(live == 0);
		if (check_failures != failures_before) {
			fprintf(stderr, "  case %s fails with budget %ld of %ld (status %d, live %ld)\n",
			        name, n, total, (int)status, live);
			live = 0;
			break;
		}
	}
	cases_run++;
}

/* ==================================================================== */
/* Cases                                                                 */
/* ==================================================================== */

static const char sample[] =
	"\xD8\xA3\xD8\xB9\xD9\x84\xD9\x86 \xD8\xA7\xD9\x84\xD8\xB1\xD8\xA6\xD9\x8A\xD8\xB3 "
	"\xD9\x85\xD8\xAD\xD9\x85\xD9\x91\xD9\x8E\xD8\xAF \xD9\x81\xD9\x8A "
	"\xD8\xA7\xD9\x84\xD8\xB1\xD9\x8A\xD8\xA7\xD8\xB6\xD8\x8C \xD9\x8A\xD9\x88\xD9\x85 "
	"\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAB\xD9\x86\xD9\x8A\xD9\x86 28 \xD8\xAF\xD9\x8A\xD8\xB3\xD9\x85\xD8\xA8\xD8\xB1 "
	"2020\xD8\x8C \xD8\xA3\xD9\x86 \xD8\xA7\xD9\x84\xD8\xB4\xD8\xB1\xD9\x83\xD8\xA9 "
	"\xD9\x88\xD9\x82\xD9\x91\xD8\xB9\xD8\xAA \xD8\xA7\xD8\xAA\xD9\x81\xD8\xA7\xD9\x82\xD8\xA7\xD9\x8B. "
	"\xD9\x88\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1: "
	"\xC2\xAB\xD9\x86\xD8\xB9\xD9\x85\xC2\xBB\xD8\x9F https://example.com/a \xEF\xBB\xBB"
	"\xD9\x80\xD9\x80\xE2\x80\x8C\xE2\x80\x8F\xD8\xA9 \xFF\xC0\xAF end.\n\n"
	"\xD8\xAB\xD9\x85 \xD8\xA7\xD9\x86\xD8\xAA\xD9\x87\xD9\x89 \xD8\xA7\xD9\x84\xD8\xA7\xD8\xAC\xD8\xAA\xD9\x85\xD8\xA7\xD8\xB9.";

/* The buffer grows from empty through several doublings. */
static kb_status case_buffer(const char *input, uint64_t *digest)
{
	kb_buf buf = {NULL, 0, 0};
	kb_status status = KB_OK;
	int i;
	for (i = 0; i < 40 && status == KB_OK; i++)
		status = kb_buf_append(&buf, input, strlen(input));
	if (status == KB_OK)
		*digest = digest_bytes(DIGEST_START, buf.data, buf.len);
	kb_buf_free(&buf);
	return status;
}

#ifdef HAVE_KB_NORMALIZE
static kb_status normalize_profile(const char *profile, int with_map, const char *input,
                                   uint64_t *digest)
{
	kb_norm_options opts;
	kb_buf out = {NULL, 0, 0};
	kb_offset_map map;
	size_t bad = 0;
	kb_status status;
	memset(&map, 0, sizeof map);
	if (kb_norm_profile(&opts, profile) != KB_OK)
		return KB_EINVAL;
	status = kb_normalize(&opts, input, strlen(input), &out, with_map ? &map : NULL, &bad);
	if (status == KB_OK) {
		*digest = digest_bytes(DIGEST_START, out.data, out.len);
		if (with_map) {
			*digest = digest_bytes(*digest, map.start, map.len * sizeof *map.start);
			*digest = digest_bytes(*digest, map.stop, map.len * sizeof *map.stop);
		}
	}
	kb_buf_free(&out);
	kb_offset_map_free(&map);
	return status;
}

static kb_status case_normalize_search(const char *input, uint64_t *digest)
{
	return normalize_profile("search", 0, input, digest);
}

static kb_status case_normalize_search_map(const char *input, uint64_t *digest)
{
	return normalize_profile("search", 1, input, digest);
}

static kb_status case_normalize_display_map(const char *input, uint64_t *digest)
{
	return normalize_profile("display", 1, input, digest);
}
#endif

#ifdef HAVE_KB_TRANSLITERATE_BUCKWALTER
static kb_status transliterate_buckwalter(int reverse, const char *input, uint64_t *digest)
{
	kb_buf out = {NULL, 0, 0};
	kb_status status = kb_transliterate_buckwalter(KB_TRANSLIT_BUCKWALTER, reverse,
	                                               KB_INVALID_REPAIR, input, strlen(input),
	                                               &out, NULL);
	if (status == KB_OK)
		*digest = digest_bytes(DIGEST_START, out.data, out.len);
	kb_buf_free(&out);
	return status;
}

static kb_status case_buckwalter(const char *input, uint64_t *digest)
{
	return transliterate_buckwalter(0, input, digest);
}

static kb_status case_buckwalter_reverse(const char *input, uint64_t *digest)
{
	return transliterate_buckwalter(1, input, digest);
}
#endif

#ifdef HAVE_KB_TRANSLITERATE_LATIN
/* Opening ICU's transliterator is part of the case: it may fail too. */
static kb_status case_latin(const char *input, uint64_t *digest)
{
	kb_latin_translit *translit = NULL;
	kb_buf out = {NULL, 0, 0};
	kb_status status = kb_latin_translit_open(&translit);
	if (status == KB_OK)
		status = kb_transliterate_latin(translit, input, strlen(input), &out);
	if (status == KB_OK)
		*digest = digest_bytes(DIGEST_START, out.data, out.len);
	kb_buf_free(&out);
	if (translit)
		kb_latin_translit_close(translit);
	return status;
}
#endif

#ifdef HAVE_KB_TOKENIZE
static kb_status case_tokenize(const char *input, uint64_t *digest)
{
	kb_tokens tokens;
	kb_status status;
	memset(&tokens, 0, sizeof tokens);
	status = kb_tokenize(input, strlen(input), &tokens);
	if (status == KB_OK) {
		*digest = digest_bytes(DIGEST_START, tokens.items, tokens.count * sizeof *tokens.items);
		*digest = digest_bytes(*digest, tokens.text.data, tokens.text.len);
	}
	kb_tokens_free(&tokens);
	return status;
}
#endif

#ifdef HAVE_KB_SENTENCES
static kb_status case_sentences(const char *input, uint64_t *digest)
{
	kb_spans spans;
	kb_status status;
	memset(&spans, 0, sizeof spans);
	status = kb_sentences(input, strlen(input), &spans);
	if (status == KB_OK)
		*digest = digest_bytes(DIGEST_START, spans.items, spans.count * sizeof *spans.items);
	kb_spans_free(&spans);
	return status;
}
#endif

#ifdef HAVE_KB_NER_TAG
/* The tagger on the sample's whitespace words, as one sentence. */
static kb_status case_tag(const char *input, uint64_t *digest)
{
	kb_ner_word words[64];
	uint8_t labels[64];
	size_t count = 0, i = 0, n = strlen(input);
	kb_status status;
	while (i < n && count < 64) {
		size_t start = i;
		while (i < n && input[i] != ' ')
			i++;
		if (i > start) {
			words[count].text = input + start;
			words[count].len = i - start;
			words[count].sentence_start = count == 0;
			count++;
		}
		i++;
	}
	status = kb_ner_tag(words, count, labels);
	if (status == KB_OK)
		*digest = digest_bytes(DIGEST_START, labels, count);
	return status;
}
#endif

#ifdef HAVE_KB_ENTITIES_EXTRACT
static kb_status case_entities(const char *input, uint64_t *digest)
{
	kb_entities entities;
	kb_status status;
	size_t i;
	memset(&entities, 0, sizeof entities);
	status = kb_entities_extract(input, strlen(input), "2020-12-28", &entities);
	if (status == KB_OK) {
		*digest = digest_bytes(DIGEST_START, entities.text.data, entities.text.len);
		for (i = 0; i < entities.count; i++) {
			const kb_entity *e = &entities.items[i];
			*digest = digest_bytes(*digest, &e->start, sizeof e->start);
			*digest = digest_bytes(*digest, &e->stop, sizeof e->stop);
			*digest = digest_bytes(*digest, &e->type, sizeof e->type);
			*digest = digest_bytes(*digest, e->value, strlen(e->value));
		}
	}
	kb_entities_free(&entities);
	return status;
}
#endif

#ifdef HAVE_KB_EVENTS_EXTRACT
/* Events with the entities, as analyze runs them; either may fail. */
static kb_status case_events(const char *input, uint64_t *digest)
{
	kb_entities entities;
	kb_events events;
	kb_date date = {2020, 12, 28};
	kb_status status;
	size_t i;
	memset(&entities, 0, sizeof entities);
	memset(&events, 0, sizeof events);
	status = kb_entities_extract(input, strlen(input), "2020-12-28", &entities);
	if (status == KB_OK)
		status = kb_events_extract(input, strlen(input), &date, &entities, &events);
	if (status == KB_OK) {
		*digest = DIGEST_START;
		for (i = 0; i < events.count; i++) {
			const kb_event *e = &events.items[i];
			*digest = digest_bytes(*digest, e->type, strlen(e->type));
			*digest = digest_bytes(*digest, &e->trigger_start, sizeof e->trigger_start);
			*digest = digest_bytes(*digest, &e->target_count, sizeof e->target_count);
			*digest = digest_bytes(*digest, e->date_value, strlen(e->date_value));
		}
	}
	kb_events_free(&events);
	kb_entities_free(&entities);
	return status;
}
#endif

/* Skipped cases are named, so a run shows what it did not cover. */
static void skipped(const char *function)
{
	printf("test_alloc_failure: %s not in the engine yet, its cases skipped\n", function);
}

int main(void)
{
	/* Without --wrap the engine's calls would bypass the counters and
	 * every case would pass without testing anything. */
	uint64_t digest;
	reset_counters(-1);
	case_buffer("x", &digest);
	if (allocations == 0) {
		fprintf(stderr, "test_alloc_failure: built without -Wl,--wrap=malloc,...: "
		        "see mk/robust.mk\n");
		return 1;
	}
	run_case("buffer", case_buffer, sample);
#ifdef HAVE_KB_NORMALIZE
	run_case("normalize search", case_normalize_search, sample);
	run_case("normalize search map", case_normalize_search_map, sample);
	run_case("normalize display map", case_normalize_display_map, sample);
#else
	skipped("kb_normalize");
#endif
#ifdef HAVE_KB_TRANSLITERATE_BUCKWALTER
	run_case("buckwalter", case_buckwalter, sample);
	run_case("buckwalter reverse", case_buckwalter_reverse, "ktb Alwzyr >n ~a");
#else
	skipped("kb_transliterate_buckwalter");
#endif
#ifdef HAVE_KB_TRANSLITERATE_LATIN
	run_case("latin", case_latin, sample);
#else
	skipped("kb_transliterate_latin");
#endif
#ifdef HAVE_KB_TOKENIZE
	run_case("tokenize", case_tokenize, sample);
#else
	skipped("kb_tokenize");
#endif
#ifdef HAVE_KB_SENTENCES
	run_case("sentences", case_sentences, sample);
#else
	skipped("kb_sentences");
#endif
#ifdef HAVE_KB_NER_TAG
	run_case("tag", case_tag, sample);
#else
	skipped("kb_ner_tag");
#endif
#ifdef HAVE_KB_ENTITIES_EXTRACT
	run_case("entities", case_entities, sample);
#else
	skipped("kb_entities_extract");
#endif
#ifdef HAVE_KB_EVENTS_EXTRACT
	run_case("events", case_events, sample);
#else
	skipped("kb_events_extract");
#endif
	printf("test_alloc_failure: %ld cases, %ld calls with a failing allocation\n",
	       cases_run, calls_made);
	return check_report("test_alloc_failure");
}
