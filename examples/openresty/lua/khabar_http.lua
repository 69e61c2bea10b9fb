--- khabar over HTTP, for Debian's nginx with libnginx-mod-http-lua.
--
--   POST /analyze?date=YYYY-MM-DD   body: the article (UTF-8)  → JSON {date, entities, events}
--   GET  /normalize?q=...&profile=search|display|none           → JSON {normalized, profile}
--
-- Every error is a JSON object {"error": "..."} with a 4xx/5xx status.
-- The module keeps no global variable and no request state; its only
-- module-level state is a per-VM cache of normalizers, one per profile name
-- that khabar knows (so it cannot grow without bound).
local khabar = require "khabar"
local json = require "khabar.json"

local ngx = ngx
local type, pcall, tonumber, byte, find = type, pcall, tonumber, string.byte, string.find

local _M = { _VERSION = "0.1.0" }

-- Longest query /normalize accepts: a search box, not a document.
_M.max_query_bytes = 1024

local function reply(status, body)
  ngx.status = status
  ngx.header["Content-Type"] = "application/json; charset=utf-8"
  ngx.header["Cache-Control"] = "no-store"
  ngx.print(json.encode(body))
  return ngx.exit(status)
end

local function fail(status, message)
  return reply(status, { error = message })
end

--- True when s is well-formed UTF-8 (no overlongs, surrogates or code
-- points past U+10FFFF); else false and the 1-based offset of the bad byte.
-- ASCII runs are skipped with one find, so Arabic text costs one step a letter.
local function valid_utf8(s)
  local i, n = 1, #s
  while true do
    i = find(s, "[\128-\255]", i)
    if not i then return true end
    local c = byte(s, i)
    local len, lo, hi
    lo, hi = 0x80, 0xBF
    if c >= 0xC2 and c <= 0xDF then len = 1
    elseif c >= 0xE0 and c <= 0xEF then
      len = 2
      if c == 0xE0 then lo = 0xA0 elseif c == 0xED then hi = 0x9F end
    elseif c >= 0xF0 and c <= 0xF4 then
      len = 3
      if c == 0xF0 then lo = 0x90 elseif c == 0xF4 then hi = 0x8F end
    else
      return false, i
    end
    if i + len > n then return false, i end
    local c1 = byte(s, i + 1)
    if c1 < lo or c1 > hi then return false, i end
    for k = 2, len do
      local ck = byte(s, i + k)
      if ck < 0x80 or ck > 0xBF then return false, i end
    end
    i = i + len + 1
  end
end
_M.valid_utf8 = valid_utf8

local days_in_month = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

--- True when s is a real calendar date written YYYY-MM-DD.
local function valid_date(s)
  if type(s) ~= "string" then return false end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if not y or m < 1 or m > 12 or d < 1 then return false end
  local leap = (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
  local last = (m == 2 and leap) and 29 or days_in_month[m]
  return d <= last
end
_M.valid_date = valid_date

-- A JSON array even when empty.
local function list(t)
  return json.array(t or {})
end

--- The body of a POST, from memory or from the temporary file nginx wrote
-- when it outgrew client_body_buffer_size.
local function read_body()
  ngx.req.read_body()
  local body = ngx.req.get_body_data()
  if body then return body end
  local path = ngx.req.get_body_file()
  if not path then return "" end
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  body = f:read("*a")
  f:close()
  return body
end

--- The JSON document /analyze answers with, from khabar.analyze's result.
function _M.analysis_body(result, date)
  return {
    date = date,
    entities = list(result.entities),
    events = list(result.events),
    sentences = list(result.sentences),
  }
end

--- POST /analyze?date=YYYY-MM-DD
function _M.analyze()
  if ngx.req.get_method() ~= "POST" then
    ngx.header["Allow"] = "POST"
    return fail(405, "use POST with the article as the body")
  end
  local date = ngx.var.arg_date
  if date ~= nil and not valid_date(date) then
    return fail(400, "bad date: expected a calendar date YYYY-MM-DD")
  end
  local text, err = read_body()
  if not text then return fail(500, "cannot read the body: " .. tostring(err)) end
  local ok, bad = valid_utf8(text)
  if not ok then return fail(400, "the body is not valid UTF-8 (byte " .. bad .. ")") end
  if not khabar.analyze then return fail(501, "this khabar build has no analyze()") end
  local done, result, message = pcall(khabar.analyze, text, { date = date })
  if not done then
    ngx.log(ngx.ERR, "khabar.analyze raised: ", result)
    return fail(500, "analysis failed")
  end
  if not result then return fail(400, tostring(message)) end
  return reply(200, _M.analysis_body(result, date))
end

-- Per-VM cache: profile name → function(s) returning the normalized string.
-- Only names khabar accepts get in, so it cannot grow without bound.
local normalizers = {}

local function normalizer_for(profile)
  local f = normalizers[profile]
  if f then return f end
  -- khabar.normalizer raises on an unknown profile name.
  local ok, n, err = pcall(khabar.normalizer, { profile = profile })
  if not ok then return nil, n end
  if not n then return nil, err end
  f = function(s) return n:normalize(s) end
  normalizers[profile] = f
  return f
end

--- Normalizes q with a profile, outside any request: for
-- ngx.run_worker_thread, whose Lua VMs run on other OS threads.
function _M.normalize_text(q, profile)
  local normalize, err = normalizer_for(profile or "search")
  if not normalize then return nil, err end
  return normalize(q)
end

--- GET /normalize?q=...&profile=...
function _M.normalize()
  local method = ngx.req.get_method()
  if method ~= "GET" and method ~= "HEAD" then
    ngx.header["Allow"] = "GET, HEAD"
    return fail(405, "use GET")
  end
  local args = ngx.req.get_uri_args(8)
  local q, profile = args.q, args.profile or "search"
  if type(q) ~= "string" then return fail(400, "give the query once as q=...") end
  if type(profile) ~= "string" then return fail(400, "give profile at most once") end
  if #q > _M.max_query_bytes then
    return fail(413, "the query is longer than " .. _M.max_query_bytes .. " bytes")
  end
  local ok, bad = valid_utf8(q)
  if not ok then return fail(400, "q is not valid UTF-8 (byte " .. bad .. ")") end
  if not khabar.normalize then return fail(501, "this khabar build has no normalize()") end
  local normalize, err = normalizer_for(profile)
  if not normalize then return fail(400, "unknown profile '" .. profile .. "': " .. tostring(err)) end
  local done, normalized, message = pcall(normalize, q)
  if not done then
    ngx.log(ngx.ERR, "khabar normalize raised: ", normalized)
    return fail(500, "normalization failed")
  end
  if not normalized then return fail(400, tostring(message)) end
  return reply(200, { normalized = normalized, profile = profile })
end

--- GET /health: the versions, for monitoring and for the tests.
function _M.health()
  return reply(200, { status = "ok", versions = khabar.versions(), worker = ngx.worker.pid() })
end

return _M
