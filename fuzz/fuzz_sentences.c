/*
 * fuzz_sentences.c: kb_sentences on arbitrary bytes.
 * needs: kb_sentences kb_spans_free
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kb_spans spans;
	kb_status status;
	size_t i;
	memset(&spans, 0, sizeof spans);
	status = kb_sentences((const char *)data, size, &spans);
	FUZZ_ASSERT_STATUS(status);
	/* Non-empty sentences in text order, without overlap. */
	for (i = 0; status == KB_OK && i < spans.count; i++) {
		FUZZ_ASSERT_SPAN(spans.items[i].start, spans.items[i].stop, size);
		FUZZ_ASSERT(spans.items[i].start < spans.items[i].stop);
		FUZZ_ASSERT(i == 0 || spans.items[i].start >= spans.items[i - 1].stop);
	}
	kb_spans_free(&spans);
	return 0;
}
