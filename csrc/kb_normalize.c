/*
 * kb_normalize.c: Arabic normalization in one pass over UTF-8.
 *
 * Each code point has at most one rule (generated into
 * gen/kb_normalize_tables.h): a step, and what the step does to it
 * (replace, delete, space, ZWNJ, case-fold). Replacements are fed back
 * through the later steps only, so "ﻷ" unfolds to "لأ" (step 1) and the
 * alef step then folds "أ" to "ا". docs/normalization.md lists the steps.
 *
 * Two loops share the per-code-point logic: a fast one (no offset map)
 * that copies ASCII and two-byte characters through a table without
 * decoding more than it must, and the general one. ICU is used only for
 * what needs it: composing a base with a following composing mark (or
 * reordering marks), and full case folding outside ASCII. Neither creates
 * ICU objects (the NFC instance is ICU's singleton).
 */
#include "kb.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#if defined(__GNUC__) && defined(__x86_64__)
#define KB_HAVE_SSSE3 1
#include <tmmintrin.h>
#endif

/* ==================================================================== */
/* Tables                                                                */
/* ==================================================================== */

enum { KIND_MAP, KIND_SPACE, KIND_ZWNJ, KIND_FOLD };
enum {
	STEP_COMPOSE, STEP_DIACRITICS, STEP_TATWEEL, STEP_ALEF, STEP_YEH, STEP_TEH,
	STEP_PERSIAN, STEP_HAMZA, STEP_DIGITS, STEP_PUNCTUATION, STEP_INVISIBLE,
	STEP_SPACE, STEP_CASE, STEP_COUNT
};
enum { QC_YES, QC_MAYBE, QC_NO };

typedef struct {
	uint8_t step, kind, len;
	const char *text;       /* the replacement, UTF-8 (empty: delete) */
} kb_norm_rule;

typedef struct { uint16_t mask, bytes; } kb_norm_fast;
typedef struct { uint16_t rule; uint8_t ccc, qc; } kb_norm_info;

#define FAST_HAS 0x8000u        /* kb_norm_fast.mask: a table replacement exists */
#define FAST_LEN(mask) (((mask) >> 13) & 3u)

#include "gen/kb_normalize_tables.h"

static const kb_norm_rule space_rule = {STEP_SPACE, KIND_SPACE, 1, " "};
static const kb_norm_rule fold_rule = {STEP_CASE, KIND_FOLD, 0, ""};

static const char *const flag_names[STEP_COUNT] = {
	"compose", "diacritics", "tatweel", "alef", "yeh", "teh_marbuta", "persian",
	"hamza", "digits", "punctuation", "invisible", "space", "case"
};

const char *kb_norm_flag_name(unsigned bit)
{
	return bit < STEP_COUNT ? flag_names[bit] : NULL;
}

/* ==================================================================== */
/* Profiles and the offset map                                           */
/* ==================================================================== */

#define SEARCH_FLAGS (KB_NORM_COMPOSE | KB_NORM_DIACRITICS | KB_NORM_TATWEEL | \
	KB_NORM_ALEF | KB_NORM_YEH | KB_NORM_TEH_MARBUTA | KB_NORM_PERSIAN | \
	KB_NORM_DIGITS | KB_NORM_PUNCTUATION | KB_NORM_INVISIBLE | KB_NORM_SPACE | \
	KB_NORM_CASE)

kb_status kb_norm_profile(kb_norm_options *opts, const char *name)
{
	opts->invalid = KB_INVALID_REPAIR;
	if (!name || strcmp(name, "search") == 0) {
		opts->flags = SEARCH_FLAGS;
		opts->zwnj = KB_ZWNJ_REMOVE;
	} else if (strcmp(name, "display") == 0) {
		opts->flags = KB_NORM_COMPOSE | KB_NORM_INVISIBLE | KB_NORM_SPACE;
		opts->zwnj = KB_ZWNJ_KEEP;
	} else if (strcmp(name, "none") == 0) {
		opts->flags = 0;
		opts->zwnj = KB_ZWNJ_KEEP;
	} else {
		return KB_EINVAL;
	}
	return KB_OK;
}

