/*
 * alloc_host.c: the Lua API under a lua_Alloc that refuses every allocation
 * after the first N, for every N up to the number a call needs. Each call
 * must either return what it returns with no limit or raise "not enough
 * memory"; it must never crash, and closing the state must give back every
 * byte. Built with ASan and run on the ASan module (make test-alloc), so
 * that C memory leaked on a raised error shows up too.
 *
 * Lua 5.4 only: 64-bit LuaJIT ignores lua_newstate's allocator (it has its
 * own, and luaL_newstate is the only way to make a state), so there is no
 * such test for the LuaJIT build.
 *
 * usage: alloc_host BUILD_DIR    (e.g. build/asan-5.4)
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

typedef struct {
	long allocations;  /* growing requests since the budget was set */
	long budget;       /* requests that succeed; -1: no limit */
	long refused;
	size_t live;       /* bytes allocated and not freed */
} alloc_state;

/* Lua assumes shrinking never fails, so only growth is refused. */
static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	alloc_state *a = ud;
	size_t old = ptr ? osize : 0;
	void *q;
	if (nsize == 0) {
		free(ptr);
		a->live -= old;
		return NULL;
	}
	if (nsize > old) {
		a->allocations++;
		if (a->budget >= 0 && a->allocations > a->budget) {
			a->refused++;
			return NULL;
		}
	}
	q = realloc(ptr, nsize);
	if (q)
		a->live = a->live - old + nsize;
	return q;
}

/* Each case is a chunk run with `k` = require "khabar" and `dump`, a
 * function turning any result into a string; it returns a string, or
 * "skip" when its function is not in the module yet. */
typedef struct {
	const char *name;
	const char *code;
} api_case;

static const char prelude[] =
	"package.cpath = BUILD .. '/?.so;' .. package.cpath\n"
	"package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path\n"
	"k = require 'khabar'\n"
	"function dump(v)\n"
	"  local t = type(v)\n"
	"  if t == 'function' or t == 'userdata' or t == 'thread' then return t end\n"
	"  if t ~= 'table' then return t .. ':' .. tostring(v) end\n"
	"  local keys, out = {}, {}\n"
	"  for key in pairs(v) do keys[#keys + 1] = key end\n"
	"  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)\n"
	"  for _, key in ipairs(keys) do out[#out + 1] = tostring(key) .. '=' .. dump(v[key]) end\n"
	"  return '{' .. table.concat(out, ',') .. '}'\n"
	"end\n"
	"TEXT = 'أعلن الرئيس مُحَمَّد في الرياض، يوم الاثنين 28 ديسمبر 2020، أن الشركة '\n"
	"  .. 'وقّعت اتفاقاً. وقال الوزير: «نعم»؟ https://example.com/a \\u{FEFF}ـــ\\u{200C}ة '\n"
	"  .. '\\xFF\\xC0\\xAF end.\\n\\nثم انتهى الاجتماع.'\n";

static const api_case cases[] = {
	{"require", "package.loaded.khabar = nil; package.loaded['khabar.core'] = nil\n"
	            "return dump(require('khabar').versions())"},
	{"versions", "return dump(k.versions())"},
	{"normalize", "if not k.normalize then return 'skip' end\n"
	              "return dump({k.normalize(TEXT)})"},
	{"normalize map", "if not k.normalize then return 'skip' end\n"
	                  "local out, map = k.normalize(TEXT, {map = true, profile = 'display'})\n"
	                  "return dump({out, #map, map:origin(1, #map)})"},
	{"normalizer", "if not k.normalizer then return 'skip' end\n"
	               "local n = k.normalizer({alef = false, zwnj = 'space'})\n"
	               "return dump({n:normalize(TEXT), n:options()})"},
	{"transliterate", "if not k.transliterate then return 'skip' end\n"
	                  "local bw = k.transliterate(TEXT, 'buckwalter')\n"
	                  "return dump({bw, k.transliterate(bw, 'buckwalter', {reverse = true})})"},
	{"transliterate latin", "if not k.transliterate then return 'skip' end\n"
	                        "return dump({k.transliterate(TEXT, 'latin')})"},
	{"tokenize", "if not k.tokenize then return 'skip' end\n"
	             "return dump({k.tokenize(TEXT)})"},
	{"sentences", "if not k.sentences then return 'skip' end\n"
	              "return dump({k.sentences(TEXT)})"},
	{"tag", "if not k.tag then return 'skip' end\n"
	        "return dump(k.tag({{'قال', 'الوزير', 'محمد', 'في', 'الرياض'}, {'ثم', 'سافر'}}))"},
	{"entities", "if not k.entities then return 'skip' end\n"
	             "return dump({k.entities(TEXT)})"},
	{"events", "if not k.events then return 'skip' end\n"
	           "return dump({k.events(TEXT, {date = '2020-12-28'})})"},
	{"analyze", "if not k.analyze then return 'skip' end\n"
	            "return dump({k.analyze(TEXT, {date = '2020-12-28'})})"},
};

