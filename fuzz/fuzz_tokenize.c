/*
 * fuzz_tokenize.c: kb_tokenize and clitic segmentation on arbitrary bytes.
 * needs: kb_tokenize kb_tokens_free kb_segment
 */
#include "fuzz.h"

/* Tokens come in text order without overlap, each stem inside its token,
 * each search form inside the text buffer with its clitics inside it. */
static void check_tokens(const kb_tokens *tokens, size_t n)
{
	size_t i;
	uint32_t previous_stop = 0;
	for (i = 0; i < tokens->count; i++) {
		const kb_token *t = &tokens->items[i];
		FUZZ_ASSERT_SPAN(t->start, t->stop, n);
		FUZZ_ASSERT(t->start < t->stop);
		FUZZ_ASSERT(t->start >= previous_stop);
		FUZZ_ASSERT(t->stem_start >= t->start && t->stem_start <= t->stem_stop &&
		            t->stem_stop <= t->stop);
		FUZZ_ASSERT((size_t)t->norm + t->norm_len <= tokens->text.len);
		FUZZ_ASSERT((size_t)t->prefix_len + t->suffix_len <= t->norm_len);
		FUZZ_ASSERT(t->kind <= KB_TOKEN_HASHTAG);
		previous_stop = t->stop;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kb_tokens tokens;
	kb_status status;
	size_t prefix = 0, suffix = 0;
	memset(&tokens, 0, sizeof tokens);
	status = kb_tokenize((const char *)data, size, &tokens);
	FUZZ_ASSERT_STATUS(status);
	if (status == KB_OK)
		check_tokens(&tokens, size);
	kb_tokens_free(&tokens);
	/* kb_segment takes any bytes too, though it expects a search form. */
	kb_segment((const char *)data, size, &prefix, &suffix);
	FUZZ_ASSERT(prefix + suffix <= size);
	return 0;
}