void kb_offset_map_free(kb_offset_map *map)
{
	free(map->start);
	free(map->stop);
	map->start = map->stop = NULL;
	map->len = map->cap = 0;
}

static kb_status map_reserve(kb_offset_map *map, size_t need)
{
	size_t cap;
	uint32_t *start, *stop;
	if (need <= map->cap)
		return KB_OK;
	cap = map->cap ? map->cap : 64;
	while (cap < need)
		cap *= 2;
	start = realloc(map->start, cap * sizeof *start);
	if (!start)
		return KB_ENOMEM;
	map->start = start;
	stop = realloc(map->stop, cap * sizeof *stop);
	if (!stop)
		return KB_ENOMEM;
	map->stop = stop;
	map->cap = cap;
	return KB_OK;
}

/* ==================================================================== */
/* Per-call state and output                                             */
/* ==================================================================== */

typedef struct {
	const kb_norm_options *opts;
	const unsigned char *src;
	size_t n;
	kb_buf *out;
	kb_offset_map *map;
	size_t base;        /* out->len when the call began */
	size_t tail;        /* input bytes not yet consumed: room kept for the fast loop */
	size_t seg_in;      /* input offset of the last starter (for composition) */
	size_t seg_out;     /* out->len before that starter was processed */
	int seg_valid;
} norm_state;

static kb_status emit_bytes(norm_state *st, const char *bytes, size_t k,
                            size_t from, size_t to)
{
	size_t i;
	/* Room for the rest of the input too, plus the two bytes the table
	 * loop may store beyond what it keeps. */
	if (kb_buf_reserve(st->out, k + st->tail + 2) != KB_OK)
		return KB_ENOMEM;
	memcpy(st->out->data + st->out->len, bytes, k);
	st->out->len += k;
	if (!st->map)
		return KB_OK;
	if (map_reserve(st->map, st->map->len + k) != KB_OK)
		return KB_ENOMEM;
	for (i = 0; i < k; i++) {
		st->map->start[st->map->len] = (uint32_t)from;
		st->map->stop[st->map->len++] = (uint32_t)to;
	}
	return KB_OK;
}

static kb_status emit_cp(norm_state *st, int32_t cp, size_t from, size_t to)
{
	char bytes[4];
	return emit_bytes(st, bytes, kb_utf8_encode(cp, bytes), from, to);
}

/* A deleted or collapsed piece of input belongs to the output character
 * before it, so a highlight of that character covers it; at the start of
 * the output it belongs to nothing. */
static void attach(norm_state *st, size_t to)
{
	size_t j;
	if (!st->map || st->out->len == st->base)
		return;
	j = st->out->len - 1;
	while (j > st->base && ((unsigned char)st->out->data[j] & 0xC0) == 0x80)
		j--;
	for (j -= st->base; j < st->map->len; j++)
		st->map->stop[j] = (uint32_t)to;
}

static kb_status emit_space(norm_state *st, size_t from, size_t to)
{
	if (st->out->len == st->base || st->out->data[st->out->len - 1] == ' ') {
		attach(st, to);
		return KB_OK;
	}
	return emit_bytes(st, " ", 1, from, to);
}

/* ==================================================================== */
/* Rules                                                                 */
/* ==================================================================== */

static const kb_norm_rule *rule_of(const norm_state *st, int32_t cp)
{
	unsigned index = 0;
	if (cp < KB_NORM_LO_END)
		index = kb_norm_lo_info[cp].rule;
	else if (cp >= KB_NORM_PUNCT_BASE && cp < KB_NORM_PUNCT_END)
		index = kb_norm_punct_rule[cp - KB_NORM_PUNCT_BASE];
	else if (cp >= KB_NORM_PRES_BASE && cp < KB_NORM_PRES_END)
		index = kb_norm_pres_rule[cp - KB_NORM_PRES_BASE];
	else if (cp == 0x1680 || cp == 0x3000)
		return &space_rule;
	else if ((st->opts->flags & KB_NORM_CASE) &&
	         u_hasBinaryProperty(cp, UCHAR_CHANGES_WHEN_CASEFOLDED))
		return &fold_rule;
	return index ? &kb_norm_rules[index] : NULL;
}

