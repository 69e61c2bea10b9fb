/*
 * kb_tokenize_internal.h: what the tokenizer and the clitic segmenter share
 * (not part of the public API).
 */
#ifndef KB_TOKENIZE_INTERNAL_H
#define KB_TOKENIZE_INTERNAL_H

#include "kb.h"

/* Words longer than this (in letters) are never segmented. */
#define KB_SEG_MAX_LETTERS 24

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

#endif
