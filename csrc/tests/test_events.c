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

/* One PERS entity over the first occurrence of `name` in s. */
static void one_person(const char *s, const char *name, kb_entity *en, kb_entities *ents)
{
	const char *at = strstr(s, name);
	memset(en, 0, sizeof *en);
	memset(ents, 0, sizeof *ents);
	en->start = at ? (uint32_t)(at - s) : 0;
	en->stop = en->start + (uint32_t)strlen(name);
	en->id = en->canonical = 0;
	en->title = -1;
	en->type = KB_ENT_PERS;
	ents->items = en;
	ents->count = ents->cap = 1;
}

/* Titles stand for the name after them; long lists of targets; the agent
 * of a relative clause on an event noun; relative pronouns that agree with
 * the verb's pronoun; force against an attack; disagreeing with someone. */
static void test_arguments(void)
{
	const char *titled = "جدد مبعوث الأمم المتحدة إلى اليمن إسماعيل ولد الشيخ أحمد، أمس، دعوته لوقف القتال.";
	const char *s = "ورفع المحافظ التهاني لمقام خادم الحرمين الشريفين وسمو ولي العهد وولي ولي العهد "
	                "وسمو أمير المنطقة الشرقية ولأهالي الجبيل. "
	                "أفشلت طائرات التحالف العربي هجوما كانت ميليشيات الحوثي تحضر له. "
	                "وقال الوزير كيري إنه يختلف في الرأي مع الأمير بندر.";
	const char *visit = "وقال عثمان المحرج للمصابين الذين زارهم إنهم أبطال.";
	kb_entity en;
	kb_entities ents;
	kb_events ev = {0};
	const kb_event *e;
	one_person(titled, "إسماعيل ولد الشيخ أحمد", &en, &ents);
	CHECK(kb_events_extract(titled, strlen(titled), NULL, &ents, &ev) == KB_OK);
	e = by_trigger(titled, &ev, "دعوته");
	CHECK(e && e->has_source && span_is(titled, e->source.start, e->source.stop, "إسماعيل ولد الشيخ أحمد"));
	CHECK(e && !strcmp(e->source.country, "IGO"));
	kb_events_free(&ev);
	CHECK(kb_events_extract(s, strlen(s), NULL, NULL, &ev) == KB_OK);
	e = by_trigger(s, &ev, "التهاني");
	CHECK(e && e->target_count == 5 && arg_has(s, &e->targets[2], "ولي ولي العهد") &&
	      arg_has(s, &e->targets[3], "أمير المنطقة الشرقية") && arg_has(s, &e->targets[4], "أهالي الجبيل"));
	e = by_trigger(s, &ev, "هجوما");
	CHECK(e && e->has_source && arg_has(s, &e->source, "الحوثي"));
	e = by_trigger(s, &ev, "أفشلت");
	CHECK(e && e->target_count == 1 && arg_has(s, &e->targets[0], "الحوثي"));
	e = by_trigger(s, &ev, "يختلف");
	CHECK(e && !strcmp(e->type, "DISAPPROVE_ACCUSE") && e->has_source && arg_has(s, &e->source, "كيري") &&
	      e->target_count == 1 && arg_has(s, &e->targets[0], "بندر"));
	kb_events_free(&ev);
	one_person(visit, "عثمان المحرج", &en, &ents);
	CHECK(kb_events_extract(visit, strlen(visit), NULL, &ents, &ev) == KB_OK);
	e = by_trigger(visit, &ev, "زارهم");
	CHECK(e && e->has_source && span_is(visit, e->source.start, e->source.stop, "عثمان المحرج") &&
	      e->target_count == 1 && arg_has(visit, &e->targets[0], "مصابين"));
	kb_events_free(&ev);
}

/* A word written with ة is no verb with a pronoun: "وزارة" is not "و +
 * زاره" (visited him), "إضافة" not "أضاف + ه"; "حاكم" is a governor. */
static void test_written_forms(void)
{
	const char *s = "أصدرت وزارة الخارجية بيانا إضافة إلى تصريحات حاكم الولاية. وزاره الوزير أمس.";
	kb_events ev = {0};
	size_t k, visits = 0, others = 0;
	CHECK(kb_events_extract(s, strlen(s), NULL, NULL, &ev) == KB_OK);
	for (k = 0; k < ev.count; k++) {
		if (!strcmp(ev.items[k].type, "VISIT"))
			visits++;
		else if (!span_is(s, ev.items[k].trigger_start, ev.items[k].trigger_stop, "بيانا"))
			others++;
	}
	CHECK(visits == 1 && others == 0);
	CHECK(by_trigger(s, &ev, "زاره") != NULL);
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
	test_arguments();
	test_written_forms();
	test_edges();
	return check_report("test_events");
}