static kb_status apply(norm_state *st, int32_t cp, size_t from, size_t to, unsigned min_step);

/* Feeds each code point of a UTF-8 replacement through the later steps. */
static kb_status apply_text(norm_state *st, const char *text, size_t len,
                            size_t from, size_t to, unsigned min_step)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		kb_status status;
		i += kb_utf8_decode((const unsigned char *)text + i, len - i, &cp);
		status = apply(st, cp, from, to, min_step);
		if (status != KB_OK)
			return status;
	}
	return KB_OK;
}

/* Full case folding (ß → ss, ﬁ → fi) of one code point, with ICU. */
static kb_status apply_fold(norm_state *st, int32_t cp, size_t from, size_t to)
{
	UChar in[2], folded[8];
	int32_t in_len = 0, len, i = 0;
	UErrorCode err = U_ZERO_ERROR;
	U16_APPEND_UNSAFE(in, in_len, cp);
	len = u_strFoldCase(folded, 8, in, in_len, U_FOLD_CASE_DEFAULT, &err);
	if (U_FAILURE(err) || len > 8)
		return emit_cp(st, cp, from, to);
	while (i < len) {
		UChar32 c;
		kb_status status;
		U16_NEXT(folded, i, len, c);
		status = emit_cp(st, c, from, to);
		if (status != KB_OK)
			return status;
	}
	return KB_OK;
}

static kb_status apply_zwnj(norm_state *st, int32_t cp, size_t from, size_t to)
{
	switch (st->opts->zwnj) {
	case KB_ZWNJ_REMOVE:
		attach(st, to);
		return KB_OK;
	case KB_ZWNJ_SPACE:
		return apply(st, ' ', from, to, STEP_INVISIBLE + 1);
	case KB_ZWNJ_KEEP:
		break;
	}
	return emit_cp(st, cp, from, to);
}

/* Runs the steps from min_step on for one code point of input [from, to). */
static kb_status apply(norm_state *st, int32_t cp, size_t from, size_t to, unsigned min_step)
{
	const kb_norm_rule *rule = rule_of(st, cp);
	if (!rule || rule->step < min_step || !(st->opts->flags & (1u << rule->step)))
		return emit_cp(st, cp, from, to);
	switch (rule->kind) {
	case KIND_SPACE:
		return emit_space(st, from, to);
	case KIND_ZWNJ:
		return apply_zwnj(st, cp, from, to);
	case KIND_FOLD:
		return apply_fold(st, cp, from, to);
	default:
		if (rule->len == 0) {
			attach(st, to);
			return KB_OK;
		}
		return apply_text(st, rule->text, rule->len, from, to, rule->step + 1u);
	}
}

/* ==================================================================== */
/* Canonical composition                                                 */
/* ==================================================================== */

/* Segments longer than this are left uncomposed: it bounds the work (ICU
 * reorders marks by insertion) and no real text needs more. */
#define MAX_SEGMENT 256

static unsigned combining_class(int32_t cp)
{
	if (cp < 0)
		return 0;
	return cp < KB_NORM_LO_END ? kb_norm_lo_info[cp].ccc : u_getCombiningClass(cp);
}

static unsigned quick_check(int32_t cp)
{
	if (cp < KB_NORM_LO_END)
		return kb_norm_lo_info[cp].qc;
	switch (u_getIntPropertyValue(cp, UCHAR_NFC_QUICK_CHECK)) {
	case UNORM_NO: return QC_NO;
	case UNORM_MAYBE: return QC_MAYBE;
	default: return QC_YES;
	}
}

