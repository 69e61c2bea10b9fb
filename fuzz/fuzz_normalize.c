/*
 * fuzz_normalize.c: kb_normalize with random steps, ZWNJ and invalid-byte
 * modes, with and without the offset map, appending to a non-empty buffer.
 * needs: kb_normalize kb_norm_profile kb_offset_map_free
 */
#include "fuzz.h"

#include <unicode/uchar.h>

/* Options from the input's last bytes: a profile, composition alone, or
 * any set of flags. */
static void pick_options(fuzz_input *in, kb_norm_options *opts)
{
	static const char *const profiles[] = {"search", "display", "none", "none"};
	unsigned choice = fuzz_byte(in);
	if (choice < 4 * 48) {
		FUZZ_ASSERT(kb_norm_profile(opts, profiles[choice % 4]) == KB_OK);
		if (choice % 4 == 3)
			opts->flags = KB_NORM_COMPOSE;
	} else {
		/* Any bits: those beyond the steps kb.h defines are ignored. */
		unsigned low = fuzz_byte(in);
		opts->flags = low | (fuzz_byte(in) << 8) | ((unsigned)fuzz_byte(in) << 16);
		opts->zwnj = (kb_zwnj_mode)(fuzz_byte(in) % 3);
	}
	opts->invalid = (kb_invalid_mode)(fuzz_byte(in) % 3);
}

/* Composition alone leaves every run of marks in canonical order (no mark
 * follows one of a higher combining class), as NFC does, also before the
 * first starter. */
static void check_canonical_order(const char *s, size_t n)
{
	size_t i = 0;
	unsigned previous = 0;
	while (i < n) {
		int32_t cp;
		unsigned ccc;
		i += kb_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		ccc = cp < 0 ? 0 : u_getCombiningClass(cp);
		if (ccc != 0)
			FUZZ_ASSERT(previous <= ccc);
		previous = ccc;
	}
}

/* The map has one entry per appended byte, inside the input, with both
 * ends non-decreasing (kb.h). */
static void check_map(const kb_offset_map *map, size_t appended, size_t n)
{
	size_t i;
	FUZZ_ASSERT(map->len == appended);
	for (i = 0; i < map->len; i++) {
		FUZZ_ASSERT_SPAN(map->start[i], map->stop[i], n);
		if (i > 0) {
			FUZZ_ASSERT(map->start[i - 1] <= map->start[i]);
			FUZZ_ASSERT(map->stop[i - 1] <= map->stop[i]);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char prefix[] = "\xD9\x82 ";
	fuzz_input in = {data, size};
	kb_norm_options opts;
	kb_buf out = {NULL, 0, 0}, plain = {NULL, 0, 0};
	kb_offset_map map = {NULL, NULL, 0, 0};
	size_t bad = (size_t)-1, bad_plain = (size_t)-1, first_invalid;
	kb_status status, status_plain;
	pick_options(&in, &opts);
	first_invalid = kb_utf8_validate((const char *)in.data, in.size);
	/* With the map, appending after a prefix. */
	FUZZ_ASSERT(kb_buf_append(&out, prefix, 3) == KB_OK);
	status = kb_normalize(&opts, (const char *)in.data, in.size, &out, &map, &bad);
	/* Without the map (the fast loop): the same answer. */
	status_plain = kb_normalize(&opts, (const char *)in.data, in.size, &plain, NULL,
	                            &bad_plain);
	FUZZ_ASSERT(status == status_plain);
	if (opts.invalid == KB_INVALID_ERROR && first_invalid < in.size) {
		FUZZ_ASSERT(status == KB_EUTF8 || status == KB_ENOMEM);
		FUZZ_ASSERT(status != KB_EUTF8 || (bad == first_invalid && bad_plain == bad));
	} else {
		FUZZ_ASSERT_STATUS(status);
	}
	if (status == KB_OK) {
		FUZZ_ASSERT(out.len >= 3 && memcmp(out.data, prefix, 3) == 0);
		FUZZ_ASSERT(out.len - 3 == plain.len);
		FUZZ_ASSERT(plain.len == 0 || memcmp(out.data + 3, plain.data, plain.len) == 0);
		FUZZ_ASSERT(kb_utf8_validate(plain.data, plain.len) == plain.len);
		check_map(&map, plain.len, in.size);
		/* Dropped invalid bytes may join two runs of marks unordered
		 * (fuzz/pending/normalize/dropped-bytes-join-marks). */
		if (opts.flags == KB_NORM_COMPOSE && opts.invalid != KB_INVALID_DROP)
			check_canonical_order(plain.data, plain.len);
	}
	kb_buf_free(&out);
	kb_buf_free(&plain);
	kb_offset_map_free(&map);
	return 0;
}
