# Entities: gazetteers, dates, titles, organisations, linking (issue 4).
#
#   make gen-gazetteer     regenerate csrc/gen/kb_gazetteer_tables.h from data/gazetteer/*.tsv
#   make gazetteer-icu     print ICU's Arabic region names (raw material of countries.tsv)
#   make test-entities     the C test and the entity and date specs
#   make bench-entities    entities per second on the news corpus (part of make bench)

PYTHON ?= python3

.PHONY: gen-gazetteer gazetteer-icu test-entities bench-entities

gen-gazetteer:
	$(PYTHON) tools/gen_gazetteer.py data/gazetteer > csrc/gen/kb_gazetteer_tables.h.tmp
	mv csrc/gen/kb_gazetteer_tables.h.tmp csrc/gen/kb_gazetteer_tables.h

$(BUILD)/tools/icu_regions: tools/icu_regions.c
	@mkdir -p $(dir $@)
	$(CC) $(WARNINGS) $(CFLAGS) $(DEPS_CFLAGS) -o $@ $< $(DEPS_LIBS)

gazetteer-icu: $(BUILD)/tools/icu_regions
	$(BUILD)/tools/icu_regions

test-entities: all $(BUILD)/tests/test_entities
	$(BUILD)/tests/test_entities
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) /usr/bin/busted --helper=spec/helper.lua -o utfTerminal \
	    spec/entities_spec.lua spec/dates_spec.lua

bench-entities: all
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) bench/entities_bench.lua $(SHARED)