/* The combining class of the code point that ends at src[at]. */
static unsigned previous_class(const norm_state *st, size_t at)
{
	size_t start = at - 1;
	int32_t cp;
	while (start > 0 && at - start < 4 && (st->src[start] & 0xC0) == 0x80)
		start--;
	if (kb_utf8_decode(st->src + start, at - start, &cp) != at - start)
		return 0;
	return combining_class(cp);
}

/* Does the code point at [p, ...) need ICU's NFC over its segment? */
static int needs_composition(const norm_state *st, int32_t cp, size_t p)
{
	unsigned ccc = combining_class(cp);
	if (quick_check(cp) != QC_YES)
		return 1;
	return ccc != 0 && p > 0 && previous_class(st, p) > ccc;
}

/* End of the segment that starts with the marks at p. */
static size_t segment_end(const norm_state *st, size_t p)
{
	size_t q = p;
	int first = 1;
	while (q < st->n && q - p <= 2 * MAX_SEGMENT) {
		int32_t cp;
		size_t len = kb_utf8_decode(st->src + q, st->n - q, &cp);
		if (cp < 0 || (!first && combining_class(cp) == 0 && quick_check(cp) != QC_MAYBE))
			break;
		first = 0;
		q += len;
	}
	return q;
}

static size_t to_utf16(const unsigned char *s, size_t n, UChar *out)
{
	size_t i = 0;
	int32_t len = 0;
	while (i < n) {
		int32_t cp;
		i += kb_utf8_decode(s + i, n - i, &cp);
		U16_APPEND_UNSAFE(out, len, cp < 0 ? 0xFFFD : cp);
	}
	return (size_t)len;
}

/* Replaces what the segment [seg, end) produced with the steps applied to
 * its NFC form. Every output character of it maps to the whole segment. */
static kb_status compose_segment(norm_state *st, size_t seg, size_t out_before, size_t end)
{
	UChar in[2 * MAX_SEGMENT], composed[6 * MAX_SEGMENT];
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	int32_t in_len, len, i = 0;
	if (U_FAILURE(err))
		return KB_EICU;
	in_len = (int32_t)to_utf16(st->src + seg, end - seg, in);
	len = unorm2_normalize(nfc, in, in_len, composed, 6 * MAX_SEGMENT, &err);
	if (U_FAILURE(err))
		return KB_EICU;
	st->out->len = out_before;
	if (st->map)
		st->map->len = out_before - st->base;
	st->tail = st->n - end;
	while (i < len) {
		UChar32 c;
		kb_status status;
		U16_NEXT(composed, i, len, c);
		status = apply(st, c, seg, end, 0);
		if (status != KB_OK)
			return status;
	}
	return KB_OK;
}

/* ==================================================================== */
/* The loops                                                             */
/* ==================================================================== */

/* Handles the code point at src[*pos] in full; advances *pos. */
static kb_status step_one(norm_state *st, size_t *pos, size_t *bad_offset)
{
	size_t p = *pos, len, end;
	int32_t cp;
	len = kb_utf8_decode(st->src + p, st->n - p, &cp);
	st->tail = st->n - p - len;
	*pos = p + len;
	if (cp < 0) {
		st->seg_valid = 0;
		if (st->opts->invalid == KB_INVALID_ERROR) {
			*bad_offset = p;
			return KB_EUTF8;
		}
		if (st->opts->invalid == KB_INVALID_DROP) {
			attach(st, p + len);
			return KB_OK;
		}
		return apply(st, 0xFFFD, p, p + len, 0);
	}
	if (st->opts->flags & KB_NORM_COMPOSE) {
		/* Marks with no starter before them (at the start, or after an
		 * invalid sequence) form a segment of their own, which NFC still
		 * puts in canonical order. */
		if (!st->seg_valid && combining_class(cp) != 0) {
			st->seg_in = p;
			st->seg_out = st->out->len;
			st->seg_valid = 1;
		}
		if (needs_composition(st, cp, p)) {
			size_t seg = st->seg_valid ? st->seg_in : p;
			size_t before = st->seg_valid ? st->seg_out : st->out->len;
			end = segment_end(st, p);
			if (end - seg <= 2 * MAX_SEGMENT) {
				*pos = end;
				st->seg_in = seg;
				st->seg_out = before;
				st->seg_valid = 1;
				return compose_segment(st, seg, before, end);
			}
		}
		if (combining_class(cp) == 0) {
			st->seg_in = p;
			st->seg_out = st->out->len;
			st->seg_valid = 1;
		}
	}
	return apply(st, cp, p, p + len, 0);
}

