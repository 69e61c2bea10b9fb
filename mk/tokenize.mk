# tokenize.mk: tokens, clitic segmentation and sentences (issue 3).
#
#   make gen-clitics          regenerate csrc/gen/kb_clitic_lexicon.h from data/clitics/
#   make gen-clitic-lexicon   recount data/clitics/lexicon.txt from the news corpus (needs ../shared)
#   make eval-segmentation    clitic segmentation against ANERcorp's entity tokens (needs ../shared)
#   make bench-tokenize       tokenize and sentences speed only (make bench runs every bench)

PYTHON3 ?= python3

EVAL_STEPS += eval-segmentation

.PHONY: gen-clitics gen-clitic-lexicon eval-segmentation bench-tokenize

# Twice: the table without the words' segmentations, the segmenter built on
# it (tools/clitic_segs.c) to compute them, then the table with them.
gen-clitics:
	@mkdir -p $(BUILD)/gen
	$(PYTHON3) tools/gen_clitics.py table data/clitics/lexicon.txt > $(BUILD)/gen/kb_clitic_words.h
	$(CC) $(ALL_CFLAGS) -DKB_CLITIC_LEXICON='"$(abspath $(BUILD)/gen/kb_clitic_words.h)"' \
	    -o $(BUILD)/gen/clitic_segs tools/clitic_segs.c
	$(BUILD)/gen/clitic_segs > $(BUILD)/gen/clitic_segs.txt
	$(PYTHON3) tools/gen_clitics.py table data/clitics/lexicon.txt $(BUILD)/gen/clitic_segs.txt \
	    > csrc/gen/kb_clitic_lexicon.h.tmp
	mv csrc/gen/kb_clitic_lexicon.h.tmp csrc/gen/kb_clitic_lexicon.h

gen-clitic-lexicon:
	$(PYTHON3) tools/gen_clitics.py lexicon $(SHARED)/data/saudinewsnet/articles.jsonl.gz \
	    > data/clitics/lexicon.txt.tmp
	mv data/clitics/lexicon.txt.tmp data/clitics/lexicon.txt

eval-segmentation: all
	@LUA_PATH="lua/?.lua;lua/?/init.lua;;" LUA_CPATH="$(BUILD)/5.4/?.so;;" \
	    $(LUA54) tools/eval_segmentation.lua $(SHARED)/data/anercorp/train.txt

bench-tokenize: all
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) bench/tokenize_bench.lua $(SHARED)
