--- A strict, small JSON decoder for the host tests (khabar itself only
-- encodes). Arrays become Lua sequences, null becomes json_decode.null.
local M = { null = setmetatable({}, { __tostring = function() return "null" end }) }

local escapes = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

local function utf8_char(cp)
  if cp < 0x80 then return string.char(cp) end
  if cp < 0x800 then return string.char(0xC0 | (cp >> 6), 0x80 | (cp & 0x3F)) end
  if cp < 0x10000 then
    return string.char(0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F))
  end
  return string.char(0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F))
end

local decode_value

local function skip(s, i)
  return s:find("[^ \t\r\n]", i) or #s + 1
end

local function decode_string(s, i)
  local out, j = {}, i + 1
  while true do
    local a, b = s:find('["\\]', j)
    if not a then error("unterminated string at " .. i) end
    out[#out + 1] = s:sub(j, a - 1)
    if s:sub(a, a) == '"' then return table.concat(out), b + 1 end
    local e = s:sub(a + 1, a + 1)
    if e == "u" then
      local cp = tonumber(s:sub(a + 2, a + 5), 16)
      local next_i = a + 6
      if cp >= 0xD800 and cp <= 0xDBFF and s:sub(next_i, next_i + 1) == "\\u" then
        local lo = tonumber(s:sub(next_i + 2, next_i + 5), 16)
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
        next_i = next_i + 6
      end
      out[#out + 1] = utf8_char(cp)
      j = next_i
    elseif escapes[e] then
      out[#out + 1] = escapes[e]
      j = a + 2
    else
      error("bad escape at " .. a)
    end
  end
end

local function decode_list(s, i, close, item)
  local t = {}
  i = skip(s, i + 1)
  if s:sub(i, i) == close then return t, i + 1 end
  while true do
    i = item(t, i)
    i = skip(s, i)
    local c = s:sub(i, i)
    if c == close then return t, i + 1 end
    if c ~= "," then error("expected ',' or '" .. close .. "' at " .. i) end
    i = skip(s, i + 1)
  end
end

decode_value = function(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    return decode_list(s, i, "}", function(t, j)
      if s:sub(j, j) ~= '"' then error("expected a key at " .. j) end
      local k
      k, j = decode_string(s, j)
      j = skip(s, j)
      if s:sub(j, j) ~= ":" then error("expected ':' at " .. j) end
      t[k], j = decode_value(s, j + 1)
      return j
    end)
  elseif c == "[" then
    return decode_list(s, i, "]", function(t, j)
      local v
      v, j = decode_value(s, j)
      t[#t + 1] = v
      return j
    end)
  elseif c == '"' then
    return decode_string(s, i)
  end
  local lit = s:match("^%-?%d+%.?%d*[eE]?[-+]?%d*", i)
  if lit and #lit > 0 then return tonumber(lit), i + #lit end
  for word, v in pairs({ ["true"] = true, ["false"] = false, null = M.null }) do
    if s:sub(i, i + #word - 1) == word then return v, i + #word end
  end
  error("unexpected '" .. c .. "' at " .. i)
end

function M.decode(s)
  local v, i = decode_value(s, 1)
  if skip(s, i) <= #s then error("trailing data at " .. i) end
  return v
end

return M
