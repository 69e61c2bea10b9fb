/*
 * test_entities.c: the entity layer's C API (dates, extraction, errors).
 * The sample article is checked field by field in spec/entities_spec.lua.
 */
#include "kb.h"
#include "check.h"

#include <string.h>

static void resolves(const char *text, const char *ref, const char *want)
{
	char value[32];
	size_t consumed;
	kb_status st = kb_date_resolve(text, strlen(text), ref, value, &consumed);
	CHECK(st == KB_OK);
	CHECK_STR(value, want);
}

static void test_dates(void)
{
	kb_date d;
	char out[11], value[32];
	size_t consumed;
	CHECK(kb_date_parse("2020-12-28", 10, &d) == KB_OK && d.year == 2020 && d.month == 12 && d.day == 28);
	CHECK(kb_date_parse("2020-02-30", 10, &d) == KB_EINVAL);
	CHECK(kb_date_parse("2021-02-29", 10, &d) == KB_EINVAL);
	CHECK(kb_date_parse("2020-02-29", 10, &d) == KB_OK);
	CHECK(kb_date_parse("2020/12/28", 10, &d) == KB_EINVAL);
	CHECK(kb_date_parse("2020-12-2", 9, &d) == KB_EINVAL);
	d.year = 2020, d.month = 12, d.day = 28;
	CHECK(kb_date_add_days(&d, -13, out) == KB_OK);
	CHECK_STR(out, "2020-12-15");
	CHECK(kb_date_add_days(&d, 5, out) == KB_OK);
	CHECK_STR(out, "2021-01-02");
	resolves("الأحد", "2020-12-28", "2020-12-27");
	resolves("والأسبوع الماضي", "2020-12-28", "2020-12-15/2020-12-21");
	resolves("عام 2014", "2020-12-28", "2014");
	resolves("منذ ثلاثة أيام", "2020-12-28", "2020-12-25");
	resolves("25 ديسمبر/كانون الأول 2020", "2020-12-28", "2020-12-25");
	resolves("هذا الأسبوع", "2020-12-28", "2020-W53");
	resolves("رمضان 1441", "2020-12-28", "2020-04-24/2020-05-23");
	resolves("الأحد", NULL, "");
	CHECK(kb_date_resolve("الأحد", strlen("الأحد"), "2020-13-01", value, &consumed) == KB_EINVAL);
	CHECK(kb_date_resolve("مصر", strlen("مصر"), "2020-12-28", value, &consumed) == KB_EINVAL);
	CHECK(kb_date_resolve("أمس قال", strlen("أمس قال"), "2020-12-28", value, &consumed) == KB_OK);
	CHECK(consumed == strlen("أمس"));
}

static const kb_entity *find(const kb_entities *e, const char *text, const char *s, int type)
{
	size_t i;
	for (i = 0; i < e->count; i++)
		if (e->items[i].type == type && e->items[i].stop - e->items[i].start == strlen(text) &&
		    memcmp(s + e->items[i].start, text, strlen(text)) == 0)
			return &e->items[i];
	return NULL;
}

static void test_extract(void)
{
	const char *s = "قال وزير الخارجية المصري سامح شكري الأحد إن مصر تدعم ليبيا، وأضاف شكري أن "
	                "الوفد المصري وصل إلى طرابلس.";
	kb_entities e;
	const kb_entity *person, *again, *title, *date;
	size_t i;
	memset(&e, 0, sizeof e);
	CHECK(kb_entities_extract(s, strlen(s), "2020-12-28", &e) == KB_OK);
	person = find(&e, "سامح شكري", s, KB_ENT_PERS);
	again = find(&e, "شكري", s, KB_ENT_PERS);
	title = find(&e, "وزير الخارجية المصري", s, KB_ENT_TITLE);
	date = find(&e, "الأحد", s, KB_ENT_DATE);
	CHECK(person && again && title && date);
	if (person && again && title && date) {
		CHECK(person->id == again->id && title->id == person->id);
		CHECK_STR(person->country, "EGY");
		CHECK_STR(again->country, "EGY");
		CHECK(&e.items[again->canonical] == person);
		CHECK(&e.items[person->title] == title);
		CHECK(person->sector == KB_SECTOR_GOV);
		CHECK_STR(date->value, "2020-12-27");
	}
	CHECK(find(&e, "طرابلس", s, KB_ENT_LOC) != NULL);
	for (i = 1; i < e.count; i++)
		CHECK(e.items[i - 1].start <= e.items[i].start);
	/* appending: a second call adds after the first */
	i = e.count;
	CHECK(kb_entities_extract("مصر", strlen("مصر"), NULL, &e) == KB_OK);
	CHECK(e.count == i + 1 && e.items[i].start == 0 && e.items[i].canonical == (int32_t)i);
	kb_entities_free(&e);
	CHECK(e.items == NULL && e.count == 0);
	kb_entities_free(&e);
}

static void test_errors(void)
{
	kb_entities e;
	memset(&e, 0, sizeof e);
	CHECK(kb_entities_extract("الأحد", strlen("الأحد"), "2020-12-32", &e) == KB_EINVAL);
	CHECK(kb_entities_extract("", 0, NULL, &e) == KB_OK && e.count == 0);
	CHECK(kb_entities_extract("\xff\xfe مصر \xc3", 9, NULL, &e) == KB_OK && e.count == 1);
	kb_entities_free(&e);
	CHECK_STR(kb_entity_type_name(KB_ENT_NORP), "NORP");
	CHECK(kb_entity_type_name(KB_ENT_TYPE_COUNT) == NULL);
	CHECK_STR(kb_sector_name(KB_SECTOR_SPY), "SPY");
	CHECK_STR(kb_sector_name(KB_SECTOR_NONE), "");
}

int main(void)
{
	test_dates();
	test_extract();
	test_errors();
	return check_report("test_entities");
}
