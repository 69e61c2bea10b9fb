/*
 * normalize_c_bench.c: the C side of bench/normalize_bench.lua.
 *
 *   normalize_c_bench FILE MODE [REPEAT]
 *
 * MODE is "engine" (kb_normalize, search profile, the whole text at once),
 * "engine-lines" (one call per line, as the tokenizer does per word),
 * "icu" (the search rules as one ICU transliterator rule chain, one call
 * per line, UTF-8 to UTF-16 and back included) or "memcpy". Prints
 * "MODE BYTES SECONDS OUTPUT_BYTES": the best of REPEAT runs (CPU time).
 */
#include "kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/utrans.h>
#include <unicode/ustring.h>

/* The search profile, step by step, as ICU transliteration rules. */
static const char icu_rules[] =
	":: NFC ;\n"
	":: [\\uFB50-\\uFDFF\\uFE70-\\uFEFE] NFKC ;\n"
	"[\\u064B-\\u065F\\u0670\\u0610-\\u061A\\u06D6-\\u06ED] > ;\n"
	"\\u0640 > ;\n"
	"[\\u0622\\u0623\\u0625\\u0671\\u0672\\u0673\\u0675] > \\u0627 ;\n"
	"\\u0649 > \\u064A ;\n"
	"[\\u0629\\u06C0\\u06C1\\u06BE\\u06D5] > \\u0647 ;\n"
	"[\\u06CC\\u06D2] > \\u064A ; [\\u06A9\\u06AF] > \\u0643 ; \\u067E > \\u0628 ;\n"
	"\\u0686 > \\u062C ; \\u0698 > \\u0632 ; \\u06A4 > \\u0641 ;\n"
	"[\\u0660\\u06F0] > 0 ; [\\u0661\\u06F1] > 1 ; [\\u0662\\u06F2] > 2 ; [\\u0663\\u06F3] > 3 ;\n"
	"[\\u0664\\u06F4] > 4 ; [\\u0665\\u06F5] > 5 ; [\\u0666\\u06F6] > 6 ; [\\u0667\\u06F7] > 7 ;\n"
	"[\\u0668\\u06F8] > 8 ; [\\u0669\\u06F9] > 9 ;\n"
	"\\u066B > '.' ; \\u066C > ',' ; \\u066A > '%' ;\n"
	"\\u060C > ',' ; \\u061B > ';' ; \\u061F > '?' ; [\\u00AB\\u00BB] > '\"' ;\n"
	"[\\u200C\\u200D\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\u00AD] > ;\n"
	":: Null ;\n"
	"[:White_Space:]+ > ' ' ;\n"
	":: Any-Lower ;\n";

static double cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long size;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)size + 1);
	if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
		free(data);
		data = NULL;
	}
	fclose(f);
	*len = (size_t)size;
	return data;
}

/* The output buffer is the caller's and reused across runs, so the figure
 * is the engine's work and not the kernel's first touch of fresh pages. */
static size_t run_engine(const char *text, size_t n, int per_line, kb_buf *out)
{
	kb_norm_options opts;
	size_t i = 0, total = 0;
	kb_norm_profile(&opts, "search");
	out->len = 0;
	if (!per_line) {
		kb_normalize(&opts, text, n, out, NULL, NULL);
		total = out->len;
	}
	while (per_line && i < n) {
		const char *end = memchr(text + i, '\n', n - i);
		size_t len = end ? (size_t)(end - (text + i)) : n - i;
		out->len = 0;
		kb_normalize(&opts, text + i, len, out, NULL, NULL);
		total += out->len;
		i += len + 1;
	}
	return total;
}

