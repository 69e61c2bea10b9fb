# Normalization and transliteration (issue 3).
#
#   make gen-normalize          regenerate csrc/gen/kb_normalize_tables.h (Python 3)
#   make test-normalize         the engine's C test and the normalize/translit specs
#   make bench-normalize        only the normalization figures (part of make bench)
#   make deps-bench-normalize   the Debian packages the bench compares against

PYTHON ?= python3

# Bench-only dependencies (not needed by the tests): the PCRE2 baseline in
# pure Lua and the JSON reader for the news corpus.
NORMALIZE_BENCH_PACKAGES = lua-rex-pcre2 lua-cjson

.PHONY: gen-normalize test-normalize bench-normalize deps-bench-normalize


gen-normalize:
	$(PYTHON) tools/gen_normalize_tables.py > csrc/gen/kb_normalize_tables.h.tmp
	mv csrc/gen/kb_normalize_tables.h.tmp csrc/gen/kb_normalize_tables.h

test-normalize: all $(BUILD)/tests/test_normalize
	$(BUILD)/tests/test_normalize
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) /usr/bin/busted --helper=spec/helper.lua -o utfTerminal \
	    spec/normalize_spec.lua spec/translit_spec.lua

# The C side of the bench: ICU transliterator chain, memcpy, and the engine
# without Lua (bench/normalize_bench.lua runs it).
$(BUILD)/bench/normalize_c_bench: bench/normalize_c_bench.c $(BUILD)/engine/libkb.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O2 -o $@ $< $(BUILD)/engine/libkb.a $(DEPS_LIBS)

bench: $(BUILD)/bench/normalize_c_bench

bench-normalize: all $(BUILD)/bench/normalize_c_bench
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) bench/normalize_bench.lua $(SHARED)

deps-bench-normalize:
	@sh tools/install_deps.sh $(NORMALIZE_BENCH_PACKAGES)
