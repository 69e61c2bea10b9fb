--- khabar analyze: sentences, entities and events of one article.
local khabar = require "khabar"
local cli = require "khabar.cli"
local json = require "khabar.json"

local function arg_text(a)
  if not a then return "-" end
  local s = a.text
  if a.country or a.sector then
    s = s .. " [" .. (a.country or "") .. ((a.sector and "/" .. a.sector) or "") .. "]"
  end
  return s
end

local function flags(e)
  local f = {}
  if e.polarity == "negative" then f[#f + 1] = "negative" end
  if e.modality ~= "asserted" then f[#f + 1] = e.modality end
  if e.generic then f[#f + 1] = "generic" end
  return #f > 0 and ("  (" .. table.concat(f, ", ") .. ")") or ""
end

--- Marks the lists of a result as JSON arrays (so empty ones print as []).
local function as_json(result)
  for _, e in ipairs(result.events) do json.array(e.targets) end
  json.array(result.events)
  json.array(result.entities)
  json.array(result.sentences)
  return result
end

-- A readable summary, for people: the entities by type, then the events.
local function pretty(result, out)
  local by_type, types = {}, {}
  for _, ent in ipairs(result.entities) do
    local t = ent.type or "?"
    if not by_type[t] then
      by_type[t] = {}
      types[#types + 1] = t
    end
    local list = by_type[t]
    list[#list + 1] = ent.text .. ((ent.country and " [" .. ent.country .. "]") or "")
      .. ((ent.value and ent.value ~= "" and " = " .. ent.value) or "")
  end
  table.sort(types)
  out:write(string.format("%d sentences, %d entities, %d events\n", #result.sentences,
    #result.entities, #result.events))
  if #types > 0 then out:write("\nEntities\n") end
  for _, t in ipairs(types) do
    out:write(string.format("  %-6s %s\n", t, table.concat(by_type[t], "; ")))
  end
  if #result.events > 0 then out:write("\nEvents\n") end
  for i, e in ipairs(result.events) do
    local targets = {}
    for _, t in ipairs(e.targets) do targets[#targets + 1] = arg_text(t) end
    out:write(string.format("  %2d. %s %s%s  «%s»%s\n", i, e.type, e.cameo,
      e.plover and (" " .. e.plover .. (e.mode and "/" .. e.mode or "")) or "", e.trigger.text, flags(e)))
    out:write(string.format("      who %s -> %s\n", arg_text(e.source),
      #targets > 0 and table.concat(targets, ", ") or (e.target_country or "-")))
    if e.date or e.location then
      out:write(string.format("      when %s  where %s\n",
        e.date and (e.date.text .. " = " .. e.date.value) or "-", arg_text(e.location)))
    end
    out:write(string.format("      cluster %d, confidence %.2f\n", e.cluster, e.confidence))
  end
end

return {
  as_json = as_json,
  summary = "sentences, entities and events of an article",
  usage = [[usage: khabar analyze [--date YYYY-MM-DD] [--json | --pretty] [--dyads] [FILE]

Analyzes one article (FILE or standard input): its sentences, entities and
events (who did what to whom, when and where, coded to CAMEO and PLOVER).
--date is the article's publication day, which relative dates resolve
against. --json (the default) prints one JSON object {sentences, entities,
events}; --pretty a readable summary. --dyads expands reciprocal events
into CAMEO dyads.]],
  run = function(args, env)
    local opts, positional = cli.parse(args, { date = "value", json = "flag", pretty = "flag", dyads = "flag" })
    if not opts then return nil, positional end
    if #positional > 1 then return nil, "takes at most one FILE" end
    local ok, err = cli.check_date(opts.date)
    if not ok then return nil, err end
    local text, rerr = cli.read_input(positional[1], env.stdin)
    if not text then return nil, rerr end
    local result, aerr = khabar.analyze(text, { date = opts.date, dyads = opts.dyads })
    if not result then return nil, aerr end
    if opts.pretty then
      pretty(result, env.stdout)
    else
      env.stdout:write(json.encode(as_json(result)), "\n")
    end
    return 0
  end,
}
