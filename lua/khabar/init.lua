--- khabar: Arabic news analysis (normalization, tokens, entities, events).
-- The C engine does the work (`khabar.core`); this layer checks arguments,
-- fills in defaults and adds conveniences. It keeps no mutable state of its
-- own, so one copy serves every coroutine and request of a Lua VM.
local core = require "khabar.core"

local khabar = {
  _VERSION = core._VERSION,
}

--- The versions of khabar and of the libraries it runs on.
-- @return table {khabar, icu, unicode, pcre2, lua}
function khabar.versions()
  local v = core.versions()
  v.lua = (rawget(_G, "jit") and _G.jit.version) or v.lua or _VERSION
  return v
end

-- @normalize: normalize, normalizer, transliterate (issue 3)

--- Normalizes s (docs/normalization.md lists the steps).
-- @param s string
-- @param opts nil, a profile name ("search", "display", "none") or a table
--   {profile = "search", <step> = true|false, zwnj = "remove"|"space"|"keep",
--    invalid = "repair"|"error"|"drop", map = false, max_bytes = n}
-- @return the normalized string [, map with map:origin(i [, j])]; or nil, message
khabar.normalize = core.normalize

--- Compiles normalization options once; the result has :normalize(s) and :options().
khabar.normalizer = core.normalizer

--- Transliterates s: scheme "buckwalter", "safe-buckwalter", "xml-buckwalter" (both
-- directions, opts.reverse) or "latin" (ICU Arabic-Latin); opts {reverse, invalid, max_bytes}.
khabar.transliterate = core.transliterate

-- @tokenize: tokenize, sentences (issue 3)

-- @entities: entities, tag (issue 4)

-- @events: events, analyze (issue 5)

return khabar
