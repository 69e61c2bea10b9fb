/*
 * lua_khabar.c: the one file that knows Lua. It turns Lua values into the
 * engine's arguments and the engine's results into Lua values, for Lua 5.4
 * and for the 5.1 ABI (LuaJIT) from one source.
 *
 * Rules kept here: no global or static mutable state; C resources are freed
 * before any Lua call that can raise (or owned by a userdata with __gc);
 * wrong argument types raise, bad data returns nil, message.
 */
#include "kb.h"

#include <string.h>
#include <stdlib.h>

#include <lua.h>
#include <lauxlib.h>

#define KB_EXPORT __attribute__((visibility("default")))

/* ==================================================================== */
/* 5.1 / 5.4 compatibility                                               */
/* ==================================================================== */

#if LUA_VERSION_NUM < 502
#define kb_setfuncs(L, l) luaL_register(L, NULL, l)
#define kb_rawlen(L, i) lua_objlen(L, i)
#else
#define kb_setfuncs(L, l) luaL_setfuncs(L, l, 0)
#define kb_rawlen(L, i) lua_rawlen(L, i)
#endif

/* ==================================================================== */
/* Shared helpers                                                        */
/* ==================================================================== */

/* Raises "not enough memory" the way Lua's own allocator failures do. */
static int raise_status(lua_State *L, kb_status status)
{
	if (status == KB_ENOMEM)
		return luaL_error(L, "not enough memory");
	return luaL_error(L, "%s", kb_status_message(status));
}

/* Pushes nil, message: the convention for bad data. */
static int push_failure(lua_State *L, const char *message)
{
	lua_pushnil(L);
	lua_pushstring(L, message);
	return 2;
}

/* ==================================================================== */
/* Versions                                                              */
/* ==================================================================== */

static int l_versions(lua_State *L)
{
	char icu[32], unicode[32], pcre2[32];
	kb_versions(icu, unicode, pcre2);
	lua_createtable(L, 0, 4);
	lua_pushliteral(L, KB_VERSION);
	lua_setfield(L, -2, "khabar");
	lua_pushstring(L, icu);
	lua_setfield(L, -2, "icu");
	lua_pushstring(L, unicode);
	lua_setfield(L, -2, "unicode");
	lua_pushstring(L, pcre2);
	lua_setfield(L, -2, "pcre2");
#ifdef LUA_RELEASE
	lua_pushliteral(L, LUA_RELEASE);   /* "Lua 5.4.4": the headers built against */
	lua_setfield(L, -2, "lua");
#endif
	return 1;
}

/* @normalize: normalize, normalizer, map, transliterate (issue 3) */

/* ==================================================================== */
/* Normalization                                                         */
/* ==================================================================== */

#define NORMALIZER_MT "khabar.normalizer"
#define OFFSET_MAP_MT "khabar.offset_map"
#define SCRATCH_MT "khabar.scratch"
#define LATIN_MT "khabar.latin_translit"
#define LATIN_CACHE "khabar.latin_translit.cache"

/* What khabar.normalizer(opts) compiles: the engine's options plus the
 * binding's own (max_bytes, map). */
typedef struct {
	kb_norm_options opts;
	lua_Integer max_bytes;  /* -1: no limit */
	int want_map;
} normalizer_config;

static const char *const invalid_names[] = {"repair", "error", "drop", NULL};
static const char *const zwnj_names[] = {"remove", "space", "keep", NULL};

/* Raises unless the argument is a real string (numbers are not coerced). */
static const char *check_text(lua_State *L, int arg, size_t *len)
{
	if (lua_type(L, arg) != LUA_TSTRING)
		luaL_argerror(L, arg, lua_pushfstring(L, "string expected, got %s",
		                                      luaL_typename(L, arg)));
	return lua_tolstring(L, arg, len);
}

static int option_index(const char *value, const char *const names[])
{
	int i;
	for (i = 0; names[i]; i++)
		if (strcmp(value, names[i]) == 0)
			return i;
	return -1;
}

/* The value at the top of the stack for option `name`, one of names. */
static int enum_option(lua_State *L, const char *what, const char *name,
                       const char *const names[])
{
	int index = -1;
	if (lua_type(L, -1) == LUA_TSTRING)
		index = option_index(lua_tostring(L, -1), names);
	if (index < 0)
		luaL_error(L, "bad value for %s option '%s'", what, name);
	return index;
}

static int boolean_option(lua_State *L, const char *what, const char *name)
{
	if (!lua_isboolean(L, -1))
		luaL_error(L, "bad value for %s option '%s' (boolean expected, got %s)",
		           what, name, luaL_typename(L, -1));
	return lua_toboolean(L, -1);
}

static lua_Integer max_bytes_option(lua_State *L, const char *what)
{
	lua_Number value;
	if (lua_type(L, -1) != LUA_TNUMBER)
		luaL_error(L, "bad value for %s option 'max_bytes' (number expected, got %s)",
		           what, luaL_typename(L, -1));
	value = lua_tonumber(L, -1);
	if (value < 0 || value != (lua_Number)(lua_Integer)value)
		luaL_error(L, "bad value for %s option 'max_bytes' (a whole number >= 0 expected)", what);
	return (lua_Integer)value;
}

static unsigned flag_named(const char *name)
{
	unsigned bit;
	const char *flag;
	for (bit = 0; (flag = kb_norm_flag_name(bit)) != NULL; bit++)
		if (strcmp(name, flag) == 0)
			return 1u << bit;
	return 0;
}

static void apply_profile(lua_State *L, normalizer_config *cfg, const char *profile)
{
	if (kb_norm_profile(&cfg->opts, profile) != KB_OK)
		luaL_error(L, "unknown normalize profile '%s'", profile);
}

