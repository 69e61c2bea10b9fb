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

--- The tokens of s: an array of {text, start, stop, kind, norm, prefix, stem,
-- suffix, stem_start, stem_stop}. kind is word, number, punct, latin, symbol,
-- url, email, mention or hashtag; norm is the search form; prefix, stem and
-- suffix split norm at the clitics of Arabic words (وال + تعاون, كتاب + ه);
-- stem_start..stem_stop is the stem in s. Invalid UTF-8 becomes symbol tokens.
-- With opts.columns = true, the same values as one array per field instead:
-- {text = {...}, start = {...}, ...}, token i at index i of each (ten tables
-- rather than one per token: several times faster on long texts).
-- @param s string
-- @param opts nil or {max_bytes = n, columns = boolean}
-- @return tokens; or nil, "input too large"
khabar.tokenize = core.tokenize

--- The sentences of s: an array of {start, stop} (s:sub(start, stop)).
-- @param s string
-- @param opts nil or {max_bytes = n}
khabar.sentences = core.sentences

--- Clitic segmentation of one word in its search form: prefix, stem, suffix.
khabar.segment = core.segment

-- @entities: entities, tag (issue 4)

--- The statistical tagger's BIO tags (O, B-PERS, I-PERS, B-LOC, I-LOC, B-ORG,
-- I-ORG, B-MISC, I-MISC) of whitespace tokens, one per token (the ANERcorp
-- view: proclitics and glued punctuation stay in the token).
-- @param tokens list of strings (one sentence), or list of lists of strings
--   (the sentences of one article: mentions elsewhere in it inform each tag)
-- @return list of tags, or list of lists of tags
khabar.tag = core.tag

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
  for name in pairs(opts) do
    if name ~= "date" and name ~= "max_bytes" then
      error(string.format("bad argument #2 to 'entities' (unknown entities option '%s')", tostring(name)), 2)
    end
  end
  local max_bytes, date = opts.max_bytes, opts.date
  if max_bytes ~= nil and not (type(max_bytes) == "number" and max_bytes >= 0
                                and max_bytes == math.floor(max_bytes)) then
    error(string.format("bad argument #2 to 'entities' (bad value for entities option 'max_bytes': "
      .. "a whole number >= 0 expected, got %s)", tostring(max_bytes)), 2)
  end
  if date ~= nil and type(date) ~= "string" then
    error(string.format("bad argument #2 to 'entities' (bad value for entities option 'date': "
      .. "string expected, got %s)", type(date)), 2)
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

-- Checks the options every event function takes: nil or a table with
-- date (YYYY-MM-DD), max_bytes, dyads. Wrong types raise; bad data
-- returns nil, message.
local EVENT_OPTIONS = { date = true, dyads = true, max_bytes = true }

local function event_options(s, opts, fname)
  if type(s) ~= "string" then
    error(string.format("bad argument #1 to '%s' (string expected, got %s)", fname, type(s)), 3)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error(string.format("bad argument #2 to '%s' (table expected, got %s)", fname, type(opts)), 3)
  end
  opts = opts or {}
  for k in pairs(opts) do
    if not EVENT_OPTIONS[k] then error(string.format("unknown %s option '%s'", fname, tostring(k)), 3) end
  end
  local max = opts.max_bytes
  if max ~= nil and not (type(max) == "number" and max >= 0 and max == math.floor(max)) then
    error(string.format("bad value for %s option 'max_bytes' (a non-negative integer expected)", fname), 3)
  end
  if max and #s > max then return nil, "input too large" end
  local date = opts.date
  if date ~= nil then
    if type(date) ~= "string" or not date:match("^%d%d%d%d%-%d%d%-%d%d$") then
      return nil, "bad date: expected YYYY-MM-DD"
    end
  end
  return opts
end

-- One dyad per target, and for reciprocal codes (041, 046, 042/043 ...)
-- the mirrored dyad as well: the form CAMEO datasets count.
local function expand_dyads(events)
  local out = {}
  for _, e in ipairs(events) do
    if #e.targets == 0 then
      out[#out + 1] = e
    else
      for _, t in ipairs(e.targets) do
        local d = {}
        for k, v in pairs(e) do d[k] = v end
        d.targets = { t }
        d.dyad = true
        out[#out + 1] = d
        if e.reciprocal and e.source then
          local r = {}
          for k, v in pairs(d) do r[k] = v end
          r.source, r.targets, r.cameo = t, { e.source }, e.reciprocal
          if e.reciprocal == "043" then r.type = "HOST" elseif e.reciprocal == "042" then r.type = "VISIT" end
          r.reciprocal = e.cameo
          r.mirrored = true
          out[#out + 1] = r
        end
      end
    end
  end
  return out
end

--- The events of s: who did what to whom, when and where (docs: README "Events").
-- @param s string (an article)
-- @param opts nil or {date = "YYYY-MM-DD" (the article's date), dyads = bool, max_bytes = n}
-- @return list of events {type, cameo, plover, mode, trigger, source, targets, date,
--   location, polarity, modality, generic, sentence, cluster, confidence}; or nil, message
function khabar.events(s, opts)
  local o, err = event_options(s, opts, "events")
  if not o then return nil, err end
  local events, message = core.events(s, o.date)
  if not events then return nil, message end
  if o.dyads then events = expand_dyads(events) end
  return events
end

--- Sentences, entities and events of s in one table.
-- @param s string
-- @param opts as for khabar.events
-- @return {sentences = {{start, stop}...}, entities = {...}, events = {...}}; or nil, message
function khabar.analyze(s, opts)
  local o, err = event_options(s, opts, "analyze")
  if not o then return nil, err end
  local result = { sentences = {} }
  if khabar.sentences then
    local sentences, message = khabar.sentences(s)
    if not sentences then return nil, message end
    result.sentences = sentences
  end
  local events, entities = core.events(s, o.date, true)
  if not events then return nil, entities end
  if o.dyads then events = expand_dyads(events) end
  result.events, result.entities = events, entities
  return result
end

return khabar
