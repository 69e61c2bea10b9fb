/* test_tokenize.c: tokens, clitics and sentences of the engine. */
#include "kb.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static kb_tokens tokenize(const char *s)
{
	kb_tokens tokens;
	memset(&tokens, 0, sizeof tokens);
	CHECK(kb_tokenize(s, strlen(s), &tokens) == KB_OK);
	return tokens;
}

/* "prefix+stem+suffix" of token i, in search form. */
static const char *segments(const kb_tokens *t, size_t i, char *out)
{
	const kb_token *tk = &t->items[i];
	const char *norm = t->text.data + tk->norm;
	size_t stem = tk->norm_len - tk->prefix_len - tk->suffix_len;
	sprintf(out, "%.*s+%.*s+%.*s", (int)tk->prefix_len, norm, (int)stem, norm + tk->prefix_len,
	        (int)tk->suffix_len, norm + tk->norm_len - tk->suffix_len);
	return out;
}

static void check_segmentation(const char *word, const char *want)
{
	char got[256];
	kb_tokens t = tokenize(word);
	CHECK(t.count == 1);
	if (t.count == 1)
		CHECK_STR(segments(&t, 0, got), want);
	kb_tokens_free(&t);
}

static void test_clitics(void)
{
	static const char *const cases[][2] = {
		{"بيروت", "+بيروت+"}, {"ليبيا", "+ليبيا+"}, {"لبنان", "+لبنان+"}, {"كامل", "+كامل+"},
		{"باشاغا", "+باشاغا+"}, {"وزير", "+وزير+"}, {"هاتفية", "+هاتفيه+"},
		{"وليبيا", "و+ليبيا+"}, {"ببيروت", "ب+بيروت+"}, {"والتعاون", "وال+تعاون+"},
		{"للتواصل", "لل+تواصل+"}, {"بالنفط", "بال+نفط+"}, {"كتابه", "+كتاب+ه"},
		{"كتابة", "+كتابه+"}, {"ألمانيا", "+المانيا+"}, {"وألمانيا", "و+المانيا+"},
		{"الله", "+الله+"}, {"الاستقرار", "ال+استقرار+"}, {"وباشاغا", "و+باشاغا+"},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_segmentation(cases[i][0], cases[i][1]);
}

static void test_stem_span(void)
{
	const char *s = "ولحكومته";
	kb_tokens t = tokenize(s);
	CHECK(t.count == 1);
	CHECK(t.items[0].stem_start == strlen("ول"));
	CHECK(t.items[0].stem_stop == strlen("ولحكومت"));
	kb_tokens_free(&t);
}

static void test_kinds(void)
{
	const char *s = "قال: زارَ، 3.5 و5+5 ok@x.com https://a.b/c?d=1. @ali #عاصفة_الحزم G20 \xff!";
	static const int want[] = {
		KB_TOKEN_WORD, KB_TOKEN_PUNCT, KB_TOKEN_WORD, KB_TOKEN_PUNCT, KB_TOKEN_NUMBER,
		KB_TOKEN_WORD, KB_TOKEN_NUMBER, KB_TOKEN_SYMBOL, KB_TOKEN_NUMBER, KB_TOKEN_EMAIL,
		KB_TOKEN_URL, KB_TOKEN_PUNCT, KB_TOKEN_MENTION, KB_TOKEN_HASHTAG, KB_TOKEN_LATIN,
		KB_TOKEN_SYMBOL, KB_TOKEN_PUNCT
	};
	kb_tokens t = tokenize(s);
	size_t i;
	CHECK(t.count == sizeof want / sizeof want[0]);
	for (i = 0; i < t.count && i < sizeof want / sizeof want[0]; i++)
		CHECK(t.items[i].kind == want[i]);
	/* The diacritic stays in the word; the search form drops it. */
	CHECK(t.items[2].stop - t.items[2].start == strlen("زارَ"));
	CHECK(t.items[2].norm_len == strlen("زار"));
	kb_tokens_free(&t);
}

static size_t count_sentences(const char *s)
{
	kb_spans spans;
	size_t n;
	memset(&spans, 0, sizeof spans);
	CHECK(kb_sentences(s, strlen(s), &spans) == KB_OK);
	n = spans.count;
	kb_spans_free(&spans);
	return n;
}

static void test_sentences(void)
{
	CHECK(count_sentences("قال. ثم ذهب! هل جاء؟ نعم") == 4);
	CHECK(count_sentences("بلغ 3.5 بالمئة. انتهى") == 2);
	CHECK(count_sentences("قال: \"جاء. ثم ذهب\" أمس. ثم") == 2);
	CHECK(count_sentences("قال: \"جاء.\" ثم ذهب") == 2);
	CHECK(count_sentences("زار د. محمد www.x.com. وعاد") == 2);
	CHECK(count_sentences("عنوان\n\nنص. آخر") == 3);
	CHECK(count_sentences("") == 0);
}

/* Every prefix of a text with invalid bytes tokenizes without error. */
static void test_invalid(void)
{
	const char s[] = "و\xd9\xff\xc0\x80ليبيا\xe2\x80";
	size_t n;
	for (n = 0; n <= sizeof s - 1; n++) {
		kb_tokens t;
		kb_spans spans;
		memset(&t, 0, sizeof t);
		memset(&spans, 0, sizeof spans);
		CHECK(kb_tokenize(s, n, &t) == KB_OK);
		CHECK(kb_sentences(s, n, &spans) == KB_OK);
		kb_tokens_free(&t);
		kb_spans_free(&spans);
	}
}

/* Random mixtures of Arabic, marks, quotes, URLs, digits and invalid bytes:
 * every token and sentence lies in the input, in order, stems inside tokens. */
static void test_random_inputs(void)
{
	static const char *const pieces[] = {
		"وليبيا", "والتعاون", "كتابهُ", "ـ", "\xd9\x8e", "\xe2\x80\x8c", " ", "\n", ".", "؟", "\"",
		"«", "»", "3.5", "5+5", "http://x.y/z", "a@b.co", "@u", "#وسم", "\xff", "\xd9", "\xe2\x80",
		"…", "د.", "ﻻ", "(", ")", "Mr.", "x"
	};
	static char buf[41000];   /* round 0 is long enough for the tokenizer's memo */
	uint32_t state = 1;
	int round;
	for (round = 0; round < 3000; round++) {
		size_t n = 0, i;
		kb_tokens t;
		kb_spans spans;
		int ok = 1;
		while (n < (round == 0 ? 40000u : 400u)) {
			const char *piece;
			state = state * 1103515245u + 12345u;
			piece = pieces[(state >> 16) % (sizeof pieces / sizeof pieces[0])];
			memcpy(buf + n, piece, strlen(piece));
			n += strlen(piece);
		}
		memset(&t, 0, sizeof t);
		memset(&spans, 0, sizeof spans);
		CHECK(kb_tokenize(buf, n, &t) == KB_OK);
		CHECK(kb_sentences(buf, n, &spans) == KB_OK);
		for (i = 0; i < t.count; i++) {
			const kb_token *tk = &t.items[i];
			ok &= tk->start < tk->stop && tk->stop <= n && (i == 0 || t.items[i - 1].stop <= tk->start);
			ok &= tk->start <= tk->stem_start && tk->stem_start < tk->stem_stop && tk->stem_stop <= tk->stop;
			ok &= tk->norm + tk->norm_len <= t.text.len && tk->prefix_len + tk->suffix_len <= tk->norm_len;
		}
		for (i = 0; i < spans.count; i++)
			ok &= spans.items[i].start < spans.items[i].stop && spans.items[i].stop <= n &&
			      (i == 0 || spans.items[i - 1].stop <= spans.items[i].start);
		CHECK(ok);
		kb_tokens_free(&t);
		kb_spans_free(&spans);
	}
}

/* A text of several megabytes (the huge-page path): the same tokens as its
 * repeated phrase, times the repetitions. */
static void test_long_text(void)
{
	const char *phrase = "وليبيا والتعاون، 3.5 ok. ";
	size_t len = strlen(phrase), reps = ((size_t)3 << 20) / 32, i;
	char *text = malloc(len * reps);
	kb_tokens t;
	memset(&t, 0, sizeof t);
	CHECK(text != NULL);
	if (!text)
		return;
	for (i = 0; i < reps; i++)
		memcpy(text + i * len, phrase, len);
	CHECK(kb_tokenize(text, len * reps, &t) == KB_OK);
	CHECK(t.count == 6 * reps);
	CHECK(t.items[6 * (reps - 1)].prefix_len == strlen("و"));
	kb_tokens_free(&t);
	free(text);
}

int main(void)
{
	test_clitics();
	test_stem_span();
	test_kinds();
	test_sentences();
	test_invalid();
	test_random_inputs();
	test_long_text();
	return check_report("test_tokenize");
}
