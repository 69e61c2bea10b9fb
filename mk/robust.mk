# robust.mk: fuzzing, allocation failure, threads under ThreadSanitizer and
# valgrind (issue 7). docs/limits.md says what these runs guarantee.
#
#   make fuzz FUZZ_SECONDS=300   every harness for N seconds, fails on any finding
#   make fuzz-smoke              a short round (part of make test)
#   make test-alloc              every allocation failing in turn, engine and Lua
#   make test-tsan               8 lua_States on 8 threads under ThreadSanitizer
#   make test-valgrind           the specs under lua5.4 in valgrind memcheck
#   make test-badinput           spec/badinput_spec.lua with 100 MB inputs and timings

ROBUST_PACKAGES = clang libclang-rt-14-dev valgrind

FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 4
TSAN_CC            ?= clang
VALGRIND           ?= valgrind
BADINPUT_MB        ?= 100

# Quick enough for every make test (valgrind: about 2.5 CPU minutes).
TEST_STEPS += fuzz-smoke test-alloc test-tsan test-valgrind check-limits

.PHONY: deps-robust fuzz fuzz-smoke fuzz-build test-alloc test-tsan test-valgrind test-badinput check-limits

deps-robust:
	@sh tools/install_deps.sh $(ROBUST_PACKAGES)

# --- libFuzzer harnesses ------------------------------------------------------

# The engine once more, instrumented for coverage, ASan and UBSan.
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  = $(WARNINGS) -O1 -g -D_POSIX_C_SOURCE=200809L -Icsrc $(DEPS_CFLAGS) $(FUZZ_SAN)

$(BUILD)/fuzz/obj/%.o: csrc/%.c $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(BUILD)/fuzz/libkb.a: $(ENGINE_SRC:csrc/%.c=$(BUILD)/fuzz/obj/%.o)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h fuzz/fuzz_dates.h $(BUILD)/fuzz/libkb.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/fuzz/libkb.a $(DEPS_LIBS)

# Only the harnesses whose engine functions exist yet (fuzz/available.sh).
fuzz-build: $(BUILD)/fuzz/libkb.a
	@$(MAKE) -s --no-print-directory \
	    $$(sh fuzz/available.sh $(BUILD)/fuzz/libkb.a | sed 's|^|$(BUILD)/fuzz/|')

fuzz: fuzz-build
	@sh fuzz/run.sh $(BUILD) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	@sh fuzz/run.sh $(BUILD) $(FUZZ_SMOKE_SECONDS)

# --- allocation failure -----------------------------------------------------

# The engine's own malloc/calloc/realloc/free calls go to the test's failing
# allocator; HAVE_KB_<NAME> is defined for each function the engine defines.
ALLOC_WRAP  = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
engine_have = $$(nm -g --defined-only $(1) | awk '$$2 == "T" {print "-DHAVE_" toupper($$3)}')

# These two explicit rules take precedence over the Makefile's pattern rules,
# so make test-c and make test-asan run the wrapped test too.
$(BUILD)/tests/test_alloc_failure: csrc/tests/test_alloc_failure.c $(BUILD)/engine/libkb.a \
                                   csrc/tests/check.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(call engine_have,$(BUILD)/engine/libkb.a) -o $@ $< \
	    $(BUILD)/engine/libkb.a $(ALLOC_WRAP) $(DEPS_LIBS) -lpthread

$(BUILD)/asan-tests/test_alloc_failure: csrc/tests/test_alloc_failure.c $(BUILD)/asan/libkb.a \
                                        csrc/tests/check.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(call engine_have,$(BUILD)/asan/libkb.a) -o $@ $< \
	    $(BUILD)/asan/libkb.a $(ALLOC_WRAP) $(DEPS_LIBS) -lpthread

# A Lua 5.4 host with a failing lua_Alloc, built with ASan and run on the
# ASan module so that C memory lost on a raised error is reported.
$(BUILD)/asan-tests/alloc_host: tests/alloc_host.c
	@mkdir -p $(dir $@)
	$(CC) $(WARNINGS) $(CFLAGS) $(SAN_FLAGS) -I$(LUA54_INCDIR) -o $@ $< -llua5.4 -ldl

