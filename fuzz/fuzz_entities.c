/*
 * fuzz_entities.c: kb_entities_extract with every kind of article date, and
 * the date helpers, on arbitrary bytes.
 * needs: kb_entities_extract kb_entities_free kb_date_parse kb_date_resolve
 */
#include "fuzz_dates.h"

/* Mentions inside the input in text order, search forms inside the text
 * buffer, links to mentions that exist, every field in range. */
static void check_entities(const kb_entities *e, size_t n)
{
	size_t i;
	for (i = 0; i < e->count; i++) {
		const kb_entity *m = &e->items[i];
		FUZZ_ASSERT_SPAN(m->start, m->stop, n);
		FUZZ_ASSERT(i == 0 || e->items[i - 1].start <= m->start);
		FUZZ_ASSERT((size_t)m->norm + m->norm_len <= e->text.len);
		FUZZ_ASSERT(m->type < KB_ENT_TYPE_COUNT && m->sector < KB_SECTOR_COUNT);
		FUZZ_ASSERT(m->canonical >= -1 && m->canonical < (int32_t)e->count);
		FUZZ_ASSERT(m->title == -1 || (m->title >= 0 && m->title < (int32_t)e->count &&
		            e->items[m->title].type == KB_ENT_TITLE));
		FUZZ_ASSERT(m->confidence >= 0.0f && m->confidence <= 1.0f);
		FUZZ_ASSERT_CSTRING(m->country);
		FUZZ_ASSERT_CSTRING(m->value);
		FUZZ_ASSERT(kb_entity_type_name(m->type) != NULL);
	}
}

static void check_date_helpers(const char *s, size_t n, const char *ref)
{
	kb_date date;
	char value[32];
	size_t consumed = 0;
	kb_status status = kb_date_parse(s, n < 16 ? n : 16, &date);
	FUZZ_ASSERT(status == KB_OK || status == KB_EINVAL);
	if (status == KB_OK)
		FUZZ_ASSERT(date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31);
	memset(value, 'x', sizeof value);
	status = kb_date_resolve(s, n, ref ? ref : "2020-12-28", value, &consumed);
	FUZZ_ASSERT(status == KB_OK || status == KB_EINVAL || status == KB_ENOMEM);
	if (status == KB_OK) {
		FUZZ_ASSERT(consumed <= n);
		FUZZ_ASSERT_CSTRING(value);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input in = {data, size};
	char copy[11];
	const char *ref = fuzz_ref_date(&in, copy);
	kb_entities entities;
	kb_status status;
	memset(&entities, 0, sizeof entities);
	status = kb_entities_extract((const char *)in.data, in.size, ref, &entities);
	FUZZ_ASSERT(status == KB_OK || status == KB_ENOMEM || status == KB_EINVAL);
	if (status == KB_OK)
		check_entities(&entities, in.size);
	kb_entities_free(&entities);
	check_date_helpers((const char *)in.data, in.size, ref);
	return 0;
}
