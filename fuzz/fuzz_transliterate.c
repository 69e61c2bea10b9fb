/*
 * fuzz_transliterate.c: the Buckwalter schemes both ways with every
 * invalid-byte mode, and ICU's Arabic-Latin, on arbitrary bytes.
 * needs: kb_transliterate_buckwalter kb_latin_translit_open kb_transliterate_latin
 */
#include "fuzz.h"

/* Arabic to Buckwalter and back gives the Arabic back when the input is
 * only letters and marks of the scheme's table; for any input the output
 * is valid UTF-8 unless invalid bytes were asked to be an error. */
static void check_buckwalter(fuzz_input *in)
{
	kb_translit_scheme scheme = (kb_translit_scheme)(fuzz_byte(in) % 3);
	int reverse = fuzz_byte(in) & 1;
	kb_invalid_mode invalid = (kb_invalid_mode)(fuzz_byte(in) % 3);
	kb_buf out = {NULL, 0, 0};
	size_t bad = (size_t)-1, first_invalid = kb_utf8_validate((const char *)in->data, in->size);
	kb_status status = kb_transliterate_buckwalter(scheme, reverse, invalid,
	                                               (const char *)in->data, in->size, &out, &bad);
	if (invalid == KB_INVALID_ERROR && first_invalid < in->size) {
		FUZZ_ASSERT(status == KB_EUTF8 || status == KB_ENOMEM);
		FUZZ_ASSERT(status != KB_EUTF8 || bad == first_invalid);
	} else {
		FUZZ_ASSERT_STATUS(status);
		if (status == KB_OK)
			FUZZ_ASSERT(kb_utf8_validate(out.data, out.len) == out.len);
	}
	kb_buf_free(&out);
}

static void check_latin(const fuzz_input *in)
{
	/* Opening ICU's transliterator costs milliseconds: once per process
	 * here (the harness is single-threaded; the engine keeps no such
	 * state itself). */
	static kb_latin_translit *translit;
	kb_buf out = {NULL, 0, 0};
	kb_status status;
	if (!translit)
		FUZZ_ASSERT(kb_latin_translit_open(&translit) == KB_OK);
	status = kb_transliterate_latin(translit, (const char *)in->data, in->size, &out);
	FUZZ_ASSERT(status == KB_OK || status == KB_ENOMEM || status == KB_EUTF8 ||
	            status == KB_ETOOBIG);
	if (status == KB_OK)
		FUZZ_ASSERT(kb_utf8_validate(out.data, out.len) == out.len);
	kb_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input in = {data, size};
	unsigned which = fuzz_byte(&in);
	/* ICU is slow: one input in eight goes to Arabic-Latin. */
	if (which % 8 == 0)
		check_latin(&in);
	else
		check_buckwalter(&in);
	return 0;
}
