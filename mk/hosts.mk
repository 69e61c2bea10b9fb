# khabar in its hosts (issue 6): OpenResty, Neovim, and an HTML view checked in Chromium.
#
#   make test-hosts        the three host tests (also a step of make test)
#   make bench-openresty   wrk against the OpenResty example: req/s, latency, RSS
#   make render-screenshot docs/render.png from the sample article
#   make deps-hosts        the Debian packages these need

# nginx's Lua module pulls libluajit2-5.1-2, which conflicts with luajit and
# libluajit-5.1-dev: luajit2 and libluajit2-5.1-dev provide the interpreter and headers.
HOSTS_PACKAGES = nginx libnginx-mod-http-lua luajit2 libluajit2-5.1-dev neovim chromium \
                 fonts-dejavu-core wrk curl

NVIM     ?= nvim
CHROMIUM ?= chromium
SAMPLE   ?= spec/fixtures/sample/article.txt

TEST_STEPS += test-hosts

.PHONY: deps-hosts test-hosts test-openresty test-nvim test-render bench-openresty render-screenshot

deps-hosts:
	@sh tools/install_deps.sh $(HOSTS_PACKAGES)

test-hosts: test-openresty test-nvim test-render

test-openresty: all
	@ROOT=. BUILD=$(BUILD) KHABAR_BUILD=$(BUILD)/5.4 LUA=$(LUA54) ARTICLE=$(SAMPLE) sh tests/hosts/test_openresty.sh

test-render: all
	@ROOT=. KHABAR_BUILD=$(BUILD)/5.4 LUA=$(LUA54) CHROMIUM=$(CHROMIUM) ARTICLE=$(SAMPLE) sh tests/hosts/test_render.sh

# The README's screenshot: the render test's own screenshot of the sample.
render-screenshot: all
	@mkdir -p docs
	@ROOT=. KHABAR_BUILD=$(BUILD)/5.4 LUA=$(LUA54) CHROMIUM=$(CHROMIUM) ARTICLE=$(SAMPLE) SCREENSHOT=docs/render.png \
	    sh tests/hosts/test_render.sh
	@ls -l docs/render.png

test-nvim: all
	@ROOT=. BUILD=$(BUILD) NVIM=$(NVIM) ARTICLE=$(SAMPLE) sh tests/hosts/test_nvim.sh

# REQUESTS=100000 by default; REQUESTS=5000 for a quick look.
bench-openresty: all
	@ROOT=. BUILD=$(BUILD) ARTICLE=$(SAMPLE) sh tests/hosts/bench_openresty.sh