static UTransliterator *open_icu_chain(void)
{
	UErrorCode err = U_ZERO_ERROR;
	UParseError parse;
	UChar id[] = {'k', 'b', '-', 's', 'e', 'a', 'r', 'c', 'h', 0};
	static UChar rules[sizeof icu_rules];
	int32_t len = 0;
	UTransliterator *t = NULL;
	memset(&parse, 0, sizeof parse);
	u_strFromUTF8(rules, (int32_t)sizeof icu_rules, &len, icu_rules, -1, &err);
	if (U_SUCCESS(err))
		t = utrans_openU(id, -1, UTRANS_FORWARD, rules, len, &parse, &err);
	if (U_FAILURE(err))
		fprintf(stderr, "ICU rules: %s (line %d, offset %d)\n", u_errorName(err), parse.line,
		        parse.offset);
	return U_SUCCESS(err) ? t : NULL;
}

/* One line through the ICU chain: UTF-8 → UTF-16, transliterate, → UTF-8. */
static size_t icu_line(UTransliterator *t, const char *s, size_t n, UChar *u, int32_t cap,
                       char *out, int32_t out_cap)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = 0, limit, written = 0;
	u_strFromUTF8WithSub(u, cap, &len, s, (int32_t)n, 0xFFFD, NULL, &err);
	limit = len;
	utrans_transUChars(t, u, &len, cap, 0, &limit, &err);
	u_strToUTF8(out, out_cap, &written, u, len, &err);
	return U_SUCCESS(err) ? (size_t)written : 0;
}

static size_t run_icu(const char *text, size_t n)
{
	UTransliterator *t = open_icu_chain();
	size_t i = 0, total = 0, longest = 0;
	UChar *u;
	char *out;
	if (!t)
		return 0;
	while (i < n) {
		const char *end = memchr(text + i, '\n', n - i);
		size_t len = end ? (size_t)(end - (text + i)) : n - i;
		if (len > longest)
			longest = len;
		i += len + 1;
	}
	u = malloc((4 * longest + 16) * sizeof *u);
	out = malloc(8 * longest + 16);
	for (i = 0; u && out && i < n;) {
		const char *end = memchr(text + i, '\n', n - i);
		size_t len = end ? (size_t)(end - (text + i)) : n - i;
		total += icu_line(t, text + i, len, u, (int32_t)(4 * longest + 16), out,
		                  (int32_t)(8 * longest + 16));
		i += len + 1;
	}
	free(u);
	free(out);
	utrans_close(t);
	return total;
}

static size_t run_memcpy(const char *text, size_t n, kb_buf *out)
{
	out->len = 0;
	if (kb_buf_append(out, text, n) != KB_OK)
		return 0;
	return (size_t)(unsigned char)out->data[n / 2] + n > 0 ? n : 0;
}

int main(int argc, char **argv)
{
	size_t n = 0, produced = 0;
	kb_buf out = {0};
	double best = 1e30;
	int repeat, r;
	char *text;
	if (argc < 3) {
		fprintf(stderr, "usage: %s FILE engine|engine-lines|icu|memcpy [REPEAT]\n", argv[0]);
		return 2;
	}
	repeat = argc > 3 ? atoi(argv[3]) : 3;
	text = read_file(argv[1], &n);
	if (!text) {
		fprintf(stderr, "cannot read %s\n", argv[1]);
		return 1;
	}
	/* A warm output buffer: written once before timing. */
	if (kb_buf_reserve(&out, 2 * n + 64) != KB_OK)
		return 1;
	memset(out.data, 0, out.cap);
	for (r = 0; r < repeat; r++) {
		double t0 = cpu_seconds(), dt;
		if (strcmp(argv[2], "engine") == 0)
			produced = run_engine(text, n, 0, &out);
		else if (strcmp(argv[2], "engine-lines") == 0)
			produced = run_engine(text, n, 1, &out);
		else if (strcmp(argv[2], "icu") == 0)
			produced = run_icu(text, n);
		else
			produced = run_memcpy(text, n, &out);
		dt = cpu_seconds() - t0;
		if (dt < best)
			best = dt;
	}
	printf("%s %lu %.6f %lu\n", argv[2], (unsigned long)n, best, (unsigned long)produced);
	kb_buf_free(&out);
	free(text);
	return 0;
}
