--- An HTML view of an analysed article, for people: one self-contained,
-- right-to-left page with the entities highlighted by type (a legend; hover
-- shows the canonical name, country and value) and a table of the events
-- whose triggers link to their place in the text. No script, no external
-- resource. Spans are the engine's 1-based inclusive byte offsets.
local render = {}

local ENTITY_COLORS = {
  PERS = "#ffd6a5", LOC = "#caffbf", ORG = "#9bf6ff", MISC = "#ffc6ff", DATE = "#fdffb6",
  TIME = "#fdffb6", NUM = "#e4e4e4", MONEY = "#d0f4de", PERCENT = "#d0f4de", GPE = "#caffbf",
  TITLE = "#e8eaf6", NORP = "#ffe5ec",
}
local DEFAULT_COLOR = "#e9e3ff"

local TYPE_NAMES = {
  PERS = "شخص", LOC = "مكان", ORG = "منظمة", MISC = "متفرقات", DATE = "تاريخ", TIME = "وقت",
  NUM = "عدد", MONEY = "مال", PERCENT = "نسبة", GPE = "كيان سياسي", TITLE = "لقب", NORP = "جماعة",
}

local json = require "khabar.json"

local html_escapes = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

-- A value as text: a table (a structured date, say) as its JSON.
local function as_text(v)
  if type(v) == "table" then return json.encode(v) end
  return tostring(v)
end

--- Escapes a value for HTML text and attribute values.
function render.escape(s)
  s = as_text(s)
  return (s:gsub("[&<>\"']", html_escapes))
end
local esc = render.escape

-- Entity types become CSS class names: keep letters, digits, '-' and '_'.
local function type_class(kind)
  return (tostring(kind or "UNKNOWN"):gsub("[^%w_%-]", "_"))
end

local function valid_span(text, start, stop)
  return type(start) == "number" and type(stop) == "number" and start >= 1 and stop >= start and stop <= #text
end

