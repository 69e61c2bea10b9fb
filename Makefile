# khabar: build the engine and the Lua module for Lua 5.4 and LuaJIT.
#
#   make            build/5.4/khabar/core.so and build/jit/khabar/core.so
#   make deps       install the Debian packages that are missing
#   make test       every test: C, specs under both interpreters, luacheck, sanitizers
#   make bench      speed figures (needs ../shared for the news corpus, else a bundled one)
#   make eval       accuracy figures with the shared scorers (needs ../shared)
#
# Every variable can be overridden: make CC=clang LUA54_INCDIR=/opt/lua/include

CC            ?= cc
PKG_CONFIG    ?= pkg-config
LUA54         ?= lua5.4
LUAJIT        ?= luajit
LUA54_INCDIR  ?= /usr/include/lua5.4
LUAJIT_INCDIR ?= /usr/include/luajit-2.1
SHARED        ?= ../shared
PREFIX        ?= /usr/local
DESTDIR       ?=
BUILD         ?= build

OPTFLAGS ?= -O2 -g
WARNINGS  = -std=c99 -Wall -Wextra -pedantic -Wmissing-prototypes \
            -Wdeclaration-after-statement -Wshadow -Wstrict-prototypes
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags icu-uc icu-i18n libpcre2-8 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs icu-uc icu-i18n libpcre2-8 2>/dev/null)
CFLAGS   ?= $(OPTFLAGS)
ALL_CFLAGS = $(WARNINGS) $(CFLAGS) -fPIC -fvisibility=hidden -D_POSIX_C_SOURCE=200809L \
             -Icsrc $(DEPS_CFLAGS)
LDFLAGS  ?=
# Never link liblua: the interpreter provides its symbols.
MODULE_LDFLAGS = -shared $(LDFLAGS)

