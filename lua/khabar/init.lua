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

--- The entities of s: persons, places, organisations, titles, nationalities,
-- dates, times and numbers, linked within the text (README "Entities").
-- @param s string
-- @param opts nil or {date = "YYYY-MM-DD" (the article's date, for resolving
--   dates), max_bytes = n}
-- @return list of {type, text, start, stop, norm, id, canonical, country, title,
--   sector, value, confidence} in text order; or nil, message
function khabar.entities(s, opts)
  if type(s) ~= "string" then
    error(string.format("bad argument #1 to 'entities' (string expected, got %s)", type(s)), 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error(string.format("bad argument #2 to 'entities' (table expected, got %s)", type(opts)), 2)
  end
  opts = opts or {}
  local max_bytes, date = opts.max_bytes, opts.date
  if max_bytes ~= nil and type(max_bytes) ~= "number" then
    error("bad argument #2 to 'entities' (max_bytes: number expected, got " .. type(max_bytes) .. ")", 2)
  end
  if date ~= nil and type(date) ~= "string" then
    error("bad argument #2 to 'entities' (date: string expected, got " .. type(date) .. ")", 2)
  end
  if max_bytes and #s > max_bytes then return nil, "input too large" end
  if date and not date:match("^%d%d%d%d%-%d%d%-%d%d$") then
    return nil, "bad date '" .. date .. "': expected YYYY-MM-DD"
  end
  local entities, message = core.entities(s, date)
  if not entities then
    if date and message:match("^bad date") then return nil, "bad date '" .. date .. "': not a real day" end
    return nil, message
  end
  return entities
end

-- @events: events, analyze (issue 5)

return khabar