/* One (name, value) pair of an options table; value at the top. */
static void norm_option(lua_State *L, normalizer_config *cfg, const char *name)
{
	unsigned flag;
	if (strcmp(name, "profile") == 0)
		return;
	if (strcmp(name, "map") == 0)
		cfg->want_map = boolean_option(L, "normalize", name);
	else if (strcmp(name, "max_bytes") == 0)
		cfg->max_bytes = max_bytes_option(L, "normalize");
	else if (strcmp(name, "invalid") == 0)
		cfg->opts.invalid = (kb_invalid_mode)enum_option(L, "normalize", name, invalid_names);
	else if (strcmp(name, "zwnj") == 0)
		cfg->opts.zwnj = (kb_zwnj_mode)enum_option(L, "normalize", name, zwnj_names);
	else if ((flag = flag_named(name)) != 0) {
		if (boolean_option(L, "normalize", name))
			cfg->opts.flags |= flag;
		else
			cfg->opts.flags &= ~flag;
	} else
		luaL_error(L, "unknown normalize option '%s'", name);
}

/* Reads the options at arg: nil, a profile name, or a table. Raises on an
 * unknown name or a bad value, naming it. */
static void read_norm_options(lua_State *L, int arg, normalizer_config *cfg)
{
	cfg->max_bytes = -1;
	cfg->want_map = 0;
	if (lua_isnoneornil(L, arg)) {
		apply_profile(L, cfg, "search");
		return;
	}
	if (lua_type(L, arg) == LUA_TSTRING) {
		apply_profile(L, cfg, lua_tostring(L, arg));
		return;
	}
	luaL_argcheck(L, lua_type(L, arg) == LUA_TTABLE, arg, "table, profile name or nil expected");
	lua_getfield(L, arg, "profile");
	if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING)
		luaL_error(L, "bad value for normalize option 'profile' (string expected)");
	apply_profile(L, cfg, lua_isnil(L, -1) ? "search" : lua_tostring(L, -1));
	lua_pop(L, 1);
	lua_pushnil(L);
	while (lua_next(L, arg) != 0) {
		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_error(L, "normalize option names must be strings");
		norm_option(L, cfg, lua_tostring(L, -2));
		lua_pop(L, 1);
	}
}

/* An output buffer owned by a userdata, so a Lua error cannot leak it.
 * The normalizer objects and the module's functions keep one to reuse:
 * `busy` guards it against a __gc metamethod that normalizes while the
 * result is being copied into a Lua string (LuaJIT may run one there). */
typedef struct {
	kb_buf buf;
	int busy;
} scratch_buf;

/* Keep at most this much in a reused buffer between calls. */
#define SCRATCH_KEEP (256 * 1024)

static int scratch_gc(lua_State *L)
{
	scratch_buf *scratch = (scratch_buf *)luaL_checkudata(L, 1, SCRATCH_MT);
	kb_buf_free(&scratch->buf);
	return 0;
}

static scratch_buf *push_scratch(lua_State *L)
{
	scratch_buf *scratch = (scratch_buf *)lua_newuserdata(L, sizeof *scratch);
	memset(scratch, 0, sizeof *scratch);
	luaL_getmetatable(L, SCRATCH_MT);
	lua_setmetatable(L, -2);
	return scratch;
}

/* The reusable buffer when it is free, else a new one on the stack
 * (*pushed tells). */
static scratch_buf *take_scratch(lua_State *L, scratch_buf *reusable, int *pushed)
{
	*pushed = reusable == NULL || reusable->busy;
	if (*pushed)
		reusable = push_scratch(L);
	reusable->busy = 1;
	reusable->buf.len = 0;
	return reusable;
}

static void release_scratch(scratch_buf *scratch)
{
	scratch->busy = 0;
	if (scratch->buf.cap > SCRATCH_KEEP)
		kb_buf_free(&scratch->buf);
}

static kb_offset_map *push_offset_map(lua_State *L)
{
	kb_offset_map *map = (kb_offset_map *)lua_newuserdata(L, sizeof *map);
	memset(map, 0, sizeof *map);
	luaL_getmetatable(L, OFFSET_MAP_MT);
	lua_setmetatable(L, -2);
	return map;
}

/* nil, "invalid UTF-8 at byte N" (N 1-based). */
static int push_bad_utf8(lua_State *L, size_t offset)
{
	lua_pushnil(L);
	if (offset < 0x7FFFFFFF)
		lua_pushfstring(L, "invalid UTF-8 at byte %d", (int)offset + 1);
	else
		lua_pushfstring(L, "invalid UTF-8 at byte %f", (lua_Number)offset + 1);
	return 2;
}

/* Normalizes the string at arg; returns text [, map] or nil, message. */
static int normalize_with(lua_State *L, const normalizer_config *cfg, int arg,
                          scratch_buf *reusable)
{
	size_t n, bad = 0;
	const char *s = check_text(L, arg, &n);
	kb_offset_map *map = NULL;
	scratch_buf *scratch;
	kb_status status;
	int pushed;
	if (cfg->max_bytes >= 0 && n > (size_t)cfg->max_bytes)
		return push_failure(L, "input too large");
	if (cfg->want_map)
		map = push_offset_map(L);
	scratch = take_scratch(L, reusable, &pushed);
	status = kb_normalize(&cfg->opts, s, n, &scratch->buf, map, &bad);
	if (status != KB_OK) {
		release_scratch(scratch);
		if (status == KB_EUTF8)
			return push_bad_utf8(L, bad);
		if (status == KB_ETOOBIG)
			return push_failure(L, "input too large");
		return raise_status(L, status);
	}
	lua_pushlstring(L, scratch->buf.data ? scratch->buf.data : "", scratch->buf.len);
	release_scratch(scratch);
	if (!map)
		return 1;
	lua_pushvalue(L, pushed ? -3 : -2);
	return 2;
}

/* khabar.normalize(s [, opts]); upvalue 1 is the module's reusable buffer. */
static int l_normalize(lua_State *L)
{
	normalizer_config cfg;
	read_norm_options(L, 2, &cfg);
	return normalize_with(L, &cfg, 1, (scratch_buf *)lua_touserdata(L, lua_upvalueindex(1)));
}

/* A compiled normalizer: its options and its own reusable buffer. */
typedef struct {
	normalizer_config cfg;
	scratch_buf scratch;
} normalizer_object;

static int l_normalizer(lua_State *L)
{
	normalizer_config cfg;
	normalizer_object *object;
	read_norm_options(L, 1, &cfg);
	object = (normalizer_object *)lua_newuserdata(L, sizeof *object);
	memset(object, 0, sizeof *object);
	object->cfg = cfg;
	luaL_getmetatable(L, NORMALIZER_MT);
	lua_setmetatable(L, -2);
	return 1;
}

