--- khabar entities: the entities of an article, one per line or as JSON.
local khabar = require "khabar"
local cli = require "khabar.cli"
local json = require "khabar.json"

local usage = [[
usage: khabar entities [--date YYYY-MM-DD] [--json] [--pretty] [FILE]

Finds the entities of FILE (default: standard input), read as one article:
persons, places, organisations, titles, nationalities (NORP), dates, times,
numbers, money and percentages, linked within the article.

  --date D    the article's date: dates are resolved against it
              ("الأحد" → the Sunday on or before D, "الأسبوع الماضي" → an interval)
  --json      print a JSON array of entities {type, text, start, stop, norm,
              id, canonical, country, title, sector, value, confidence}
              (offsets are 1-based byte positions, inclusive)
  --pretty    indent the JSON

Without --json, one entity a line: START-STOP TYPE TEXT, then [id] and the
fields that are set (country, value, title, canonical name).]]

local spec = { date = "value", json = "flag", pretty = "flag" }

local FIELDS = { "country", "sector", "value", "title", "canonical" }

local function line_of(e)
  local parts = { string.format("%d-%d\t%s\t%s\t#%d", e.start, e.stop, e.type, e.text, e.id) }
  for _, name in ipairs(FIELDS) do
    local v = e[name]
    if v ~= nil and not (name == "canonical" and v == e.text) then
      parts[#parts + 1] = name .. "=" .. v
    end
  end
  return table.concat(parts, "\t")
end

return {
  summary = "entities of an article (persons, places, organisations, dates ...)",
  usage = usage,
  run = function(args, env)
    local o, rest = cli.parse(args, spec)
    if not o then return nil, rest end
    if #rest > 1 then return nil, "takes at most one FILE" end
    local ok, message = cli.check_date(o.date)
    if not ok then return nil, message end
    local text, err = cli.read_input(rest[1], env.stdin)
    if not text then return nil, err end
    local entities, failure = khabar.entities(text, { date = o.date })
    if not entities then return nil, failure end
    if o.json or o.pretty then
      env.stdout:write(json.encode(json.array(entities), o.pretty), "\n")
    else
      for _, e in ipairs(entities) do env.stdout:write(line_of(e), "\n") end
    end
    return 0
  end,
}
