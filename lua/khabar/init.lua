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

-- @tokenize: tokenize, sentences (issue 3)

-- @entities: entities, tag (issue 4)

-- @events: events, analyze (issue 5)

return khabar