static int normalizer_normalize(lua_State *L)
{
	normalizer_object *object = (normalizer_object *)luaL_checkudata(L, 1, NORMALIZER_MT);
	return normalize_with(L, &object->cfg, 2, &object->scratch);
}

static int normalizer_gc(lua_State *L)
{
	normalizer_object *object = (normalizer_object *)luaL_checkudata(L, 1, NORMALIZER_MT);
	kb_buf_free(&object->scratch.buf);
	return 0;
}

/* normalizer:options(): the compiled options as a table (for inspection). */
static int normalizer_options(lua_State *L)
{
	normalizer_config *cfg = &((normalizer_object *)luaL_checkudata(L, 1, NORMALIZER_MT))->cfg;
	unsigned bit;
	const char *flag;
	lua_newtable(L);
	for (bit = 0; (flag = kb_norm_flag_name(bit)) != NULL; bit++) {
		lua_pushboolean(L, (cfg->opts.flags >> bit) & 1u);
		lua_setfield(L, -2, flag);
	}
	lua_pushstring(L, zwnj_names[cfg->opts.zwnj]);
	lua_setfield(L, -2, "zwnj");
	lua_pushstring(L, invalid_names[cfg->opts.invalid]);
	lua_setfield(L, -2, "invalid");
	lua_pushboolean(L, cfg->want_map);
	lua_setfield(L, -2, "map");
	if (cfg->max_bytes >= 0) {
		lua_pushinteger(L, cfg->max_bytes);
		lua_setfield(L, -2, "max_bytes");
	}
	return 1;
}

static kb_offset_map *check_offset_map(lua_State *L)
{
	kb_offset_map *map = (kb_offset_map *)luaL_checkudata(L, 1, OFFSET_MAP_MT);
	return map;
}

/* map:origin(i [, j]): the span start, stop (1-based, inclusive) of the
 * original string that output bytes i..j came from. */
static int offset_map_origin(lua_State *L)
{
	kb_offset_map *map = check_offset_map(L);
	lua_Integer i = luaL_checkinteger(L, 2);
	lua_Integer j = luaL_optinteger(L, 3, i);
	luaL_argcheck(L, map->start != NULL || map->len == 0, 1, "map is closed");
	luaL_argcheck(L, i >= 1 && (size_t)i <= map->len, 2, "output position out of range");
	luaL_argcheck(L, j >= i && (size_t)j <= map->len, 3, "output position out of range");
	lua_pushinteger(L, (lua_Integer)map->start[i - 1] + 1);
	lua_pushinteger(L, (lua_Integer)map->stop[j - 1]);
	return 2;
}

static int offset_map_len(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)check_offset_map(L)->len);
	return 1;
}

/* Idempotent: __gc, __close and map:close(). */
static int offset_map_close(lua_State *L)
{
	kb_offset_map_free(check_offset_map(L));
	return 0;
}

/* ==================================================================== */
/* Transliteration                                                       */
/* ==================================================================== */

typedef struct { kb_latin_translit *translit; } latin_holder;

static int latin_gc(lua_State *L)
{
	latin_holder *holder = (latin_holder *)luaL_checkudata(L, 1, LATIN_MT);
	if (holder->translit)
		kb_latin_translit_close(holder->translit);
	holder->translit = NULL;
	return 0;
}

/* This Lua state's Arabic-Latin transliterator, opened on first use and
 * kept in the registry (ICU transliterators are costly to open and must
 * not be shared between threads). NULL if ICU cannot open it. */
static kb_latin_translit *latin_translit(lua_State *L)
{
	latin_holder *holder;
	lua_getfield(L, LUA_REGISTRYINDEX, LATIN_CACHE);
	if (!lua_isnil(L, -1)) {
		holder = (latin_holder *)lua_touserdata(L, -1);
		lua_pop(L, 1);
		return holder->translit;
	}
	lua_pop(L, 1);
	holder = (latin_holder *)lua_newuserdata(L, sizeof *holder);
	holder->translit = NULL;
	luaL_getmetatable(L, LATIN_MT);
	lua_setmetatable(L, -2);
	if (kb_latin_translit_open(&holder->translit) != KB_OK) {
		lua_pop(L, 1);
		return NULL;
	}
	lua_setfield(L, LUA_REGISTRYINDEX, LATIN_CACHE);
	return holder->translit;
}

typedef struct {
	int reverse;
	lua_Integer max_bytes;
	kb_invalid_mode invalid;
} translit_config;

static void read_translit_options(lua_State *L, int arg, translit_config *cfg)
{
	cfg->reverse = 0;
	cfg->max_bytes = -1;
	cfg->invalid = KB_INVALID_REPAIR;
	if (lua_isnoneornil(L, arg))
		return;
	luaL_checktype(L, arg, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, arg) != 0) {
		const char *name;
		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_error(L, "transliterate option names must be strings");
		name = lua_tostring(L, -2);
		if (strcmp(name, "reverse") == 0)
			cfg->reverse = boolean_option(L, "transliterate", name);
		else if (strcmp(name, "max_bytes") == 0)
			cfg->max_bytes = max_bytes_option(L, "transliterate");
		else if (strcmp(name, "invalid") == 0)
			cfg->invalid = (kb_invalid_mode)enum_option(L, "transliterate", name, invalid_names);
		else
			luaL_error(L, "unknown transliterate option '%s'", name);
		lua_pop(L, 1);
	}
}

