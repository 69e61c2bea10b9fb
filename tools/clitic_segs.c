/*
 * clitic_segs.c: the segmentation of every word of the clitic lexicon, as
 * kb_segment_letters computes it, for tools/gen_clitics.py to store in the
 * table beside each word (make gen-clitics). Built with the table given by
 * -DKB_CLITIC_LEXICON (the one just written without segmentations: the
 * segmenter reads only the words' classes). Prints "LETTERS SEG SEG_TEH" a
 * line, SEG = prefix + 16 * suffix letters, without and with the
 * final-teh-marbuta hint.
 */
#include <stdio.h>

#include "../csrc/kb_segment.c"

static unsigned segmentation(const unsigned char *code, size_t n, unsigned hints)
{
	size_t prefix, suffix;
	kb_segment_letters(code, n, hints, &prefix, &suffix);
	return (unsigned)(prefix + 16 * suffix);
}

int main(void)
{
	size_t bucket;
	for (bucket = 0; bucket < sizeof kb_clitic_index / sizeof kb_clitic_index[0]; bucket++) {
		uint32_t slot = kb_clitic_index[bucket];
		const unsigned char *p = (const unsigned char *)kb_clitic_rows[slot >> 16] + ((slot >> 4) & 0xfff);
		unsigned count = slot & 15, i;
		for (i = 0; i < count; i++) {
			size_t n = ENTRY_LETTERS(p);
			printf("%.*s %u %u\n", (int)n, (const char *)p + ENTRY_HEAD,
			       segmentation(p + ENTRY_HEAD, n, 0),
			       segmentation(p + ENTRY_HEAD, n, KB_SEG_FINAL_TEH_MARBUTA));
			p += ENTRY_HEAD + n;
		}
	}
	return 0;
}
