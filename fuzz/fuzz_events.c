/*
 * fuzz_events.c: entities then events, as analyze runs them, with every
 * kind of article date, on arbitrary bytes.
 * needs: kb_entities_extract kb_entities_free kb_events_extract kb_events_free kb_date_parse
 */
#include "fuzz_dates.h"

static void check_arg(const kb_event_arg *arg, size_t n, const kb_entities *entities)
{
	FUZZ_ASSERT_SPAN(arg->start, arg->stop, n);
	FUZZ_ASSERT(arg->entity >= -1 && arg->entity < (int32_t)entities->count);
	FUZZ_ASSERT_CSTRING(arg->country);
	FUZZ_ASSERT_CSTRING(arg->sector);
}

/* Every span inside the input, every link to an entity that exists. */
static void check_events(const kb_events *events, size_t n, const kb_entities *entities)
{
	size_t i;
	unsigned t;
	for (i = 0; i < events->count; i++) {
		const kb_event *e = &events->items[i];
		FUZZ_ASSERT(e->type != NULL && e->cameo != NULL);
		FUZZ_ASSERT_SPAN(e->trigger_start, e->trigger_stop, n);
		FUZZ_ASSERT_SPAN(e->sentence_start, e->sentence_stop, n);
		FUZZ_ASSERT(e->target_count <= KB_EVENT_MAX_TARGETS);
		if (e->has_source)
			check_arg(&e->source, n, entities);
		for (t = 0; t < e->target_count; t++)
			check_arg(&e->targets[t], n, entities);
		if (e->has_location)
			check_arg(&e->location, n, entities);
		if (e->has_date)
			FUZZ_ASSERT_SPAN(e->date_start, e->date_stop, n);
		FUZZ_ASSERT_CSTRING(e->date_value);
		FUZZ_ASSERT_CSTRING(e->target_country);
		FUZZ_ASSERT(kb_event_modality_name(e->modality) != NULL);
		FUZZ_ASSERT(e->cluster >= 1);
		FUZZ_ASSERT(e->confidence >= 0.0f && e->confidence <= 1.0f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input in = {data, size};
	char copy[11];
	const char *ref = fuzz_ref_date(&in, copy);
	/* With and without the entities, as callers may do either. */
	int with_entities = fuzz_byte(&in) & 1;
	const char *s;
	kb_entities entities;
	kb_events events;
	kb_entities none;
	kb_date date;
	int have_date;
	kb_status status;
	memset(&entities, 0, sizeof entities);
	memset(&events, 0, sizeof events);
	memset(&none, 0, sizeof none);
	s = (const char *)in.data;
	have_date = ref && kb_date_parse(ref, strlen(ref), &date) == KB_OK;
	status = kb_entities_extract(s, in.size, have_date ? ref : NULL, &entities);
	FUZZ_ASSERT_STATUS(status);
	if (status == KB_OK) {
		status = kb_events_extract(s, in.size, have_date ? &date : NULL,
		                           with_entities ? &entities : NULL, &events);
		FUZZ_ASSERT_STATUS(status);
		if (status == KB_OK)
			check_events(&events, in.size, with_entities ? &entities : &none);
	}
	kb_events_free(&events);
	kb_entities_free(&entities);
	return 0;
}
