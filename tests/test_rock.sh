#!/bin/sh
# Proves the rockspec: it must be current (as tools/gen_rockspec.lua writes
# it), and `luarocks make` must build and install, into a temporary tree, a
# module that lua5.4 and luajit can require and use.
set -e
LUA54=${LUA54:-lua5.4}
LUAJIT=${LUAJIT:-luajit}
LUAJIT_INCDIR=${LUAJIT_INCDIR:-/usr/include/luajit-2.1}
$LUA54 tools/gen_rockspec.lua | cmp -s - khabar-scm-1.rockspec || {
	echo "khabar-scm-1.rockspec is stale: run make rockspec"; exit 1; }
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
# luarocks builds in the current directory: build in a copy of the sources.
mkdir "$tree/src"
cp -r csrc lua bin khabar-scm-1.rockspec "$tree/src/"
cd "$tree/src"
probe='local k = require "khabar"; local v = k.versions(); assert(v.khabar == k._VERSION); print(v.khabar, v.icu, v.lua)'
luarocks --lua-version 5.4 --tree "$tree" make khabar-scm-1.rockspec >"$tree/5.4.log" 2>&1 || {
	cat "$tree/5.4.log"; exit 1; }
LUA_PATH="$tree/share/lua/5.4/?.lua;$tree/share/lua/5.4/?/init.lua" \
LUA_CPATH="$tree/lib/lua/5.4/?.so" $LUA54 -e "$probe"
luarocks --lua-version 5.1 --tree "$tree" make khabar-scm-1.rockspec \
	LUA_INCDIR="$LUAJIT_INCDIR" >"$tree/5.1.log" 2>&1 || { cat "$tree/5.1.log"; exit 1; }
LUA_PATH="$tree/share/lua/5.1/?.lua;$tree/share/lua/5.1/?/init.lua" \
LUA_CPATH="$tree/lib/lua/5.1/?.so" $LUAJIT -e "$probe"
echo "test-rock: luarocks make works for Lua 5.4 and 5.1/LuaJIT"