/* khabar.transliterate(s, scheme [, opts]). */
static int l_transliterate(lua_State *L)
{
	size_t n, bad = 0;
	const char *s = check_text(L, 1, &n);
	const char *name = luaL_checkstring(L, 2);
	kb_translit_scheme scheme;
	translit_config cfg;
	kb_latin_translit *latin = NULL;
	scratch_buf *scratch;
	kb_status status;
	int pushed;
	if (kb_translit_scheme_named(name, &scheme) != KB_OK)
		return luaL_argerror(L, 2, lua_pushfstring(L, "unknown scheme '%s'", name));
	read_translit_options(L, 3, &cfg);
	if (cfg.reverse && scheme == KB_TRANSLIT_LATIN)
		return luaL_error(L, "bad value for transliterate option 'reverse' (scheme 'latin' is one-way)");
	if (cfg.max_bytes >= 0 && n > (size_t)cfg.max_bytes)
		return push_failure(L, "input too large");
	if (scheme == KB_TRANSLIT_LATIN && (latin = latin_translit(L)) == NULL)
		return push_failure(L, "ICU's Arabic-Latin transliterator is not available");
	scratch = take_scratch(L, (scratch_buf *)lua_touserdata(L, lua_upvalueindex(1)), &pushed);
	if (scheme == KB_TRANSLIT_LATIN)
		status = kb_transliterate_latin(latin, s, n, &scratch->buf);
	else
		status = kb_transliterate_buckwalter(scheme, cfg.reverse, cfg.invalid, s, n,
		                                     &scratch->buf, &bad);
	if (status != KB_OK) {
		release_scratch(scratch);
		if (status == KB_EUTF8)
			return push_bad_utf8(L, bad);
		return status == KB_ETOOBIG ? push_failure(L, "input too large") : raise_status(L, status);
	}
	lua_pushlstring(L, scratch->buf.data ? scratch->buf.data : "", scratch->buf.len);
	release_scratch(scratch);
	(void)pushed;
	return 1;
}

static const luaL_Reg normalizer_methods[] = {
	{"normalize", normalizer_normalize},
	{"options", normalizer_options},
	{NULL, NULL}
};

static const luaL_Reg offset_map_methods[] = {
	{"origin", offset_map_origin},
	{"close", offset_map_close},
	{NULL, NULL}
};

/* Creates a metatable named `name` with the methods as its __index. */
static void new_class(lua_State *L, const char *name, const luaL_Reg *methods)
{
	luaL_newmetatable(L, name);
	if (methods) {
		lua_newtable(L);
		kb_setfuncs(L, methods);
		lua_setfield(L, -2, "__index");
	}
}

/* Metatables, and the functions that share the module's reusable buffer
 * (the module table is at the top of the stack). */