static kb_status general_loop(norm_state *st, size_t *bad_offset)
{
	size_t i = 0;
	while (i < st->n) {
		kb_status status = step_one(st, &i, bad_offset);
		if (status != KB_OK)
			return status;
	}
	return KB_OK;
}

/* ==================================================================== */
/* Sixteen bytes at a time (SSSE3)                                       */
/* ==================================================================== */

/* For one set of flags: which ASCII bytes and which letters of U+0600 to
 * U+067F (two-byte, lead byte D8 or D9) pass through unchanged. */
typedef struct {
	uint8_t ascii[16];  /* by low nibble: bit h set when byte (h << 4 | low) is kept */
	uint8_t trail[16];  /* bytes 0-7: bits of kept U+0600..U+063F by trail & 0x3F; 8-15: U+0640.. */
} simd_tables;

/* Below this many bytes the tables cost more than they save. */
#define SIMD_MIN_INPUT 256

static void build_simd_tables(unsigned flags, simd_tables *t)
{
	unsigned c;
	memset(t, 0, sizeof *t);
	for (c = 0; c < 0x80; c++) {
		unsigned m = kb_norm_fast_table[c].mask & flags;
		/* A single space is kept; the block checks for a second one. */
		if (m == 0 || (c == ' ' && m == KB_NORM_SPACE))
			t->ascii[c & 0x0F] |= (uint8_t)(1u << (c >> 4));
	}
	for (c = 0; c < 0x80; c++)
		if ((kb_norm_fast_table[0x600 + c].mask & flags) == 0)
			t->trail[c >> 3] |= (uint8_t)(1u << (c & 7));
}

#ifdef KB_HAVE_SSSE3
__attribute__((target("ssse3")))
static __m128i byte_vector(unsigned byte)
{
	return _mm_set1_epi8((char)byte);
}

/* All ones when the step is on. */
__attribute__((target("ssse3")))
static __m128i on_flag(unsigned flags, unsigned flag)
{
	return _mm_set1_epi8((flags & flag) ? -1 : 0);
}

__attribute__((target("ssse3")))
static __m128i blend(__m128i a, __m128i b, __m128i take_b)
{
	return _mm_or_si128(_mm_andnot_si128(take_b, a), _mm_and_si128(take_b, b));
}

/* Copies the 16 bytes at p to o, and says which of them belong to
 * characters done with: ASCII of the kept set, single spaces (`prev` is
 * the output byte before p), letters of U+0600..U+067F of the kept set,
 * and the commonest same-length letter changes, made in the copy. Bit i is
 * byte i. A lead byte is accepted when a continuation byte follows; its
 * letter is checked at the continuation byte. Needs p[16] readable. */
