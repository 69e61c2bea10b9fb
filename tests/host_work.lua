-- The work each lua_State of tests/host_states.c does: it loads khabar and
-- analyses article i (the sample, then the dev-article excerpts of the fuzz
-- seeds), returning a string that holds every result, so that results
-- computed concurrently can be compared with those computed alone. Each
-- capability joins in once the module has it.
local khabar = require "khabar"

local ARTICLES = {
  "spec/fixtures/sample/article.txt",
  "fuzz/corpus/common/dev-d-01", "fuzz/corpus/common/dev-d-02", "fuzz/corpus/common/dev-d-03",
  "fuzz/corpus/common/dev-d-04", "fuzz/corpus/common/dev-d-05", "fuzz/corpus/common/dev-d-06",
  "fuzz/corpus/common/dev-d-07", "fuzz/corpus/common/dev-d-08",
}

local function read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  return text
end

-- A deterministic rendering of any result: sorted keys, no addresses.
local function dump(v)
  local t = type(v)
  if t == "function" or t == "userdata" or t == "thread" then return t end
  if t ~= "table" then return t .. ":" .. tostring(v) end
  local keys, out = {}, {}
  for key in pairs(v) do keys[#keys + 1] = key end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  for _, key in ipairs(keys) do out[#out + 1] = tostring(key) .. "=" .. dump(v[key]) end
  return "{" .. table.concat(out, ",") .. "}"
end

return function(i)
  local v = khabar.versions()
  local text = read(ARTICLES[(i - 1) % #ARTICLES + 1])
  local parts = { v.khabar, v.icu, v.pcre2, tostring(i) }
  local function add(name, ...)
    if khabar[name] then parts[#parts + 1] = name .. ":" .. dump({ khabar[name](text, ...) }) end
  end
  add("normalize")
  add("transliterate", "buckwalter")
  add("transliterate", "latin")
  add("tokenize")
  add("sentences")
  add("entities", { date = "2020-12-28" })
  add("events", { date = "2020-12-28" })
  add("analyze", { date = "2020-12-28" })
  return table.concat(parts, "|")
end
