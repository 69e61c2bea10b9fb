/*
 * fuzz_dates.h: the article dates the entity and event harnesses try: none,
 * ordinary ones, the ends of the range, impossible ones, and ten bytes of
 * the input itself.
 */
#ifndef KB_FUZZ_DATES_H
#define KB_FUZZ_DATES_H

#include "fuzz.h"

/* Picks a reference date; copy (11 bytes) receives one built from input. */
static inline const char *fuzz_ref_date(fuzz_input *in, char copy[11])
{
	static const char *const dates[] = {
		NULL, "2020-12-28", "2015-07-31", "2000-02-29", "0001-01-01", "9999-12-31",
		"0000-00-00", "2021-02-29", "2020-13-01", "1900-02-29", "2020-12-28T", "-2020-12-28",
		"",
	};
	unsigned choice = fuzz_byte(in) % 16;
	size_t i;
	if (choice < sizeof dates / sizeof dates[0])
		return dates[choice];
	for (i = 0; i < 10; i++)
		copy[i] = (char)fuzz_byte(in);
	copy[10] = '\0';
	return copy;
}

/* A fixed-size string field must hold its terminating NUL. */
#define FUZZ_ASSERT_CSTRING(field) FUZZ_ASSERT(memchr((field), 0, sizeof(field)) != NULL)

#endif
