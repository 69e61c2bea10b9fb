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

return json