-- The hover text of an entity: type, canonical name, country, title, value.
local function entity_tip(e)
  local parts = { tostring(e.type) }
  if e.canonical and e.canonical ~= e.text then parts[#parts + 1] = "canonical: " .. e.canonical end
  if e.country then parts[#parts + 1] = "country: " .. e.country end
  if e.title then parts[#parts + 1] = "title: " .. e.title end
  if e.value ~= nil then parts[#parts + 1] = "value: " .. as_text(e.value) end
  return table.concat(parts, " · ")
end

local function entity_open(e, i)
  local attrs = {
    'id="ent-' .. i .. '"',
    'class="ent ent-' .. type_class(e.type) .. '"',
    'data-type="' .. esc(e.type) .. '"',
    'data-start="' .. e.start .. '"', 'data-stop="' .. e.stop .. '"',
    'title="' .. esc(entity_tip(e)) .. '"',
  }
  for _, field in ipairs({ "canonical", "country", "value", "id", "norm" }) do
    if e[field] ~= nil then attrs[#attrs + 1] = 'data-' .. field .. '="' .. esc(e[field]) .. '"' end
  end
  return "<mark " .. table.concat(attrs, " ") .. ">"
end

local function trigger_open(ev, i)
  return '<span id="trigger-' .. i .. '" class="trigger" data-event="' .. i .. '" data-type="'
    .. esc(ev.type) .. '" title="' .. esc(ev.type .. (ev.cameo and (" · CAMEO " .. ev.cameo) or "")) .. '">'
end

--- The spans to draw: entities, then event triggers, each with its tags.
local function collect_spans(text, analysis)
  local spans = {}
  for i, e in ipairs(analysis.entities or {}) do
    if valid_span(text, e.start, e.stop) then
      spans[#spans + 1] = { start = e.start, stop = e.stop, layer = 1, open = entity_open(e, i), close = "</mark>" }
    end
  end
  for i, ev in ipairs(analysis.events or {}) do
    local tr = ev.trigger
    if tr and valid_span(text, tr.start, tr.stop) then
      spans[#spans + 1] = { start = tr.start, stop = tr.stop, layer = 2, open = trigger_open(ev, i),
                            close = "</span>", anchor = '<a id="trigger-' .. i .. '" class="trigger-anchor"></a>' }
    end
  end
  table.sort(spans, function(a, b)
    if a.start ~= b.start then return a.start < b.start end
    if a.stop ~= b.stop then return a.stop > b.stop end
    return a.layer < b.layer
  end)
  return spans
end

--- The article as HTML with its spans as properly nested elements. A span
-- that would cross the end of an enclosing one cannot nest: an entity is
-- then left plain and a trigger becomes an empty anchor at its start.
function render.annotate(text, analysis)
  local out, stack, pos = {}, {}, 1
  local function emit_text(upto)
    if upto >= pos then out[#out + 1] = esc(text:sub(pos, upto)) end
    pos = math.max(pos, upto + 1)
  end
  local function close_until(limit)
    while #stack > 0 and stack[#stack].stop < limit do
      local top = table.remove(stack)
      emit_text(top.stop)
      out[#out + 1] = top.close
    end
  end
  for _, span in ipairs(collect_spans(text, analysis)) do
    close_until(span.start)
    local parent = stack[#stack]
    emit_text(span.start - 1)
    if span.start < pos or (parent and span.stop > parent.stop) then
      if span.anchor then out[#out + 1] = span.anchor end
    else
      out[#out + 1] = span.open
      stack[#stack + 1] = span
    end
  end
  close_until(math.huge)
  emit_text(#text)
  return table.concat(out)
end

local function entity_index_by_span(analysis)
  local index = {}
  for i, e in ipairs(analysis.entities or {}) do
    if e.start and e.stop then index[e.start .. ":" .. e.stop] = index[e.start .. ":" .. e.stop] or i end
  end
  return index
end

-- An argument of an event (source, target, place): its text, linked to the
-- entity with the same span when there is one, and its country.
local function argument_cell(arg, entities_by_span)
  if type(arg) ~= "table" or not arg.text then return "" end
  local i = arg.start and entities_by_span[arg.start .. ":" .. arg.stop]
  local label = esc(arg.text)
  if i then label = '<a href="#ent-' .. i .. '">' .. label .. "</a>" end
  if arg.country then label = label .. ' <span class="country">' .. esc(arg.country) .. "</span>" end
  return label
end

local function date_cell(date)
  if type(date) ~= "table" then return "" end
  local s = esc(date.text or "")
  if date.value then s = s .. ' <span class="value" dir="ltr">' .. esc(date.value) .. "</span>" end
  return s
end

local function event_row(ev, i, entities_by_span)
  local targets = {}
  for _, target in ipairs(ev.targets or {}) do targets[#targets + 1] = argument_cell(target, entities_by_span) end
  local trigger = ev.trigger and ev.trigger.text or ""
  local flags = {}
  if ev.polarity and ev.polarity ~= "positive" then flags[#flags + 1] = tostring(ev.polarity) end
  if ev.modality and ev.modality ~= "asserted" then flags[#flags + 1] = tostring(ev.modality) end
  if ev.generic then flags[#flags + 1] = "generic" end
  -- The Latin type name reads left to right inside the right-to-left cell.
  local kind = '<bdi dir="ltr">' .. esc(ev.type) .. "</bdi>"
  if ev.cameo then kind = kind .. ' <span class="code" dir="ltr">' .. esc(ev.cameo) .. "</span>" end
  if #flags > 0 then kind = kind .. ' <span class="flags">' .. esc(table.concat(flags, ", ")) .. "</span>" end
  return table.concat({
    '<tr id="event-', i, '" data-type="', esc(ev.type), '">',
    "<td>", i, "</td>",
    "<td>", kind, "</td>",
    '<td><a class="trigger-link" href="#trigger-', i, '">', esc(trigger), "</a></td>",
    "<td>", argument_cell(ev.source, entities_by_span), "</td>",
    "<td>", table.concat(targets, "، "), "</td>",
    "<td>", date_cell(ev.date), "</td>",
    "<td>", argument_cell(ev.location, entities_by_span), "</td>",
    "</tr>",
  })
end

local function legend(analysis)
  local counts, kinds = {}, {}
  for _, e in ipairs(analysis.entities or {}) do
    local k = tostring(e.type)
    if not counts[k] then kinds[#kinds + 1] = k end
    counts[k] = (counts[k] or 0) + 1
  end
  table.sort(kinds)
  local items = {}
  for _, k in ipairs(kinds) do
    items[#items + 1] = '<li><mark class="ent ent-' .. type_class(k) .. '" data-legend="' .. esc(k) .. '">'
      .. esc(TYPE_NAMES[k] or k) .. " " .. esc(k) .. '</mark> <span class="count">' .. counts[k] .. "</span></li>"
  end
  return '<ul class="legend" id="legend">' .. table.concat(items) .. "</ul>"
end

local function stylesheet()
  local rules = {
    "body{font-family:'DejaVu Sans','Noto Naskh Arabic',sans-serif;margin:2em auto;max-width:60em;"
      .. "line-height:1.9;color:#222;background:#fff}",
    "h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.15em;margin-top:1.5em}",
    ".meta{color:#666;font-size:.9em}",
    "#text{white-space:pre-wrap;font-size:1.1em;border:1px solid #ddd;padding:1em;border-radius:6px}",
    "mark.ent{padding:0 .15em;border-radius:3px;position:relative}",
    ".trigger{border-bottom:2px solid #c0392b;font-weight:bold}",
    ".trigger:target,.trigger-anchor:target+*{background:#f9e79f}",
    ".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.8em}",
    ".count,.country,.code,.value,.flags{color:#555;font-size:.85em}",
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.25em .5em;text-align:right}",
    "th{background:#f4f4f4}",
  }
  -- The default colour first: a type's own rule, later and as specific, wins.
  rules[#rules + 1] = ".ent{background:" .. DEFAULT_COLOR .. "}"
  local kinds = {}
  for kind in pairs(ENTITY_COLORS) do kinds[#kinds + 1] = kind end
  table.sort(kinds)
  for _, kind in ipairs(kinds) do
    rules[#rules + 1] = ".ent-" .. kind .. "{background:" .. ENTITY_COLORS[kind] .. "}"
  end
  return table.concat(rules, "\n")
end

--- The whole page. analysis = {entities = {...}, events = {...}} as returned
-- by khabar.analyze; opts = {title = "...", date = "YYYY-MM-DD"}.
function render.page(text, analysis, opts)
  opts = opts or {}
  local entities_by_span = entity_index_by_span(analysis)
  local rows = {}
  for i, ev in ipairs(analysis.events or {}) do rows[#rows + 1] = event_row(ev, i, entities_by_span) end
  local title = opts.title or "khabar"
  return table.concat({
    '<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    "<title>", esc(title), "</title>\n<style>\n", stylesheet(), "\n</style>\n</head>\n<body>\n",
    "<h1>", esc(title), "</h1>\n",
    '<p class="meta">', opts.date and ('التاريخ المرجعي <span dir="ltr">' .. esc(opts.date) .. "</span> · ") or "",
    #(analysis.entities or {}), " كيانات · ", #rows, " أحداث</p>\n",
    legend(analysis), "\n",
    '<article id="text">', render.annotate(text, analysis), "</article>\n",
    "<h2>الأحداث</h2>\n",
    '<table id="events">\n<thead><tr><th>#</th><th>النوع</th><th>المُطلِق</th><th>الفاعل</th>',
    "<th>المفعول به</th><th>التاريخ</th><th>المكان</th></tr></thead>\n<tbody>\n",
    table.concat(rows, "\n"), "\n</tbody>\n</table>\n",
    '<p class="meta" dir="ltr">', esc(opts.generator or "khabar"), "</p>\n",
    "</body>\n</html>\n",
  })
end

return render
