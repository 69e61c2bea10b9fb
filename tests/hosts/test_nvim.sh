#!/bin/sh
# make test-hosts, Neovim part: runs tests/hosts/nvim_test.lua in Debian's
# nvim --headless with this checkout's plugin and LuaJIT build. A Lua error
# inside nvim 0.7 still exits 0, so failures leave through :cquit.
set -u
ROOT=${ROOT:-.}
NVIM=${NVIM:-nvim}
BUILD=${BUILD:-$ROOT/build}
KHABAR_ARTICLE=${ARTICLE:-$ROOT/spec/fixtures/sample/article.txt}
export KHABAR_ARTICLE
home=$(mktemp -d /tmp/khabar-nvim.XXXXXX)
trap 'rm -rf "$home"' EXIT INT TERM
# A private HOME and XDG dirs: no user configuration, shada or swap files.
HOME=$home XDG_CONFIG_HOME=$home XDG_DATA_HOME=$home XDG_STATE_HOME=$home XDG_CACHE_HOME=$home \
timeout 60 "$NVIM" --headless -u NONE -i NONE -n \
	--cmd "set rtp^=$ROOT,$ROOT/examples/nvim" \
	--cmd "let g:khabar_cpath = '$BUILD/jit/?.so'" \
	-c 'lua local ok, err = pcall(dofile, "tests/hosts/nvim_test.lua")
		if not ok then io.stderr:write(tostring(err), "\n") vim.cmd("cquit 1") end' \
	-c 'qa!'
