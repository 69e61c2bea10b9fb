/*
 * kb_tokenize_internal.h: what the tokenizer and the clitic segmenter share
 * (not part of the public API).
 */
#ifndef KB_TOKENIZE_INTERNAL_H
#define KB_TOKENIZE_INTERNAL_H

#include <string.h>

#include "kb.h"

/* Words longer than this (in letters) are never segmented. */
#define KB_SEG_MAX_LETTERS 24
/* Nor shorter ones than this: no stem is shorter. */
#define KB_SEG_MIN_LETTERS 3

/* Hints from the original spelling, which the search form has lost. */
enum {
	KB_SEG_FINAL_TEH_MARBUTA = 1u << 0, /* the final ه was ة: not a pronoun */
	KB_SEG_HAMZA_ALEF_SHIFT = 8         /* bit 8 + k: letter k was أ إ آ, so no article there */
};

/* Encodes a search-form word as one byte per letter ('A' + cp - U+0621) into
 * code[KB_SEG_MAX_LETTERS]; returns the letter count, or 0 when the word has
 * a character outside the segmenter's alphabet or is too long. */
size_t kb_segment_encode(const char *norm, size_t n, unsigned char *code);

/* Segments an encoded word: its proclitic and enclitic lengths in letters. */
void kb_segment_letters(const unsigned char *code, size_t n, unsigned hints,
                        size_t *prefix_letters, size_t *suffix_letters);

/* The lexicon's hash of an encoded word (tools/gen_clitics.py computes the
 * same): eight letters a 64-bit chunk, the first letter in the lowest byte,
 * each chunk mixed in with a multiplication. The tokenizer builds the chunks
 * while it scans a word and calls kb_clitic_hash_step itself. */
#define KB_CLITIC_HASH_MULTIPLIER UINT64_C(0x9E3779B97F4A7C15)

static inline uint64_t kb_clitic_hash_step(uint64_t h, uint64_t chunk)
{
	h = (h ^ chunk) * KB_CLITIC_HASH_MULTIPLIER;
	return h ^ (h >> 29);
}

/* Eight letter codes as one chunk, the first in the lowest byte. */
static inline uint64_t kb_clitic_chunk(const unsigned char *code)
{
	uint64_t chunk;
	memcpy(&chunk, code, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	chunk = __builtin_bswap64(chunk);
#elif !defined(__BYTE_ORDER__)
	chunk = (uint64_t)code[0] | (uint64_t)code[1] << 8 | (uint64_t)code[2] << 16 |
	        (uint64_t)code[3] << 24 | (uint64_t)code[4] << 32 | (uint64_t)code[5] << 40 |
	        (uint64_t)code[6] << 48 | (uint64_t)code[7] << 56;
#endif
	return chunk;
}

uint64_t kb_clitic_hash(const unsigned char *code, size_t n);

/* Look-ups ahead, which the tokenizer overlaps with its scanning of the next
 * words: the index entry of a hash, then the bucket that entry names. */
void kb_clitic_prefetch_index(uint64_t hash);
void kb_clitic_prefetch_bucket(uint64_t hash);

#if defined(__GNUC__)
#define KB_PREFETCH(address) __builtin_prefetch(address)
#else
#define KB_PREFETCH(address) ((void)(address))
#endif

/* A word of the lexicon settled by the table alone: its precomputed
 * segmentation (what kb_segment_letters gives) and 1, or 0 when the word is
 * not in the lexicon. hints may hold KB_SEG_FINAL_TEH_MARBUTA only: a hamza
 * hint changes the segmentation only on the alef of an ال, and the caller
 * leaves words with such a hint to kb_segment_letters. */
int kb_segment_known(const unsigned char *code, size_t n, uint64_t hash, unsigned hints,
                     size_t *prefix_letters, size_t *suffix_letters);

#endif