ENGINE_SRC  = $(sort $(wildcard csrc/kb_*.c))
ENGINE_HDR  = $(wildcard csrc/*.h csrc/gen/*.h)
BINDING_SRC = csrc/lua_khabar.c
CTEST_SRC   = $(sort $(wildcard csrc/tests/test_*.c))

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps test test-c test-lua spec-5.4 spec-jit lint test-asan check-exports test-rock \
        bench eval clean install gen rockspec demo

all: $(BUILD)/5.4/khabar/core.so $(BUILD)/jit/khabar/core.so

# --- the engine, as one archive per flavour -------------------------------

$(BUILD)/engine/%.o: csrc/%.c $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/engine/libkb.a: $(ENGINE_SRC:csrc/%.c=$(BUILD)/engine/%.o)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/asan/%.o: csrc/%.c $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@

$(BUILD)/asan/libkb.a: $(ENGINE_SRC:csrc/%.c=$(BUILD)/asan/%.o)
	rm -f $@ && ar rcs $@ $^

# --- the Lua module, once per interpreter ----------------------------------

$(BUILD)/5.4/khabar/core.so: $(BINDING_SRC) $(BUILD)/engine/libkb.a $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -I$(LUA54_INCDIR) $(MODULE_LDFLAGS) -o $@ $(BINDING_SRC) \
	    $(BUILD)/engine/libkb.a $(DEPS_LIBS)

$(BUILD)/jit/khabar/core.so: $(BINDING_SRC) $(BUILD)/engine/libkb.a $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -I$(LUAJIT_INCDIR) $(MODULE_LDFLAGS) -o $@ $(BINDING_SRC) \
	    $(BUILD)/engine/libkb.a $(DEPS_LIBS)

$(BUILD)/asan-5.4/khabar/core.so: $(BINDING_SRC) $(BUILD)/asan/libkb.a $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -I$(LUA54_INCDIR) $(MODULE_LDFLAGS) -o $@ \
	    $(BINDING_SRC) $(BUILD)/asan/libkb.a $(DEPS_LIBS)

$(BUILD)/asan-jit/khabar/core.so: $(BINDING_SRC) $(BUILD)/asan/libkb.a $(ENGINE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -I$(LUAJIT_INCDIR) $(MODULE_LDFLAGS) -o $@ \
	    $(BINDING_SRC) $(BUILD)/asan/libkb.a $(DEPS_LIBS)

# --- C tests of the engine --------------------------------------------------

$(BUILD)/tests/%: csrc/tests/%.c $(BUILD)/engine/libkb.a csrc/tests/check.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/engine/libkb.a $(DEPS_LIBS) -lpthread

$(BUILD)/asan-tests/%: csrc/tests/%.c $(BUILD)/asan/libkb.a csrc/tests/check.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $< $(BUILD)/asan/libkb.a $(DEPS_LIBS) -lpthread

# A C host that opens several lua_States on several threads (links liblua itself).
$(BUILD)/tests/host_states: tests/host_states.c $(BUILD)/5.4/khabar/core.so
	@mkdir -p $(dir $@)
	$(CC) $(WARNINGS) $(CFLAGS) -I$(LUA54_INCDIR) -o $@ $< -llua5.4 -lpthread

CTESTS      = $(CTEST_SRC:csrc/tests/%.c=$(BUILD)/tests/%)
ASAN_CTESTS = $(CTEST_SRC:csrc/tests/%.c=$(BUILD)/asan-tests/%)

# --- tests ------------------------------------------------------------------

# Steps of `make test`, in order; mk/*.mk add theirs with TEST_STEPS += ...
TEST_STEPS = test-c spec-5.4 spec-jit lint check-exports test-rock test-asan

test: all
	@KHABAR_TEST_STEPS="$(TEST_STEPS)" sh tests/run.sh

test-c: $(CTESTS) $(BUILD)/tests/host_states
	@set -e; for t in $(CTESTS); do echo "== $$t"; $$t; done
	@echo "== host_states"; $(BUILD)/tests/host_states $(BUILD)/5.4

BUSTED = /usr/bin/busted --helper=spec/helper.lua -o utfTerminal spec

test-lua: spec-5.4 spec-jit

spec-5.4: all
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) $(BUSTED)

spec-jit: all
	KHABAR_BUILD=$(BUILD)/jit $(LUAJIT) $(BUSTED)

lint:
	luacheck --quiet --no-color lua spec bin/khabar bench tools examples

check-exports: all
	@sh tests/check_exports.sh $(BUILD)/5.4/khabar/core.so $(BUILD)/jit/khabar/core.so

ASAN_RT = $(shell $(CC) -print-file-name=libasan.so)
UBSAN_RT = $(shell $(CC) -print-file-name=libubsan.so)
ASAN_ENV = LD_PRELOAD="$(ASAN_RT) $(UBSAN_RT)" ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

test-asan: $(ASAN_CTESTS) $(BUILD)/asan-5.4/khabar/core.so $(BUILD)/asan-jit/khabar/core.so
	@set -e; for t in $(ASAN_CTESTS); do echo "== $$t"; ASAN_OPTIONS=detect_leaks=1 $$t; done
	KHABAR_BUILD=$(BUILD)/asan-5.4 $(ASAN_ENV) $(LUA54) $(BUSTED)
	KHABAR_BUILD=$(BUILD)/asan-jit $(ASAN_ENV) $(LUAJIT) $(BUSTED)

test-rock:
	@sh tests/test_rock.sh

rockspec:
	$(LUA54) tools/gen_rockspec.lua > khabar-scm-1.rockspec

# --- set-up -------------------------------------------------------------------

DEBIAN_PACKAGES = build-essential pkg-config lua5.4 liblua5.4-dev luajit2 libluajit2-5.1-dev \
                  libicu-dev libpcre2-dev lua-busted lua-check luarocks

# mk/*.mk add the packages their tests need (HOSTS_PACKAGES, ROBUST_PACKAGES).
deps:
	@sh tools/install_deps.sh $(DEBIAN_PACKAGES) $(HOSTS_PACKAGES) $(ROBUST_PACKAGES)

# The README's first command: set up, build, analyse the sample article.
demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	$(LUA54) bin/khabar analyze --date 2020-12-28 --pretty spec/fixtures/sample/article.txt

# --- figures --------------------------------------------------------------

# Each bench/*_bench.lua prints its figures; SHARED locates the news corpus.
bench: all
	@for b in bench/*_bench.lua; do KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) $$b $(SHARED) || exit 1; done

# mk/*.mk add their scoring targets with EVAL_STEPS += ...
EVAL_STEPS =

eval: all
	@test -d $(SHARED) || { echo "make eval needs the shared data: SHARED=$(SHARED) not found"; exit 1; }
	@for step in $(EVAL_STEPS); do $(MAKE) --no-print-directory $$step || exit 1; done

install: all
	install -d $(DESTDIR)$(PREFIX)/lib/lua/5.4/khabar $(DESTDIR)$(PREFIX)/share/lua/5.4/khabar
	install -m 644 $(BUILD)/5.4/khabar/core.so $(DESTDIR)$(PREFIX)/lib/lua/5.4/khabar/
	install -m 644 lua/khabar/*.lua $(DESTDIR)$(PREFIX)/share/lua/5.4/khabar/
	install -d $(DESTDIR)$(PREFIX)/lib/lua/5.1/khabar $(DESTDIR)$(PREFIX)/share/lua/5.1/khabar
	install -m 644 $(BUILD)/jit/khabar/core.so $(DESTDIR)$(PREFIX)/lib/lua/5.1/khabar/
	install -m 644 lua/khabar/*.lua $(DESTDIR)$(PREFIX)/share/lua/5.1/khabar/
	install -D -m 755 bin/khabar $(DESTDIR)$(PREFIX)/bin/khabar

clean:
	rm -rf $(BUILD)

# Each capability's own targets (train, eval, fuzz, hosts, ...).
-include $(sort $(wildcard mk/*.mk))
