/*
 * fuzz_tag.c: the statistical NER tagger on the whitespace words of
 * arbitrary bytes, a new sentence after each newline.
 * needs: kb_ner_tag kb_ner_label_name
 */
#include "fuzz.h"

/* Splits s at spaces and newlines; returns the word count. */
static size_t split_words(const char *s, size_t n, kb_ner_word *words)
{
	size_t i = 0, count = 0;
	int new_sentence = 1;
	while (i < n) {
		size_t start;
		if (s[i] == ' ' || s[i] == '\n') {
			new_sentence |= s[i] == '\n';
			i++;
			continue;
		}
		start = i;
		while (i < n && s[i] != ' ' && s[i] != '\n')
			i++;
		words[count].text = s + start;
		words[count].len = i - start;
		words[count].sentence_start = new_sentence;
		new_sentence = 0;
		count++;
	}
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	kb_ner_word *words = malloc((size / 2 + 1) * sizeof *words);
	uint8_t *labels;
	size_t count, i;
	kb_status status;
	FUZZ_ASSERT(words != NULL);
	count = split_words(s, size, words);
	labels = malloc(count + 1);
	FUZZ_ASSERT(labels != NULL);
	memset(labels, 0xEE, count + 1);
	status = kb_ner_tag(words, count, labels);
	FUZZ_ASSERT_STATUS(status);
	for (i = 0; status == KB_OK && i < count; i++)
		FUZZ_ASSERT(labels[i] < KB_NER_LABEL_COUNT && kb_ner_label_name(labels[i]) != NULL);
	/* Nothing written past the last word. */
	FUZZ_ASSERT(labels[count] == 0xEE);
	free(labels);
	free(words);
	return 0;
}
