--- khabar normalize: one normalized line per input line.
local khabar = require "khabar"
local cli = require "khabar.cli"
local json = require "khabar.json"

local usage = [[
usage: khabar normalize [--profile P] [--on FLAGS] [--off FLAGS] [--zwnj MODE]
                        [--invalid MODE] [--map] [FILE]

Normalizes FILE (default: standard input) line by line and prints one result
per input line.

  --profile P      search (default), display or none
  --on FLAGS       turn steps on, comma-separated: compose, diacritics, tatweel,
                   alef, yeh, teh_marbuta, persian, hamza, digits, punctuation,
                   invisible, space, case
  --off FLAGS      turn steps off
  --zwnj MODE      remove, space or keep
  --invalid MODE   repair (default), error or drop
  --map            print JSON lines {"text": ..., "map": [[start, stop], ...]}:
                   for each output byte, the span of the input line (1-based,
                   inclusive) it came from

docs/normalization.md describes each step.]]

local spec = { profile = "value", on = "value", off = "value", zwnj = "value",
               invalid = "value", map = "flag" }

local function add_flags(opts, list, value)
  for name in (list or ""):gmatch("[^,%s]+") do opts[name] = value end
end

-- The options table for khabar.normalizer; raises on unknown flags.
local function options(o)
  local opts = { profile = o.profile, zwnj = o.zwnj, invalid = o.invalid, map = o.map or nil }
  add_flags(opts, o.on, true)
  add_flags(opts, o.off, false)
  return opts
end

local function map_json(text, map)
  local spans = {}
  for i = 1, #text do spans[i] = json.array { map:origin(i) } end
  return json.encode({ text = text, map = json.array(spans) })
end

local function lines_of(path, stdin)
  if not path or path == "-" then return stdin:lines() end
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  return f:lines()
end

return {
  summary = "normalize Arabic text for search or display, one line at a time",
  usage = usage,
  run = function(args, env)
    local o, rest = cli.parse(args, spec)
    if not o then return nil, rest end
    if #rest > 1 then return nil, "takes at most one FILE" end
    local ok, normalizer = pcall(khabar.normalizer, options(o))
    if not ok then return nil, tostring(normalizer):gsub("^[^:]*:%d+: ", "") end
    local lines, err = lines_of(rest[1], env.stdin)
    if not lines then return nil, err end
    local number = 0
    for line in lines do
      number = number + 1
      local text, map = normalizer:normalize(line)
      if not text then return nil, string.format("line %d: %s", number, map) end
      env.stdout:write(o.map and map_json(text, map) or text, "\n")
    end
    return 0
  end,
}