static void open_normalize(lua_State *L)
{
	new_class(L, NORMALIZER_MT, normalizer_methods);
	lua_pushcfunction(L, normalizer_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	new_class(L, OFFSET_MAP_MT, offset_map_methods);
	lua_pushcfunction(L, offset_map_close);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, offset_map_close);
	lua_setfield(L, -2, "__close");
	lua_pushcfunction(L, offset_map_len);
	lua_setfield(L, -2, "__len");
	lua_pop(L, 1);
	new_class(L, SCRATCH_MT, NULL);
	lua_pushcfunction(L, scratch_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	new_class(L, LATIN_MT, NULL);
	lua_pushcfunction(L, latin_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	push_scratch(L);
	lua_pushvalue(L, -1);
	lua_pushcclosure(L, l_normalize, 1);
	lua_setfield(L, -3, "normalize");
	lua_pushcclosure(L, l_transliterate, 1);
	lua_setfield(L, -2, "transliterate");
}

/* @tokenize: tokenize, sentences (issue 3) */

#define TOKENS_BOX "khabar.tokens"
#define SPANS_BOX "khabar.spans"

static const char *const token_kind_names[] = {
	"word", "number", "punct", "latin", "symbol", "url", "email", "mention", "hashtag"
};

/* The options of tokenize and sentences (argument 2: nil or a table whose
 * keys are max_bytes and, where columns is not NULL, columns): max_bytes,
 * or -1 when absent. */
static lua_Integer tokenize_options(lua_State *L, const char *fname, int *columns)
{
	lua_Integer max = -1;
	if (columns)
		*columns = 0;
	if (lua_isnoneornil(L, 2))
		return -1;
	if (!lua_istable(L, 2))
		luaL_argerror(L, 2, lua_pushfstring(L, "table expected, got %s", luaL_typename(L, 2)));
	lua_pushnil(L);
	while (lua_next(L, 2)) {
		const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		if (key && strcmp(key, "max_bytes") == 0) {
			max = max_bytes_option(L, fname);
		} else if (key && columns && strcmp(key, "columns") == 0) {
			if (!lua_isboolean(L, -1))
				luaL_error(L, "bad value for %s option 'columns' (boolean expected, got %s)", fname,
				           luaL_typename(L, -1));
			*columns = lua_toboolean(L, -1);
		} else {
			luaL_error(L, "unknown %s option '%s'", fname, key ? key : luaL_typename(L, -2));
		}
		lua_pop(L, 1);
	}
	return max;
}

static lua_Integer tokenize_max_bytes(lua_State *L, const char *fname)
{
	return tokenize_options(L, fname, NULL);
}

static int tokens_box_gc(lua_State *L)
{
	kb_tokens_free((kb_tokens *)luaL_checkudata(L, 1, TOKENS_BOX));
	return 0;
}

static int spans_box_gc(lua_State *L)
{
	kb_spans_free((kb_spans *)luaL_checkudata(L, 1, SPANS_BOX));
	return 0;
}

/* A zeroed userdata whose __gc frees the engine's result: a Lua error while
 * building the result tables cannot leak it. */
static void *new_box(lua_State *L, size_t size, const char *name, lua_CFunction gc)
{
	void *box = lua_newuserdata(L, size);
	memset(box, 0, size);
	if (luaL_newmetatable(L, name)) {
		lua_pushcfunction(L, gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	return box;
}

static void set_integer(lua_State *L, const char *name, size_t value)
{
	lua_pushinteger(L, (lua_Integer)value);
	lua_setfield(L, -2, name);
}

/* The keys of a token's table in the order they are set, then the kind
 * names and "": pushed once per call and copied from the stack for each
 * token (pushing a string hashes and interns it; a megabyte of news is
 * 100,000 tokens of ten fields). */
enum {
	KEY_TEXT, KEY_START, KEY_STOP, KEY_KIND, KEY_NORM, KEY_PREFIX, KEY_STEM, KEY_SUFFIX,
	KEY_STEM_START, KEY_STEM_STOP, KEY_COUNT
};

static const char *const token_keys[KEY_COUNT] = {
	"text", "start", "stop", "kind", "norm", "prefix", "stem", "suffix", "stem_start", "stem_stop"
};

#define KIND_COUNT (sizeof token_kind_names / sizeof token_kind_names[0])
#define TOKEN_STRINGS (KEY_COUNT + KIND_COUNT + 1)

/* Pushes the keys, kind names and ""; returns the stack index of the first. */
static int push_token_strings(lua_State *L)
{
	size_t i;
	luaL_checkstack(L, (int)TOKEN_STRINGS + 8, "too many tokens");
	for (i = 0; i < KEY_COUNT; i++)
		lua_pushstring(L, token_keys[i]);
	for (i = 0; i < KIND_COUNT; i++)
		lua_pushstring(L, token_kind_names[i]);
	lua_pushliteral(L, "");
	return lua_gettop(L) - (int)TOKEN_STRINGS + 1;
}

/* Pops the value on top of the stack into field `key` of the table at `table`. */
static void set_key(lua_State *L, int table, int strings, int key)
{
	lua_pushvalue(L, strings + key);
	lua_insert(L, -2);
	lua_rawset(L, table);
}

/* Pushes s[0..len) as a Lua string: "" from the stack, or the string at
 * stack index `same` when it holds those bytes (a search form is often the
 * text itself, a stem the search form). */
static void push_span(lua_State *L, int strings, const char *s, size_t len, int same)
{
	size_t same_len;
	const char *same_s;
	if (len == 0)
		lua_pushvalue(L, strings + KEY_COUNT + (int)KIND_COUNT);
	else if (same && (same_s = lua_tolstring(L, same, &same_len)) != NULL && same_len == len &&
	         memcmp(same_s, s, len) == 0)
		lua_pushvalue(L, same);
	else
		lua_pushlstring(L, s, len);
}

/* {text, start, stop, kind, norm, prefix, stem, suffix, stem_start, stem_stop}. */
static void push_token(lua_State *L, int strings, const char *s, const kb_tokens *tokens, size_t i)
{
	const kb_token *tk = &tokens->items[i];
	const char *norm = tokens->text.data + tk->norm;
	int table, text, norm_string;
	lua_createtable(L, 0, 10);
	table = lua_gettop(L);
	lua_pushlstring(L, s + tk->start, tk->stop - tk->start);
	text = lua_gettop(L);
	lua_pushvalue(L, text);
	set_key(L, table, strings, KEY_TEXT);
	lua_pushinteger(L, (lua_Integer)tk->start + 1);
	set_key(L, table, strings, KEY_START);
	lua_pushinteger(L, (lua_Integer)tk->stop);
	set_key(L, table, strings, KEY_STOP);
	lua_pushvalue(L, strings + KEY_COUNT + tk->kind);
	set_key(L, table, strings, KEY_KIND);
	push_span(L, strings, norm, tk->norm_len, text);
	norm_string = lua_gettop(L);
	lua_pushvalue(L, norm_string);
	set_key(L, table, strings, KEY_NORM);
	push_span(L, strings, norm, tk->prefix_len, 0);
	set_key(L, table, strings, KEY_PREFIX);
	push_span(L, strings, norm + tk->prefix_len, tk->norm_len - tk->prefix_len - tk->suffix_len,
	          norm_string);
	set_key(L, table, strings, KEY_STEM);
	push_span(L, strings, norm + tk->norm_len - tk->suffix_len, tk->suffix_len, 0);
	set_key(L, table, strings, KEY_SUFFIX);
	lua_pushinteger(L, (lua_Integer)tk->stem_start + 1);
	set_key(L, table, strings, KEY_STEM_START);
	lua_pushinteger(L, (lua_Integer)tk->stem_stop);
	set_key(L, table, strings, KEY_STEM_STOP);
	lua_settop(L, table);
}

/* Field `key` of token i: one cell of opts.columns. */
static void push_field(lua_State *L, int strings, const char *s, const kb_tokens *tokens, size_t i,
                       int key)
{
	const kb_token *tk = &tokens->items[i];
	const char *norm = tokens->text.data + tk->norm;
	switch (key) {
	case KEY_TEXT: lua_pushlstring(L, s + tk->start, tk->stop - tk->start); break;
	case KEY_START: lua_pushinteger(L, (lua_Integer)tk->start + 1); break;
	case KEY_STOP: lua_pushinteger(L, (lua_Integer)tk->stop); break;
	case KEY_KIND: lua_pushvalue(L, strings + KEY_COUNT + tk->kind); break;
	case KEY_NORM: push_span(L, strings, norm, tk->norm_len, 0); break;
	case KEY_PREFIX: push_span(L, strings, norm, tk->prefix_len, 0); break;
	case KEY_STEM:
		push_span(L, strings, norm + tk->prefix_len, tk->norm_len - tk->prefix_len - tk->suffix_len, 0);
		break;
	case KEY_SUFFIX: push_span(L, strings, norm + tk->norm_len - tk->suffix_len, tk->suffix_len, 0); break;
	case KEY_STEM_START: lua_pushinteger(L, (lua_Integer)tk->stem_start + 1); break;
	default: lua_pushinteger(L, (lua_Integer)tk->stem_stop); break;
	}
}

/* opts.columns: {text = {...}, start = {...}, ...}, one array per field,
 * token i at index i of each: ten Lua tables instead of one per token. */
static void push_token_columns(lua_State *L, int strings, const char *s, const kb_tokens *tokens)
{
	int result, key;
	size_t i;
	lua_createtable(L, 0, KEY_COUNT);
	result = lua_gettop(L);
	for (key = 0; key < KEY_COUNT; key++) {
		lua_createtable(L, (int)tokens->count, 0);
		for (i = 0; i < tokens->count; i++) {
			push_field(L, strings, s, tokens, i, key);
			lua_rawseti(L, -2, (int)i + 1);
		}
		set_key(L, result, strings, key);
	}
}

/* Runs kb_tokenize into a box on the stack; NULL after pushing nil, message. */
static kb_tokens *run_tokenize(lua_State *L, const char *fname, const char **s, size_t *n,
                               int *columns)
{
	kb_tokens *tokens;
	lua_Integer max;
	kb_status status;
	*s = check_text(L, 1, n);
	max = tokenize_options(L, fname, columns);
	if (max >= 0 && *n > (size_t)max) {
		push_failure(L, "input too large");
		return NULL;
	}
	tokens = (kb_tokens *)new_box(L, sizeof *tokens, TOKENS_BOX, tokens_box_gc);
	status = kb_tokenize(*s, *n, tokens);
	if (status == KB_ENOMEM)
		raise_status(L, status);
	if (status != KB_OK) {
		push_failure(L, kb_status_message(status));
		return NULL;
	}
	return tokens;
}

static int l_tokenize(lua_State *L)
{
	const char *s;
	size_t n, i;
	int strings, columns;
	kb_tokens *tokens = run_tokenize(L, "tokenize", &s, &n, &columns);
	if (!tokens)
		return 2;
	strings = push_token_strings(L);
	if (columns) {
		push_token_columns(L, strings, s, tokens);
	} else {
		lua_createtable(L, (int)tokens->count, 0);
		for (i = 0; i < tokens->count; i++) {
			push_token(L, strings, s, tokens, i);
			lua_rawseti(L, -2, (int)i + 1);
		}
	}
	/* Free now rather than at the box's __gc: the collector does not see C
	 * memory, and memory handed straight back is reused without page faults. */
	kb_tokens_free(tokens);
	return 1;
}

/* The token count alone: the engine's speed without building Lua tables. */
static int l_tokenize_count(lua_State *L)
{
	const char *s;
	size_t n;
	kb_tokens *tokens = run_tokenize(L, "tokenize_count", &s, &n, NULL);
	if (!tokens)
		return 2;
	lua_pushinteger(L, (lua_Integer)tokens->count);
	kb_tokens_free(tokens);
	return 1;
}

/* segment(word): prefix, stem, suffix of a word in its search form. */
static int l_segment(lua_State *L)
{
	size_t n, prefix, suffix;
	const char *word = luaL_checklstring(L, 1, &n);
	kb_segment(word, n, &prefix, &suffix);
	lua_pushlstring(L, word, prefix);
	lua_pushlstring(L, word + prefix, n - prefix - suffix);
	lua_pushlstring(L, word + n - suffix, suffix);
	return 3;
}

static int l_sentences(lua_State *L)
{
	size_t n, i;
	const char *s = check_text(L, 1, &n);
	lua_Integer max = tokenize_max_bytes(L, "sentences");
	kb_spans *spans;
	kb_status status;
	if (max >= 0 && n > (size_t)max)
		return push_failure(L, "input too large");
	spans = (kb_spans *)new_box(L, sizeof *spans, SPANS_BOX, spans_box_gc);
	status = kb_sentences(s, n, spans);
	if (status == KB_ENOMEM)
		return raise_status(L, status);
	if (status != KB_OK)
		return push_failure(L, kb_status_message(status));
	lua_createtable(L, (int)spans->count, 0);
	for (i = 0; i < spans->count; i++) {
		lua_createtable(L, 0, 2);
		set_integer(L, "start", spans->items[i].start + 1);
		set_integer(L, "stop", spans->items[i].stop);
		lua_rawseti(L, -2, (int)i + 1);
	}
	kb_spans_free(spans);
	return 1;
}


/* @entities: entities, tag (issue 4) */

/* @entities-tagger: tag (kb_ner_tag) */

/* Counts the words of a tag() argument: a list of strings (one sentence),
 * or a list of lists of strings (the sentences of one document). Raises
 * for anything else, naming the offending element. */
static size_t tag_count_words(lua_State *L, int nested)
{
	size_t count = 0, i, j, m, k = kb_rawlen(L, 1);
	for (i = 1; i <= k; i++) {
		lua_rawgeti(L, 1, (lua_Integer)i);
		if (!nested) {
			if (lua_type(L, -1) != LUA_TSTRING)
				luaL_argerror(L, 1, lua_pushfstring(L, "token %d is a %s, not a string",
				                                    (int)i, luaL_typename(L, -1)));
			count++;
		} else {
			if (lua_type(L, -1) != LUA_TTABLE)
				luaL_argerror(L, 1, lua_pushfstring(L, "sentence %d is a %s, not a table",
				                                    (int)i, luaL_typename(L, -1)));
			m = kb_rawlen(L, -1);
			for (j = 1; j <= m; j++) {
				lua_rawgeti(L, -1, (lua_Integer)j);
				if (lua_type(L, -1) != LUA_TSTRING)
					luaL_argerror(L, 1, lua_pushfstring(L, "token %d of sentence %d is a %s, not a string",
					                                    (int)j, (int)i, luaL_typename(L, -1)));
				lua_pop(L, 1);
			}
			count += m;
		}
		lua_pop(L, 1);
	}
	return count;
}

/* Points words[] at the strings of the argument (kept alive by it). */
static void tag_fill_words(lua_State *L, int nested, kb_ner_word *words)
{
	size_t w = 0, i, j, m, k = kb_rawlen(L, 1);
	for (i = 1; i <= k; i++) {
		lua_rawgeti(L, 1, (lua_Integer)i);
		if (!nested) {
			words[w].text = lua_tolstring(L, -1, &words[w].len);
			words[w].sentence_start = i == 1;
			w++;
		} else {
			m = kb_rawlen(L, -1);
			for (j = 1; j <= m; j++) {
				lua_rawgeti(L, -1, (lua_Integer)j);
				words[w].text = lua_tolstring(L, -1, &words[w].len);
				words[w].sentence_start = j == 1;
				w++;
				lua_pop(L, 1);
			}
		}
		lua_pop(L, 1);
	}
}

/* core.tag(tokens) → a list of BIO tags, one per token; with a list of
 * sentences (lists of tokens), a list of lists. The word and label
 * buffers live in a userdata, so a Lua error cannot leak them. */
static int l_tag(lua_State *L)
{
	size_t n, i, j, m, w, k;
	int nested;
	kb_ner_word *words;
	uint8_t *labels;
	kb_status st;
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_rawgeti(L, 1, 1);
	nested = lua_type(L, -1) == LUA_TTABLE;
	lua_pop(L, 1);
	n = tag_count_words(L, nested);
	words = (kb_ner_word *)lua_newuserdata(L, n * (sizeof *words + 1) + 1);
	labels = (uint8_t *)(words + n);
	tag_fill_words(L, nested, words);
	st = kb_ner_tag(words, n, labels);
	if (st != KB_OK)
		return st == KB_ENOMEM ? raise_status(L, st) : push_failure(L, kb_status_message(st));
	k = kb_rawlen(L, 1);
	lua_createtable(L, (int)(nested ? k : n), 0);
	for (i = 1, w = 0; i <= k; i++) {
		if (!nested) {
			lua_pushstring(L, kb_ner_label_name(labels[w++]));
			lua_rawseti(L, -2, (lua_Integer)i);
			continue;
		}
		lua_rawgeti(L, 1, (lua_Integer)i);
		m = kb_rawlen(L, -1);
		lua_pop(L, 1);
		lua_createtable(L, (int)m, 0);
		for (j = 1; j <= m; j++) {
			lua_pushstring(L, kb_ner_label_name(labels[w++]));
			lua_rawseti(L, -2, (lua_Integer)j);
		}
		lua_rawseti(L, -2, (lua_Integer)i);
	}
	return 1;
}

/* @entities-layer: entities (kb_entities_extract) */

#define ENTITIES_BOX "khabar.entities"

/* The C result lives in a userdata until converted, so a Lua error while
 * building the tables (out of memory) cannot leak it. */
static int entities_box_gc(lua_State *L)
{
	kb_entities_free((kb_entities *)luaL_checkudata(L, 1, ENTITIES_BOX));
	return 0;
}

static kb_entities *new_entities_box(lua_State *L)
{
	kb_entities *e = (kb_entities *)lua_newuserdata(L, sizeof *e);
	memset(e, 0, sizeof *e);
	if (luaL_newmetatable(L, ENTITIES_BOX)) {
		lua_pushcfunction(L, entities_box_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	return e;
}

static void set_string_field(lua_State *L, const char *name, const char *value, size_t len)
{
	if (len == 0)
		return;
	lua_pushlstring(L, value, len);
	lua_setfield(L, -2, name);
}

/* One entity as {type, text, start, stop, norm, id, canonical, country,
 * title, sector, value, confidence} with 1-based inclusive offsets. */
static void push_entity(lua_State *L, const char *s, const kb_entities *all, size_t i)
{
	const kb_entity *e = &all->items[i];
	lua_createtable(L, 0, 12);
	lua_pushstring(L, kb_entity_type_name(e->type));
	lua_setfield(L, -2, "type");
	lua_pushlstring(L, s + e->start, e->stop - e->start);
	lua_setfield(L, -2, "text");
	lua_pushinteger(L, (lua_Integer)e->start + 1);
	lua_setfield(L, -2, "start");
	lua_pushinteger(L, (lua_Integer)e->stop);
	lua_setfield(L, -2, "stop");
	lua_pushlstring(L, all->text.data + e->norm, e->norm_len);
	lua_setfield(L, -2, "norm");
	lua_pushinteger(L, (lua_Integer)e->id + 1);
	lua_setfield(L, -2, "id");
	if (e->canonical >= 0) {
		const kb_entity *c = &all->items[e->canonical];
		lua_pushlstring(L, s + c->start, c->stop - c->start);
		lua_setfield(L, -2, "canonical");
	}
	set_string_field(L, "country", e->country, strlen(e->country));
	if (e->title >= 0) {
		const kb_entity *t = &all->items[e->title];
		lua_pushlstring(L, s + t->start, t->stop - t->start);
		lua_setfield(L, -2, "title");
	}
	set_string_field(L, "sector", kb_sector_name(e->sector), strlen(kb_sector_name(e->sector)));
	set_string_field(L, "value", e->value, strnlen(e->value, sizeof e->value));
	lua_pushnumber(L, (lua_Number)((int)(e->confidence * 100 + 0.5f)) / 100);
	lua_setfield(L, -2, "confidence");
}

/* core.entities(s [, date]) → list of entities; nil, message for a bad
 * date. Option checks live in khabar.entities (init.lua). */
static int l_entities(lua_State *L)
{
	size_t n, i;
	const char *s = luaL_checklstring(L, 1, &n);
	const char *date = luaL_optstring(L, 2, NULL);
	kb_entities *e;
	kb_status st;
	lua_settop(L, 2);
	e = new_entities_box(L);
	st = kb_entities_extract(s, n, date, e);
	if (st != KB_OK) {
		kb_entities_free(e);
		if (st == KB_EINVAL)
			return push_failure(L, "bad date: expected YYYY-MM-DD, a real day");
		if (st == KB_ETOOBIG)
			return push_failure(L, "input too large");
		return raise_status(L, st);
	}
	lua_createtable(L, (int)e->count, 0);
	for (i = 0; i < e->count; i++) {
		push_entity(L, s, e, i);
		lua_rawseti(L, -2, (int)i + 1);
	}
	kb_entities_free(e);
	return 1;
}

/* @events: events, analyze (issue 5) */

#define EVENTS_BOX "khabar.events"
#define EVENTS_ENTITY_LIMIT (4u << 20)

/* The events of one call, owned by a userdata so that a Lua error while
 * the results are pushed cannot leak them. */
static int events_box_gc(lua_State *L)
{
	kb_events *box = luaL_checkudata(L, 1, EVENTS_BOX);
	kb_events_free(box);
	return 0;
}

/* A real calendar day "YYYY-MM-DD" into *date. */
static int parse_event_date(const char *s, size_t n, kb_date *date)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	size_t k;
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (k = 0; k < 10; k++)
		if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	date->year = y;
	date->month = m;
	date->day = d;
	return 1;
}

static void set_span(lua_State *L, const char *s, uint32_t start, uint32_t stop)
{
	lua_pushlstring(L, s + start, stop - start);
	lua_setfield(L, -2, "text");
	lua_pushinteger(L, (lua_Integer)start + 1);
	lua_setfield(L, -2, "start");
	lua_pushinteger(L, (lua_Integer)stop);
	lua_setfield(L, -2, "stop");
}

static void set_code_field(lua_State *L, const char *name, const char *code)
{
	if (code && code[0]) {
		lua_pushstring(L, code);
		lua_setfield(L, -2, name);
	}
}

/* {text, start, stop, entity, country, sector}; entity is the 1-based
 * entity id when the argument was linked. */
static void push_event_arg(lua_State *L, const char *s, const kb_event_arg *a)
{
	lua_createtable(L, 0, 6);
	set_span(L, s, a->start, a->stop);
	if (a->entity_id >= 0) {
		lua_pushinteger(L, (lua_Integer)a->entity_id + 1);
		lua_setfield(L, -2, "entity");
	}
	set_code_field(L, "country", a->country);
	set_code_field(L, "sector", a->sector);
}

static void push_event_strings(lua_State *L, const kb_event *e)
{
	lua_pushstring(L, e->type);
	lua_setfield(L, -2, "type");
	lua_pushstring(L, e->cameo);
	lua_setfield(L, -2, "cameo");
	set_code_field(L, "plover", e->plover);
	set_code_field(L, "mode", e->mode);
	set_code_field(L, "reciprocal", e->reciprocal);
	lua_pushstring(L, e->negative ? "negative" : "positive");
	lua_setfield(L, -2, "polarity");
	lua_pushstring(L, kb_event_modality_name(e->modality));
	lua_setfield(L, -2, "modality");
	lua_pushboolean(L, e->generic);
	lua_setfield(L, -2, "generic");
	set_code_field(L, "target_country", e->target_country);
}

static void push_event(lua_State *L, const char *s, const kb_event *e)
{
	unsigned t;
	lua_createtable(L, 0, 18);
	push_event_strings(L, e);
	lua_createtable(L, 0, 3);
	set_span(L, s, e->trigger_start, e->trigger_stop);
	lua_setfield(L, -2, "trigger");
	if (e->has_source) {
		push_event_arg(L, s, &e->source);
		lua_setfield(L, -2, "source");
	}
	lua_createtable(L, (int)e->target_count, 0);
	for (t = 0; t < e->target_count; t++) {
		push_event_arg(L, s, &e->targets[t]);
		lua_rawseti(L, -2, (int)t + 1);
	}
	lua_setfield(L, -2, "targets");
	if (e->has_date) {
		lua_createtable(L, 0, 4);
		set_span(L, s, e->date_start, e->date_stop);
		lua_pushstring(L, e->date_value);
		lua_setfield(L, -2, "value");
		lua_setfield(L, -2, "date");
	}
	if (e->has_location) {
		push_event_arg(L, s, &e->location);
		lua_setfield(L, -2, "location");
	}
	lua_createtable(L, 0, 2);
	lua_pushinteger(L, (lua_Integer)e->sentence_start + 1);
	lua_setfield(L, -2, "start");
	lua_pushinteger(L, (lua_Integer)e->sentence_stop);
	lua_setfield(L, -2, "stop");
	lua_setfield(L, -2, "sentence");
	lua_pushinteger(L, (lua_Integer)e->cluster);
	lua_setfield(L, -2, "cluster");
	lua_pushnumber(L, (lua_Number)((int)(e->confidence * 100.0f + 0.5f)) / 100.0);
	lua_setfield(L, -2, "confidence");
}

/* core.events(s [, date [, with_entities]]): the events of s as a list of
 * tables; date is the article's "YYYY-MM-DD" (nil, message when it is no
 * day). The entities found on the way link the arguments; with_entities
 * returns them too, as core.entities would. */
static int l_events(lua_State *L)
{
	size_t n, dn = 0, k;
	const char *s = luaL_checklstring(L, 1, &n);
	const char *ds = luaL_optlstring(L, 2, NULL, &dn);
	int with_entities = lua_toboolean(L, 3);
	kb_date date;
	kb_entities *ents;
	kb_events *box;
	kb_status st;
	lua_settop(L, 3);
	if (ds && !parse_event_date(ds, dn, &date))
		return push_failure(L, "bad date: expected YYYY-MM-DD");
	ents = new_entities_box(L);
	/* Entities link the arguments of an article; a text of many megabytes
	 * is coded without them unless they are asked for (memory). */
	st = n <= EVENTS_ENTITY_LIMIT || with_entities ? kb_entities_extract(s, n, ds, ents) : KB_OK;
	if (st == KB_OK) {
		box = lua_newuserdata(L, sizeof *box);
		memset(box, 0, sizeof *box);
		if (luaL_newmetatable(L, EVENTS_BOX)) {
			lua_pushcfunction(L, events_box_gc);
			lua_setfield(L, -2, "__gc");
		}
		lua_setmetatable(L, -2);
		st = kb_events_extract(s, n, ds ? &date : NULL, ents, box);
	}
	if (st == KB_ETOOBIG || st == KB_EINVAL)
		return push_failure(L, st == KB_ETOOBIG ? "input too large" : "bad date: expected YYYY-MM-DD");
	if (st != KB_OK)
		return raise_status(L, st);
	lua_createtable(L, (int)box->count, 0);
	for (k = 0; k < box->count; k++) {
		push_event(L, s, &box->items[k]);
		lua_rawseti(L, -2, (int)k + 1);
	}
	kb_events_free(box);
	if (!with_entities) {
		kb_entities_free(ents);
		return 1;
	}
	lua_createtable(L, (int)ents->count, 0);
	for (k = 0; k < ents->count; k++) {
		push_entity(L, s, ents, k);
		lua_rawseti(L, -2, (int)k + 1);
	}
	kb_entities_free(ents);
	return 2;
}


/* ==================================================================== */
/* Module                                                                */
/* ==================================================================== */

static const luaL_Reg functions[] = {
	{"versions", l_versions},
	/* @normalize-entries */
	{"normalizer", l_normalizer},  /* normalize, transliterate: open_normalize */
	/* @tokenize-entries */
	{"tokenize", l_tokenize},
	{"tokenize_count", l_tokenize_count},
	{"segment", l_segment},
	{"sentences", l_sentences},
	/* @entities-entries */
	{"tag", l_tag},
	{"entities", l_entities},
	/* @events-entries */
	{"events", l_events},
	{NULL, NULL}
};

KB_EXPORT int luaopen_khabar_core(lua_State *L);

KB_EXPORT int luaopen_khabar_core(lua_State *L)
{
	lua_newtable(L);
	kb_setfuncs(L, functions);
	/* @open: metatables and per-VM state are created here */
	open_normalize(L);
	lua_pushliteral(L, KB_VERSION);
	lua_setfield(L, -2, "_VERSION");
	return 1;
}