__attribute__((target("ssse3")))
static unsigned simd_block(const simd_tables *t, const unsigned char *p, const unsigned char *src,
                           unsigned char *o, unsigned prev, unsigned flags)
{
	const __m128i high_bit = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);
	const __m128i low_bit = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128);
	const __m128i nibble = _mm_set1_epi8(0x0F), seven = _mm_set1_epi8(7);
	const __m128i zero = _mm_setzero_si128(), space = _mm_set1_epi8(' ');
	const __m128i lead_d8 = _mm_set1_epi8((char)0xD8), lead_d9 = _mm_set1_epi8((char)0xD9);
	const __m128i trail_limit = _mm_set1_epi8(-64);
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	__m128i next = _mm_loadu_si128((const __m128i *)(p + 1));
	__m128i before_in = _mm_alignr_epi8(v, _mm_set1_epi8((char)(p > src ? p[-1] : 0)), 15);
	__m128i before_out = _mm_alignr_epi8(v, _mm_set1_epi8((char)prev), 15);
	__m128i ascii_bits = _mm_and_si128(
		_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)t->ascii), _mm_and_si128(v, nibble)),
		_mm_shuffle_epi8(high_bit, _mm_and_si128(_mm_srli_epi16(v, 4), nibble)));
	__m128i ascii_ok = _mm_andnot_si128(_mm_cmpeq_epi8(ascii_bits, zero),
		_mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
	__m128i double_space = _mm_and_si128(on_flag(flags, KB_NORM_SPACE),
		_mm_and_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(before_out, space)));
	__m128i lead = _mm_or_si128(_mm_cmpeq_epi8(v, lead_d8), _mm_cmpeq_epi8(v, lead_d9));
	__m128i lead_ok = _mm_and_si128(lead, _mm_cmplt_epi8(next, trail_limit));
	__m128i after_d9 = _mm_cmpeq_epi8(before_in, lead_d9);
	__m128i after_lead = _mm_or_si128(after_d9, _mm_cmpeq_epi8(before_in, lead_d8));
	__m128i index = _mm_or_si128(_mm_and_si128(_mm_srli_epi16(v, 3), seven),
		_mm_and_si128(after_d9, _mm_set1_epi8(8)));
	__m128i trail_bits = _mm_and_si128(
		_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)t->trail), index),
		_mm_shuffle_epi8(low_bit, _mm_and_si128(v, seven)));
	__m128i trail_ok = _mm_andnot_si128(_mm_cmpeq_epi8(trail_bits, zero),
		_mm_and_si128(_mm_cmplt_epi8(v, trail_limit), after_lead));
	__m128i after_d8 = _mm_cmpeq_epi8(before_in, lead_d8);
	/* The commonest changes keep their length: أ إ آ → ا (trail A2 A3 A5
	 * → A7 after D8), ة → ه (D8 A9 → D9 87), ى → ي (D9 89 → D9 8A). */
	__m128i alef = _mm_and_si128(_mm_and_si128(after_d8, on_flag(flags, KB_NORM_ALEF)),
		_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, byte_vector(0xA2)),
			_mm_cmpeq_epi8(v, byte_vector(0xA3))), _mm_cmpeq_epi8(v, byte_vector(0xA5))));
	__m128i teh = on_flag(flags, KB_NORM_TEH_MARBUTA);
	__m128i teh_trail = _mm_and_si128(_mm_and_si128(after_d8, teh), _mm_cmpeq_epi8(v, byte_vector(0xA9)));
	__m128i teh_lead = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v, lead_d8), teh),
		_mm_cmpeq_epi8(next, byte_vector(0xA9)));
	__m128i yeh = _mm_and_si128(_mm_and_si128(after_d9, on_flag(flags, KB_NORM_YEH)),
		_mm_cmpeq_epi8(v, byte_vector(0x89)));
	__m128i out = blend(v, byte_vector(0xA7), alef);
	out = blend(out, byte_vector(0x87), teh_trail);
	out = blend(out, lead_d9, teh_lead);
	out = blend(out, byte_vector(0x8A), yeh);
	trail_ok = _mm_or_si128(trail_ok, _mm_or_si128(alef, _mm_or_si128(teh_trail, yeh)));
	_mm_storeu_si128((__m128i *)o, out);
	return (unsigned)_mm_movemask_epi8(_mm_andnot_si128(double_space,
		_mm_or_si128(ascii_ok, _mm_or_si128(lead_ok, trail_ok))));
}
#endif

/* The tables for this call, or NULL when the block loop is not worth it or
 * the processor lacks SSSE3. */
static const simd_tables *choose_simd(const norm_state *st, simd_tables *space_for)
{
#ifdef KB_HAVE_SSSE3
	if (st->n >= SIMD_MIN_INPUT && __builtin_cpu_supports("ssse3")) {
		build_simd_tables(st->opts->flags, space_for);
		return space_for;
	}
#else
	(void)build_simd_tables;
#endif
	(void)st;
	(void)space_for;
	return NULL;
}

