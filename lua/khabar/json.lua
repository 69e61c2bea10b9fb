--- A small JSON encoder for the CLI and the examples: strings are passed
-- through as UTF-8 (khabar's outputs are valid UTF-8), keys sorted so the
-- output is stable, arrays detected as tables with keys 1..n.
local json = {}

local escapes = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}

local function escape_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function is_array(t)
  local n = #t
  if n == 0 then return next(t) == nil and getmetatable(t) == json.array_mt end
  for k in pairs(t) do
    if type(k) ~= "number" or k < 1 or k > n or k % 1 ~= 0 then return false end
  end
  return true
end

--- A metatable marking an empty table as an array ("[]" rather than "{}").
json.array_mt = {}
function json.array(t) return setmetatable(t or {}, json.array_mt) end

local encode

local function encode_table(t, out, indent, depth)
  local nl = indent and ("\n" .. string.rep(indent, depth + 1)) or ""
  local close = indent and ("\n" .. string.rep(indent, depth)) or ""
  local sep = indent and ": " or ":"
  if is_array(t) then
    if #t == 0 then out[#out + 1] = "[]" return end
    out[#out + 1] = "["
    for i = 1, #t do
      if i > 1 then out[#out + 1] = "," end
      out[#out + 1] = nl
      encode(t[i], out, indent, depth + 1)
    end
    out[#out + 1] = close .. "]"
    return
  end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  if #keys == 0 then out[#out + 1] = "{}" return end
  out[#out + 1] = "{"
  for i, k in ipairs(keys) do
    if i > 1 then out[#out + 1] = "," end
    local v = t[k]
    if v == nil then v = t[tonumber(k)] end
    out[#out + 1] = nl .. escape_string(k) .. sep
    encode(v, out, indent, depth + 1)
  end
  out[#out + 1] = close .. "}"
end

encode = function(v, out, indent, depth)
  local kind = type(v)
  if kind == "string" then
    out[#out + 1] = escape_string(v)
  elseif kind == "number" then
    if v ~= v or v == math.huge or v == -math.huge then error("cannot encode " .. tostring(v)) end
    out[#out + 1] = (v % 1 == 0 and v > -2^53 and v < 2^53)
      and string.format("%d", v) or string.format("%.14g", v)
  elseif kind == "boolean" then
    out[#out + 1] = tostring(v)
  elseif kind == "nil" then
    out[#out + 1] = "null"
  elseif kind == "table" then
    encode_table(v, out, indent, depth)
  else
    error("cannot encode a " .. kind)
  end
end

--- Encodes v as JSON; with pretty = true, indented by two spaces.
function json.encode(v, pretty)
  local out = {}
  encode(v, out, pretty and "  " or nil, 0)
  return table.concat(out)
end

-- ------------------------------------------------------------------------
-- The decoder (batch input, test fixtures): null becomes nil.

local decode_value

local unescapes = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }

-- UTF-8 of a code point, without bit operators (LuaJIT has none).
local function utf8_char(cp)
  local floor = math.floor
  if cp < 0x80 then return string.char(cp) end
  if cp < 0x800 then return string.char(0xC0 + floor(cp / 64), 0x80 + cp % 64) end
  if cp < 0x10000 then
    return string.char(0xE0 + floor(cp / 4096), 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
  end
  return string.char(0xF0 + floor(cp / 262144), 0x80 + floor(cp / 4096) % 64, 0x80 + floor(cp / 64) % 64,
    0x80 + cp % 64)
end

local function decode_string(s, i)
  local parts, j = {}, i + 1
  while true do
    local k = s:find('["\\]', j)
    if not k then error("unterminated string at " .. i, 0) end
    parts[#parts + 1] = s:sub(j, k - 1)
    if s:sub(k, k) == '"' then return table.concat(parts), k + 1 end
    local c = s:sub(k + 1, k + 1)
    if c == "u" then
      local cp = tonumber(s:sub(k + 2, k + 5), 16)
      if not cp then error("bad \\u escape at " .. k, 0) end
      j = k + 6
      if cp >= 0xD800 and cp < 0xDC00 and s:sub(j, j + 1) == "\\u" then
        local lo = tonumber(s:sub(j + 2, j + 5), 16)
        if lo and lo >= 0xDC00 and lo < 0xE000 then
          cp = 0x10000 + (cp - 0xD800) * 1024 + (lo - 0xDC00)
          j = j + 6
        end
      end
      parts[#parts + 1] = utf8_char(cp)
    elseif unescapes[c] then
      parts[#parts + 1] = unescapes[c]
      j = k + 2
    else
      error("bad escape at " .. k, 0)
    end
  end
end

local function skip(s, i) return s:find("[^ \t\r\n]", i) or #s + 1 end

local function decode_container(s, i, close, item)
  local t, n = {}, 0
  i = skip(s, i + 1)
  if s:sub(i, i) == close then return t, i + 1 end
  while true do
    n = n + 1
    i = item(t, n, i)
    i = skip(s, i)
    local c = s:sub(i, i)
    if c == close then return t, i + 1 end
    if c ~= "," then error("expected ',' or '" .. close .. "' at " .. i, 0) end
    i = skip(s, i + 1)
  end
end

decode_value = function(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    return decode_container(s, i, "}", function(t, _, k)
      if s:sub(k, k) ~= '"' then error("expected a key at " .. k, 0) end
      local key, v
      key, k = decode_string(s, k)
      k = skip(s, k)
      if s:sub(k, k) ~= ":" then error("expected ':' at " .. k, 0) end
      v, k = decode_value(s, k + 1)
      t[key] = v
      return k
    end)
  elseif c == "[" then
    return decode_container(s, i, "]", function(t, n, k)
      local v
      v, k = decode_value(s, k)
      t[n] = v
      return k
    end)
  elseif c == '"' then
    return decode_string(s, i)
  end
  local word = s:match("^[%w%.%+%-]+", i)
  if word == "true" then return true, i + 4 end
  if word == "false" then return false, i + 5 end
  if word == "null" then return nil, i + 4 end
  if word and tonumber(word) then return tonumber(word), i + #word end
  error("unexpected character at " .. i, 0)
end

--- Decodes one JSON value; returns it, or nil, message.
function json.decode(s)
  local ok, v, i = pcall(decode_value, s, 1)
  if not ok then return nil, v end
  if skip(s, i) <= #s then return nil, "trailing characters at " .. i end
  return v
end

return json