/* A fresh state with khabar loaded and the case compiled, ready to call. */
static lua_State *prepare(alloc_state *a, const char *build, const api_case *c)
{
	lua_State *L;
	a->budget = -1;
	L = lua_newstate(counting_alloc, a);
	if (!L)
		return NULL;
	luaL_openlibs(L);
	lua_pushstring(L, build);
	lua_setglobal(L, "BUILD");
	if (luaL_dostring(L, prelude) || luaL_loadstring(L, c->code)) {
		fprintf(stderr, "alloc_host: %s: %s\n", c->name, lua_tostring(L, -1));
		lua_close(L);
		return NULL;
	}
	return L;
}

/* Runs the prepared chunk with `budget` allocations allowed. Returns the
 * Lua status; *result is a malloc'ed copy of the string it returned. */
static int run_limited(lua_State *L, alloc_state *a, long budget, char **result)
{
	int status;
	size_t len;
	const char *s;
	a->allocations = a->refused = 0;
	a->budget = budget;
	status = lua_pcall(L, 0, 1, 0);
	a->budget = -1;
	s = lua_tolstring(L, -1, &len);
	*result = malloc(len + 1);
	if (*result) {
		memcpy(*result, s ? s : "", s ? len : 0);
		(*result)[s ? len : 0] = '\0';
	}
	return status;
}

static int raised_memory_error(int status, const char *message)
{
	return status == LUA_ERRMEM || (message && strstr(message, "not enough memory"));
}

/* Every budget from 0 until the call completes without a refusal. Returns
 * the number of failures (-1 when skipped); *calls counts the calls made. */
static int run_case(const char *build, const api_case *c, long *calls)
{
	alloc_state a = {0, -1, 0, 0};
	char *reference = NULL, *result = NULL;
	long budget;
	int status, failures = 0;
	lua_State *L = prepare(&a, build, c);
	if (!L)
		return 1;
	status = run_limited(L, &a, -1, &reference);
	lua_close(L);
	if (status != LUA_OK || !reference) {
		fprintf(stderr, "alloc_host: %s fails without a limit: %s\n", c->name,
		        reference ? reference : "?");
		free(reference);
		return 1;
	}
	if (strcmp(reference, "skip") == 0) {
		printf("alloc_host: %s not in the module yet, skipped\n", c->name);
		free(reference);
		return -1;
	}
	for (budget = 0;; budget++) {
		L = prepare(&a, build, c);
		if (!L) {
			failures++;
			break;
		}
		status = run_limited(L, &a, budget, &result);
		(*calls)++;
		if (status == LUA_OK && strcmp(result, reference) != 0) {
			fprintf(stderr, "alloc_host: %s with budget %ld returns another result\n",
			        c->name, budget);
			failures++;
		} else if (status != LUA_OK && !raised_memory_error(status, result)) {
			fprintf(stderr, "alloc_host: %s with budget %ld raised: %s\n", c->name, budget,
			        result);
			failures++;
		}
		lua_close(L);
		if (a.live != 0) {
			fprintf(stderr, "alloc_host: %s with budget %ld: %zu bytes not freed\n", c->name,
			        budget, a.live);
			failures++;
		}
		free(result);
		if (failures || (status == LUA_OK && a.refused == 0))
			break;
	}
	printf("alloc_host: %s: %ld budgets, %s\n", c->name, budget + 1,
	       failures ? "FAILED" : "each succeeded or raised \"not enough memory\"");
	free(reference);
	return failures;
}

int main(int argc, char **argv)
{
	const char *build = argc > 1 ? argv[1] : "build/5.4";
	size_t i;
	long calls = 0;
	int failed = 0, passed = 0, skipped = 0;
	char module[512];
	/* Held open so that lua_close does not unload the module: leak
	 * reports then name its functions. */
	snprintf(module, sizeof module, "%s/khabar/core.so", build);
	if (!dlopen(module, RTLD_NOW | RTLD_GLOBAL))
		fprintf(stderr, "alloc_host: %s\n", dlerror());
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int failures = run_case(build, &cases[i], &calls);
		if (failures < 0)
			skipped++;
		else if (failures)
			failed++;
		else
			passed++;
	}
	printf("alloc_host: %ld calls with a failing allocator\n", calls);
	printf("alloc_host: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	return failed ? 1 : 0;
}