/* One character at p through the table, without a map: a copy, a single
 * space, or a table replacement. Returns its length in the input, or 0
 * when step_one must handle it. Writes at most two bytes at *o_io. */
static size_t fast_one(const unsigned char *p, const unsigned char *end, unsigned char **o_io,
                       const unsigned char *o_begin, unsigned flags)
{
	unsigned char *o = *o_io;
	unsigned c = p[0], cp, entry, m;
	size_t len;
	if (c < 0x80) {
		cp = c;
		len = 1;
	} else if (c - 0xC2u < 0x1Eu && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
		cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
		len = 2;
	} else {
		return 0;
	}
	entry = kb_norm_fast_table[cp].mask;
	m = entry & flags;
	if (m == 0) {
		o[0] = (unsigned char)c;
		if (len == 2)
			o[1] = p[1];
		o += len;
	} else if (m == KB_NORM_SPACE && len == 1) {
		if (o != o_begin && o[-1] != ' ')
			*o++ = ' ';
	} else if (entry & FAST_HAS) {
		unsigned bytes = kb_norm_fast_table[cp].bytes;
		o[0] = (unsigned char)bytes;
		o[1] = (unsigned char)(bytes >> 8);
		o += FAST_LEN(entry);
	} else {
		return 0;
	}
	*o_io = o;
	return len;
}

/* Ends a fast run at p (output at o): records the last safe segment
 * boundary seen and the output length; returns the input position. */
static size_t end_fast_run(norm_state *st, const unsigned char *p, const unsigned char *o,
			   const unsigned char *seg_p, const unsigned char *seg_o)
{
	const unsigned char *const data = (const unsigned char *)st->out->data;
	if (seg_p) {
		st->seg_in = (size_t)(seg_p - st->src);
		st->seg_out = (size_t)(seg_o - data);
		st->seg_valid = 1;
	}
	st->out->len = (size_t)(o - data);
	return (size_t)(p - st->src);
}

/* Without a map: ASCII and two-byte characters whose rule is a plain
 * copy, a deletion, a one-character replacement or a single space go
 * through the table (fast_one, runs of unchanged letters and ASCII);
 * anything else takes step_one. The output never outgrows the input here,
 * and step_one keeps room for the rest of the input (st->tail). The state
 * lives in locals, written back at the end. */
static size_t fast_run(norm_state *st, size_t i)
{
	const unsigned char *p = st->src + i, *const end = st->src + st->n;
	unsigned char *const data = (unsigned char *)st->out->data;
	unsigned char *o = data + st->out->len, *const o_begin = data + st->base;
	const unsigned char *seg_p = NULL, *run;
	unsigned char *seg_o = NULL;
	const unsigned flags = st->opts->flags;
	for (;;) {
		size_t len;
		unsigned char *before;
		/* The common case first: a run of unchanged two-byte letters. */
		for (run = p; end - p >= 2; p += 2, o += 2) {
			unsigned lead = p[0], trail = p[1];
			if (lead - 0xC2u >= 0x1Eu || (trail & 0xC0) != 0x80)
				break;
			if (kb_norm_fast_table[((lead & 0x1Fu) << 6) | (trail & 0x3Fu)].mask & flags)
				break;
			o[0] = (unsigned char)lead;
			o[1] = (unsigned char)trail;
		}
		if (p != run) {
			seg_p = p - 2;
			seg_o = o - 2;
		}
		/* Then a run of unchanged ASCII. */
		for (run = p; p < end && *p < 0x80 && !(kb_norm_fast_table[*p].mask & flags); p++)
			*o++ = *p;
		if (p != run) {
			seg_p = p - 1;
			seg_o = o - 1;
		}
		if (p >= end)
			break;
		before = o;
		if ((len = fast_one(p, end, &o, o_begin, flags)) == 0)
			break;
		seg_p = p;
		seg_o = before;
		p += len;
	}
	return end_fast_run(st, p, o, seg_p, seg_o);
}

