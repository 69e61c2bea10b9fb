/*
 * test_tokenize_tables.c: the tokenizer's shortcuts agree with the slow
 * ways they stand for: the search form of plain Arabic letters with
 * kb_normalize, and the segmentations precomputed in the clitic lexicon
 * (csrc/gen/kb_clitic_lexicon.h, make gen-clitics) with kb_segment_letters.
 * Run from the repository's root (it reads data/clitics/).
 */
#include "kb_tokenize_internal.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* Each plain letter at the start, inside and at the end of a word: the
 * token's search form is kb_normalize's. */
static void test_plain_letters(void)
{
	kb_norm_options opts;
	int32_t cp;
	kb_norm_profile(&opts, "search");
	for (cp = 0x621; cp <= 0x64A; cp++) {
		char word[16], letter[4];
		size_t len = kb_utf8_encode(cp, letter), n = 0, bad;
		kb_tokens t;
		kb_buf norm = {NULL, 0, 0};
		if (cp > 0x63A && cp < 0x641)
			continue;
		memcpy(word + n, letter, len), n += len;
		memcpy(word + n, "\xd8\xa8", 2), n += 2;   /* ب */
		memcpy(word + n, letter, len), n += len;
		memset(&t, 0, sizeof t);
		CHECK(kb_tokenize(word, n, &t) == KB_OK && t.count == 1);
		CHECK(kb_normalize(&opts, word, n, &norm, NULL, &bad) == KB_OK);
		CHECK(t.count == 1 && t.items[0].norm_len == norm.len &&
		      memcmp(t.text.data + t.items[0].norm, norm.data, norm.len) == 0);
		kb_buf_free(&norm);
		kb_tokens_free(&t);
	}
}

#define CODE(cp) ((unsigned char)('A' + (cp) - 0x621))

/* gen_clitics.py's folding of the overrides: آ أ إ → ا, ى → ي, ة → ه. */
static void fold_codes(unsigned char *code, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (code[i] == CODE(0x622) || code[i] == CODE(0x623) || code[i] == CODE(0x625))
			code[i] = CODE(0x627);
		else if (code[i] == CODE(0x649))
			code[i] = CODE(0x64A);
		else if (code[i] == CODE(0x629))
			code[i] = CODE(0x647);
	}
}

static int same_segmentation(const unsigned char *code, size_t n, unsigned hints)
{
	size_t prefix = 0, suffix = 0, want_prefix, want_suffix;
	kb_segment_letters(code, n, hints, &want_prefix, &want_suffix);
	if (!kb_segment_known(code, n, kb_clitic_hash(code, n), hints, &prefix, &suffix))
		return 0;
	return prefix == want_prefix && suffix == want_suffix;
}

/* Every word of a lexicon file ("word class" lines, or overrides with +)
 * is in the table, with the segmentation kb_segment_letters gives. */
static void check_lexicon_file(const char *path, size_t at_least)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t words = 0, wrong = 0;
	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char word[512];
		unsigned char code[KB_SEG_MAX_LETTERS];
		size_t i, n = 0, letters;
		if (line[0] == '#')
			continue;
		for (i = 0; line[i] && line[i] != ' ' && line[i] != '\n'; i++)
			if (line[i] != '+')
				word[n++] = line[i];
		letters = kb_segment_encode(word, n, code);
		if (letters == 0)
			continue;   /* diacritics in an override: not a table key as written */
		fold_codes(code, letters);
		words++;
		if (!same_segmentation(code, letters, 0) ||
		    !same_segmentation(code, letters, KB_SEG_FINAL_TEH_MARBUTA)) {
			if (wrong++ < 5)
				fprintf(stderr, "%s: %.*s: stale segmentation (make gen-clitics)\n", path, (int)n, word);
		}
	}
	fclose(f);
	CHECK(words >= at_least);
	CHECK(wrong == 0);
}

int main(void)
{
	test_plain_letters();
	check_lexicon_file("data/clitics/lexicon.txt", 80000);
	check_lexicon_file("data/clitics/overrides.txt", 10);
	return check_report("test_tokenize_tables");
}
