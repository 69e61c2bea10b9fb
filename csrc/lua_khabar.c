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

/* @tokenize: tokenize, sentences (issue 3) */

/* @entities: entities, tag (issue 4) */

/* @events: events, analyze (issue 5) */

/* ==================================================================== */
/* Module                                                                */
/* ==================================================================== */

static const luaL_Reg functions[] = {
	{"versions", l_versions},
	/* @normalize-entries */
	/* @tokenize-entries */
	/* @entities-entries */
	/* @events-entries */
	{NULL, NULL}
};

KB_EXPORT int luaopen_khabar_core(lua_State *L);

KB_EXPORT int luaopen_khabar_core(lua_State *L)
{
	lua_newtable(L);
	kb_setfuncs(L, functions);
	/* @open: metatables and per-VM state are created here */
	lua_pushliteral(L, KB_VERSION);
	lua_setfield(L, -2, "_VERSION");
	return 1;
}
