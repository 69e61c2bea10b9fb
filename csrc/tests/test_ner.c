/*
 * test_ner.c: the statistical NER tagger (kb_ner.c, kb_ner_features.c):
 * label names, clitic splitting, BIO well-formedness, determinism,
 * documents, bad bytes, and a few tags the compiled model must get right.
 */
#include <stdlib.h>

#include "check.h"
#include "kb.h"
#include "kb_ner_internal.h"

/* Splits a space-separated sentence into words (pointers into s). */
static size_t split(const char *s, kb_ner_word *words, size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		const char *e;
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		for (e = s; *e && *e != ' '; e++)
			;
		words[n].text = s;
		words[n].len = (size_t)(e - s);
		words[n].sentence_start = n == 0;
		n++;
		s = e;
	}
	return n;
}

static void test_label_names(void)
{
	CHECK_STR(kb_ner_label_name(KB_NER_O), "O");
	CHECK_STR(kb_ner_label_name(KB_NER_B_PERS), "B-PERS");
	CHECK_STR(kb_ner_label_name(KB_NER_I_MISC), "I-MISC");
	CHECK(kb_ner_label_name(-1) == NULL);
	CHECK(kb_ner_label_name(KB_NER_LABEL_COUNT) == NULL);
}

static void test_prefixes(void)
{
	/* search forms: وبالمدينه → وبال + مدينه; لل + بنك; short words stay */
	CHECK(kb_ner_prefix_len("\xD9\x88\xD8\xA8\xD8\xA7\xD9\x84\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD9\x87", 18) == 8);
	CHECK(kb_ner_prefix_len("\xD9\x84\xD9\x84\xD8\xA8\xD9\x86\xD9\x83", 10) == 4);
	CHECK(kb_ner_prefix_len("\xD9\x88\xD9\x84\xD8\xAF", 6) == 0);   /* ولد */
	CHECK(kb_ner_prefix_len("", 0) == 0);
}

/* Every I-X continues a B-X or I-X of the same sentence. */
static int well_formed(const kb_ner_word *words, const uint8_t *labels, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		int y = labels[i];
		if (y >= KB_NER_LABEL_COUNT)
			return 0;
		if (y && !(y & 1) && (words[i].sentence_start || (labels[i - 1] != y && labels[i - 1] != y - 1)))
			return 0;
	}
	return 1;
}

static void test_sentence(void)
{
	kb_ner_word words[32];
	uint8_t labels[32], again[32];
	/* قال الرئيس الأمريكي باراك أوباما في واشنطن إن ... */
	size_t n = split("\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD8\xB1\xD8\xA6\xD9\x8A\xD8\xB3 "
	                 "\xD8\xA8\xD8\xA7\xD8\xB1\xD8\xA7\xD9\x83 \xD8\xA3\xD9\x88\xD8\xA8\xD8\xA7\xD9\x85\xD8\xA7 "
	                 "\xD9\x81\xD9\x8A \xD9\x88\xD8\xA7\xD8\xB4\xD9\x86\xD8\xB7\xD9\x86 .", words, 32);
	CHECK(n == 7);
	CHECK(kb_ner_tag(words, n, labels) == KB_OK);
	CHECK(well_formed(words, labels, n));
	CHECK(labels[0] == KB_NER_O);
	CHECK(labels[2] == KB_NER_B_PERS);
	CHECK(labels[3] == KB_NER_I_PERS);
	CHECK(labels[4] == KB_NER_O);
	CHECK(labels[5] == KB_NER_B_LOC);
	CHECK(labels[6] == KB_NER_O);
	CHECK(kb_ner_tag(words, n, again) == KB_OK);
	CHECK(memcmp(labels, again, n) == 0);
}

static void test_edges(void)
{
	kb_ner_word words[4] = {{"\xFF\xFE", 2, 1}, {"", 0, 0}, {"\xD8", 1, 0}, {"abc", 3, 1}};
	uint8_t labels[4] = {99, 99, 99, 99};
	CHECK(kb_ner_tag(words, 0, labels) == KB_OK);
	CHECK(labels[0] == 99);
	CHECK(kb_ner_tag(words, 4, labels) == KB_OK);
	CHECK(well_formed(words, labels, 4));
	CHECK(kb_ner_tag(NULL, 3, labels) == KB_EINVAL);
}

/* A long document of repeated sentences: every label valid, linear work. */
static void test_document(void)
{
	enum { REPEAT = 2000 };
	kb_ner_word one[16], *words = malloc(REPEAT * 16 * sizeof *words);
	uint8_t *labels = malloc(REPEAT * 16);
	size_t n = split("\xD8\xB2\xD8\xA7\xD8\xB1 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1 "
	                 "\xD8\xA7\xD9\x84\xD9\x82\xD8\xA7\xD9\x87\xD8\xB1\xD8\xA9 .", one, 16), i;
	CHECK(words && labels);
	if (!words || !labels) {
		free(words);
		free(labels);
		return;
	}
	for (i = 0; i < REPEAT * n; i++)
		words[i] = one[i % n];
	CHECK(kb_ner_tag(words, REPEAT * n, labels) == KB_OK);
	CHECK(well_formed(words, labels, REPEAT * n));
	CHECK(labels[2] == KB_NER_B_LOC);
	CHECK(labels[(REPEAT - 1) * n + 2] == KB_NER_B_LOC);
	free(words);
	free(labels);
}

int main(void)
{
	test_label_names();
	test_prefixes();
	test_sentence();
	test_edges();
	test_document();
	return check_report("test_ner");
}