test-alloc: $(BUILD)/asan-tests/test_alloc_failure $(BUILD)/asan-tests/alloc_host \
            $(BUILD)/asan-5.4/khabar/core.so
	ASAN_OPTIONS=detect_leaks=1 $(BUILD)/asan-tests/test_alloc_failure
	ASAN_OPTIONS=detect_leaks=1 $(BUILD)/asan-tests/alloc_host $(BUILD)/asan-5.4

# --- threads under ThreadSanitizer ---------------------------------------------

TSAN_FLAGS = -fsanitize=thread -fno-omit-frame-pointer
TSAN_ENV   = TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=tests/tsan.supp"

$(BUILD)/tsan/obj/%.o: csrc/%.c $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(TSAN_CC) $(ALL_CFLAGS) $(TSAN_FLAGS) -c $< -o $@

$(BUILD)/tsan/libkb.a: $(ENGINE_SRC:csrc/%.c=$(BUILD)/tsan/obj/%.o)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/tsan-5.4/khabar/core.so: $(BINDING_SRC) $(BUILD)/tsan/libkb.a $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(TSAN_CC) $(ALL_CFLAGS) $(TSAN_FLAGS) -I$(LUA54_INCDIR) $(MODULE_LDFLAGS) -o $@ \
	    $(BINDING_SRC) $(BUILD)/tsan/libkb.a $(DEPS_LIBS)

$(BUILD)/tsan-tests/host_states: tests/host_states.c
	@mkdir -p $(dir $@)
	$(TSAN_CC) $(WARNINGS) $(CFLAGS) $(TSAN_FLAGS) -I$(LUA54_INCDIR) -o $@ $< -llua5.4 -lpthread

test-tsan: $(BUILD)/tsan-tests/host_states $(BUILD)/tsan-5.4/khabar/core.so
	$(TSAN_ENV) $(BUILD)/tsan-tests/host_states $(BUILD)/tsan-5.4

# --- valgrind -------------------------------------------------------------------

# memcheck on the specs under lua5.4 and the plain module: any invalid access,
# use of uninitialised memory or definite leak fails the run.
VALGRIND_FLAGS = --quiet --error-exitcode=99 --keep-debuginfo=yes --leak-check=full --show-leak-kinds=definite \
                 --errors-for-leak-kinds=definite --track-origins=yes

# ICU is preloaded so that it stays mapped after lua_close unloads the module:
# its one-time caches (default locale, data files, transliterator registry)
# stay reachable instead of showing up as leaks of an unloaded library.
test-valgrind: all
	ICU=$$(ldd $(BUILD)/5.4/khabar/core.so | awk '/libicu/ {print $$3}' | tr '\n' ' '); \
	KHABAR_BUILD=$(BUILD)/5.4 LD_PRELOAD="$$ICU" \
	    $(VALGRIND) $(VALGRIND_FLAGS) $(LUA54) $(BUSTED)

# The bad-input spec at full size: 100 MB inputs and the linear-time checks.
# Not in make test: tokenize alone needs 12 GB for 100 MB (docs/limits.md).
test-badinput: all
	KHABAR_BUILD=$(BUILD)/5.4 KHABAR_BIG_MB=$(BADINPUT_MB) KHABAR_LINEAR=1 $(LUA54) \
	    /usr/bin/busted --helper=spec/helper.lua -o utfTerminal spec/badinput_spec.lua

# --- limits -----------------------------------------------------------------------

# Every engine file that runs a PCRE2 match must set all three limits on its
# match context (docs/limits.md); today no file matches with PCRE2 at all.
check-limits:
	@status=0; for f in $$(grep -l 'pcre2_\(match\|dfa_match\|jit_match\)' csrc/kb_*.c); do \
	    for limit in pcre2_set_match_limit pcre2_set_depth_limit pcre2_set_heap_limit; do \
	        grep -q "$$limit" $$f || { echo "$$f: PCRE2 match without $$limit"; status=1; }; \
	    done; \
	done; [ $$status -eq 0 ] && echo "check-limits: every PCRE2 match is limited"; exit $$status