#ifdef KB_HAVE_SSSE3
/* fast_run, 16 bytes at a time: simd_kept marks the bytes of characters
 * kept as is; runs of them are copied, and the others go through fast_one
 * in place, so a block is classified once however many characters in it
 * change. Lead bytes are never copied without their letter's verdict. */
__attribute__((target("ssse3")))
static size_t fast_run_simd(norm_state *st, size_t i, const simd_tables *simd)
{
	const unsigned char *p = st->src + i, *const end = st->src + st->n;
	unsigned char *const data = (unsigned char *)st->out->data;
	unsigned char *o = data + st->out->len, *const o_begin = data + st->base;
	const unsigned char *seg_p = NULL;
	unsigned char *seg_o = NULL;
	const unsigned flags = st->opts->flags;
	int stop = 0;
	while (!stop && end - p >= 17) {
		/* The block goes to the output at once, common letters folded. */
		unsigned kept = simd_block(simd, p, st->src, o, o == o_begin ? ' ' : o[-1], flags);
		if (kept == 0xFFFF) {
			size_t count = 16 - (p[15] >= 0xC0);
			p += count;
			o += count;
			seg_p = p - 1 - ((o[-1] & 0xC0) == 0x80);
			seg_o = o - 1 - ((o[-1] & 0xC0) == 0x80);
			continue;
		}
		{
			/* Kept bytes up to the first other one; never a lead byte last. */
			size_t count = (size_t)__builtin_ctz(~kept), len;
			unsigned char *before;
			while (count > 0 && p[count - 1] >= 0xC0)
				count--;
			if (count > 0) {
				p += count;
				o += count;
				seg_p = p - 1 - ((o[-1] & 0xC0) == 0x80);
				seg_o = o - 1 - ((o[-1] & 0xC0) == 0x80);
			}
			before = o;
			if ((len = fast_one(p, end, &o, o_begin, flags)) == 0) {
				stop = 1;
				break;
			}
			seg_p = p;
			seg_o = before;
			p += len;
		}
	}
	i = end_fast_run(st, p, o, seg_p, seg_o);
	return stop ? i : fast_run(st, i);
}
#endif

static kb_status fast_loop(norm_state *st, size_t *bad_offset)
{
	size_t i = 0;
	simd_tables tables;
	const simd_tables *simd = choose_simd(st, &tables);
	kb_status status;
	/* Two spare bytes: the table loop stores two bytes at a time. */
	if (kb_buf_reserve(st->out, st->n + 2) != KB_OK)
		return KB_ENOMEM;
	for (;;) {
#ifdef KB_HAVE_SSSE3
		i = simd ? fast_run_simd(st, i, simd) : fast_run(st, i);
#else
		i = fast_run(st, i);
		(void)simd;
#endif
		if (i >= st->n)
			break;
		status = step_one(st, &i, bad_offset);
		if (status != KB_OK)
			return status;
	}
	return KB_OK;
}

kb_status kb_normalize(const kb_norm_options *opts, const char *src, size_t n,
                       kb_buf *out, kb_offset_map *map, size_t *bad_offset)
{
	norm_state st;
	kb_norm_options defined = *opts;
	kb_status status;
	size_t ignored;
	if (n > UINT32_MAX)
		return KB_ETOOBIG;
	/* Bits beyond the steps mean nothing (and the tables use them). */
	defined.flags &= (KB_NORM_CASE << 1) - 1u;
	memset(&st, 0, sizeof st);
	st.opts = &defined;
	st.src = (const unsigned char *)src;
	st.n = n;
	st.out = out;
	st.map = map;
	st.base = out->len;
	if (map)
		map->len = 0;
	if (!bad_offset)
		bad_offset = &ignored;
	status = map ? general_loop(&st, bad_offset) : fast_loop(&st, bad_offset);
	if (status != KB_OK)
		return status;
	if ((defined.flags & KB_NORM_SPACE) && out->len > st.base && out->data[out->len - 1] == ' ') {
		out->len--;
		if (map)
			map->len--;
	}
	return KB_OK;
}
