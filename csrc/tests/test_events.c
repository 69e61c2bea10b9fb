/*
 * test_events.c: the event coder on small texts (issue 5): types, codes,
 * arguments as spans, dates against the article's date, the limits.
 */
#include "kb.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static int span_is(const char *s, uint32_t start, uint32_t stop, const char *want)
{
	return stop - start == strlen(want) && memcmp(s + start, want, stop - start) == 0;
}

static void test_phone_call(void)
{
	const char *s = "أجرى وزير خارجية ليبيا محمد الطاهر سيالة، الاثنين، مباحثات هاتفية "
	                "مع نظيره المصري سامح شكري.";
	kb_date date = {2020, 12, 28};
	kb_events ev = {0};
	CHECK(kb_events_extract(s, strlen(s), &date, NULL, &ev) == KB_OK);
	CHECK(ev.count == 1);
	if (ev.count == 1) {
		const kb_event *e = &ev.items[0];
		CHECK_STR(e->type, "CONSULT_PHONE");
		CHECK_STR(e->cameo, "041");
		CHECK_STR(e->plover, "CONSULT");
		CHECK_STR(e->mode, "phone");
		CHECK(span_is(s, e->trigger_start, e->trigger_stop, "مباحثات هاتفية"));
		CHECK(e->has_source && span_is(s, e->source.start, e->source.stop,
		                               "وزير خارجية ليبيا محمد الطاهر سيالة"));
		CHECK_STR(e->source.country, "LBY");
		CHECK_STR(e->source.sector, "GOV");
		CHECK(e->target_count == 1);
		CHECK_STR(e->targets[0].country, "EGY");
		CHECK(e->has_date);
		CHECK_STR(e->date_value, "2020-12-28");
		CHECK(!e->negative && e->modality == KB_MODALITY_ASSERTED && !e->generic);
	}
	kb_events_free(&ev);
}

static void test_dates_and_modality(void)
{
	const char *s = "وقال مصدر إن الطيران قصف مواقع المسلحين أمس. ولم يلتق الوزير بالسفير.";
	kb_date date = {2015, 8, 6};
	kb_events ev = {0};
	size_t k, force = 0, meet = 0;
	CHECK(kb_events_extract(s, strlen(s), &date, NULL, &ev) == KB_OK);
	for (k = 0; k < ev.count; k++) {
		const kb_event *e = &ev.items[k];
		if (!strcmp(e->type, "MILITARY_FORCE")) {
			force++;
			CHECK_STR(e->date_value, "2015-08-05");
			CHECK(e->modality == KB_MODALITY_REPORTED);
		} else if (!strcmp(e->type, "MEET")) {
			meet++;
			CHECK(e->negative);
		}
	}
	CHECK(force == 1 && meet == 1);
	kb_events_free(&ev);
}

/* The event whose trigger is `trigger` (first found), or NULL. */
static const kb_event *by_trigger(const char *s, const kb_events *ev, const char *trigger)
{
	size_t k;
	for (k = 0; k < ev->count; k++)
		if (span_is(s, ev->items[k].trigger_start, ev->items[k].trigger_stop, trigger))
			return &ev->items[k];
	return NULL;
}

/* Does the argument's text contain `want`? */
static int arg_has(const char *s, const kb_event_arg *a, const char *want)
{
	size_t n = strlen(want), k;
	for (k = a->start; k + n <= a->stop; k++)
		if (memcmp(s + k, want, n) == 0)
			return 1;
	return 0;
}

/* Who against whom: passive agents, counted dead, owners of the places
 * hit, and the act one is accused of. */
static void test_sides(void)
{
	const char *s = "ترافق ذلك مع قصف عنيف من قبل قوات النظام على مناطق في محيط المدينة. "
	                "وقالت مصادر إن أربعة مدنيين قتلوا في المدينة. "
	                "وقصفت مقاتلات التحالف مواقع للحوثيين وقوات صالح في المدينة. "
	                "اتهمت باكستان الهند بانتهاك آخر لوقف إطلاق النار.";
	kb_events ev = {0};
	const kb_event *e;
	CHECK(kb_events_extract(s, strlen(s), NULL, NULL, &ev) == KB_OK);
	e = by_trigger(s, &ev, "قصف");
	CHECK(e && e->has_source && arg_has(s, &e->source, "النظام"));
	e = by_trigger(s, &ev, "قتلوا");
	CHECK(e && e->target_count == 1 && arg_has(s, &e->targets[0], "أربعة مدنيين"));
	e = by_trigger(s, &ev, "قصفت");
	CHECK(e && e->target_count == 2 && arg_has(s, &e->targets[0], "حوثيين") &&
	      arg_has(s, &e->targets[1], "قوات صالح"));
	e = by_trigger(s, &ev, "انتهاك");
	CHECK(e && e->has_source && arg_has(s, &e->source, "الهند") && e->target_count == 1 &&
	      arg_has(s, &e->targets[0], "باكستان"));
	kb_events_free(&ev);
}

static void test_edges(void)
{
	kb_events ev = {0};
	char *big;
	size_t n = 3u << 20, k;
	CHECK(kb_events_extract("", 0, NULL, NULL, &ev) == KB_OK && ev.count == 0);
	CHECK(kb_events_extract("\xff\xfe\xd8", 3, NULL, NULL, &ev) == KB_OK && ev.count == 0);
	/* Several blocks, no full stop anywhere: bounded, and every event found. */
	big = malloc(n);
	CHECK(big != NULL);
	if (big) {
		memset(big, ' ', n);
		for (k = 0; k + 10 <= n; k += 10)
			memcpy(big + k, "\xd9\x82\xd8\xa7\xd9\x84 xy ", 10);  /* "قال xy " */
		CHECK(kb_events_extract(big, n, NULL, NULL, &ev) == KB_OK);
		CHECK(ev.count == KB_EVENTS_MAX);
		free(big);
	}
	kb_events_free(&ev);
	CHECK_STR(kb_event_modality_name(KB_MODALITY_FUTURE), "future");
	CHECK(kb_event_modality_name(9) == NULL);
}

int main(void)
{
	test_phone_call();
	test_dates_and_modality();
	test_sides();
	test_edges();
	return check_report("test_events");
}
