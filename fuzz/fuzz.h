/*
 * fuzz.h: what every libFuzzer harness of the engine shares: a reader that
 * takes option bytes off the end of the input, and the checks that apply
 * to every result (spans inside the input, valid UTF-8 out).
 *
 * A harness aborts (so libFuzzer records a crash) when an invariant the
 * engine documents does not hold; sanitizers catch the rest.
 */
#ifndef KB_FUZZ_H
#define KB_FUZZ_H

#include "kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input; option bytes are taken off its end, so that the text seeds
 * of fuzz/corpus/common reach the engine unchanged at first. */
typedef struct {
	const uint8_t *data;
	size_t size;
} fuzz_input;

/* Takes one byte off the end (0 once the input is exhausted). */
static inline unsigned fuzz_byte(fuzz_input *in)
{
	if (!in->size)
		return 0;
	in->size--;
	return in->data[in->size];
}

/* Reports a broken invariant and aborts, so libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* Statuses an engine call may answer for any input: success, or memory. */
#define FUZZ_ASSERT_STATUS(status) \
	FUZZ_ASSERT((status) == KB_OK || (status) == KB_ENOMEM)

/* Every span the engine answers must lie inside the input. */
#define FUZZ_ASSERT_SPAN(start, stop, n) \
	FUZZ_ASSERT((start) <= (stop) && (size_t)(stop) <= (n))

#endif
