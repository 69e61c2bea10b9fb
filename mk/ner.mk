# ner.mk: the statistical NER tagger (issue 4).
#
#   make train [ANERCORP=dir]   train on dir/train.txt (scores dir/dev.txt as it goes),
#                               write csrc/gen/ner_model.h and rebuild
#   make ner-clusters           word clusters and mined lists from the news corpus
#                               (SHARED/data/saudinewsnet) into data/ner/
#   make ner-tables             compile data/ner/*.tsv into csrc/gen/ner_lexicon.h
#   make eval-ner               dev scores per class with the shared scorer (part of make eval)
#   make test-ner               the tagger's C test and spec
#   make bench-ner              tagging speed, memory and require time (part of make bench)
#
# Training is deterministic (fixed seed) and takes about half a minute. It writes the
# training lexicon data/ner/corpus.tsv (-J: each stem's classes in the training data,
# jackknifed over the folds while training) and compiles it (ner-tables). The corpus
# lexicon of tools/ner_train.c (-C build/ner_sentences.txt instead of -J, the sentences
# from ner_corpus's fourth argument) measured no gain on dev.
# ner-clusters runs word2vec-style skip-gram training on the corpus: about 3 minutes.

ANERCORP     ?= $(SHARED)/data/anercorp
NER_EPOCHS   ?= 10
NER_PRUNE    ?= 0.02
NER_TRAIN_FLAGS ?= -a 1 -c 2 4 -e $(NER_EPOCHS) -p $(NER_PRUNE) -J -X data/ner/corpus.tsv
NER_TOOL_CFLAGS = $(WARNINGS) -O2 -g -D_POSIX_C_SOURCE=200809L -Icsrc -Itools $(DEPS_CFLAGS)
NER_LEXICON_SRC = data/ner/clusters.tsv data/ner/corpus.tsv data/ner/triggers.tsv data/ner/mined.tsv

.PHONY: train ner-clusters ner-tables eval-ner test-ner bench-ner

$(BUILD)/tools/ner_%: tools/ner_%.c tools/ner_common.h $(BUILD)/engine/libkb.a
	@mkdir -p $(dir $@)
	$(CC) $(NER_TOOL_CFLAGS) -o $@ $< $(BUILD)/engine/libkb.a $(DEPS_LIBS) -lm

train: $(BUILD)/tools/ner_train
	@test -f $(ANERCORP)/train.txt || { echo "make train needs ANERCORP=dir with train.txt"; exit 1; }
	$(BUILD)/tools/ner_train $(NER_TRAIN_FLAGS) -o csrc/gen/ner_model.h.tmp \
	    $(ANERCORP)/train.txt $(if $(wildcard $(ANERCORP)/dev.txt),-- $(ANERCORP)/dev.txt)
	mv csrc/gen/ner_model.h.tmp csrc/gen/ner_model.h
	@$(MAKE) --no-print-directory ner-tables

ner-clusters: $(BUILD)/tools/ner_corpus
	@test -f $(SHARED)/data/saudinewsnet/articles.jsonl.gz || { echo "needs SHARED=$(SHARED)"; exit 1; }
	gzip -dc $(SHARED)/data/saudinewsnet/articles.jsonl.gz | \
	    $(BUILD)/tools/ner_corpus data/ner/triggers.tsv data/ner/clusters.tsv data/ner/mined.tsv
	@$(MAKE) --no-print-directory ner-tables

ner-tables: $(BUILD)/tools/ner_tables
	$(BUILD)/tools/ner_tables $(NER_LEXICON_SRC) > csrc/gen/ner_lexicon.h.tmp
	mv csrc/gen/ner_lexicon.h.tmp csrc/gen/ner_lexicon.h
	@$(MAKE) --no-print-directory all

eval-ner: all
	@echo "== NER: ANERcorp dev ($(ANERCORP)/dev.txt), model in csrc/gen/ner_model.h"
	@KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) bin/khabar tag-conll $(ANERCORP)/dev.txt > $(BUILD)/ner_dev.pred
	@python3 $(SHARED)/tools/score_ner.py $(BUILD)/ner_dev.pred

test-ner: all $(BUILD)/tests/test_ner
	$(BUILD)/tests/test_ner
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) /usr/bin/busted --helper=spec/helper.lua -o utfTerminal spec/tag_spec.lua

EVAL_STEPS += eval-ner

bench-ner: all
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) bench/ner_bench.lua $(SHARED)
