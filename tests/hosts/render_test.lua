-- The render test's checks on the DOM that headless Chromium built from the
-- page of `khabar render` (run by tests/hosts/test_render.sh):
--   lua5.4 tests/hosts/render_test.lua ARTICLE PAGE.html DOM.html SCREENSHOT.png
-- Every entity and event khabar finds here must be in the browser's DOM, with
-- its text, type and links, and the article's text must survive intact.
package.path = "./lua/?.lua;./lua/?/init.lua;./tests/hosts/?.lua;" .. package.path
package.cpath = (os.getenv("KHABAR_BUILD") or "build/5.4") .. "/?.so;" .. package.cpath

local khabar = require "khabar"
local t = require "check"

local article_path, page_path, dom_path, png_path = arg[1], arg[2], arg[3], arg[4]

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local article, page, dom = read(article_path), read(page_path), read(dom_path)
local date = "2020-12-28"

local entities_of = khabar.analyze and function(s) return khabar.analyze(s, { date = date }) end
  or khabar.entities and function(s) return { entities = khabar.entities(s, { date = date }), events = {} } end
  or function() return { entities = {}, events = {} } end
local analysis = assert(entities_of(article))

local unescapes = { amp = "&", lt = "<", gt = ">", quot = '"', ["#39"] = "'", nbsp = "\194\160" }
local function unescape(html)
  return (html:gsub("&(#?%w+);", function(e) return unescapes[e] end))
end
local function text_of(html)
  return unescape(html:gsub("<[^>]*>", ""))
end

--- The inner HTML of the element that starts with open_pattern, found by
-- counting the nesting of its tag name.
local function inner(html, open_pattern, tag)
  local a, b = html:find(open_pattern)
  if not a then return nil end
  local depth, pos = 1, b + 1
  while depth > 0 do
    local s, e, closing = html:find("<(/?)" .. tag .. "[%s>]", pos)
    if not s then return nil end
    depth = depth + (closing == "/" and -1 or 1)
    if depth == 0 then return html:sub(b + 1, s - 1) end
    pos = e + 1
  end
end

local function attr_of(html, id)
  return html:match('<[^>]-id="' .. id .. '"[^>]*>')
end

t.ok(dom:find('<html lang="ar" dir="rtl">', 1, true), "the page is Arabic, right to left")
t.ok(not page:find("<script", 1, true) and not page:find('src="http', 1, true), "self-contained, no script")
local body = inner(dom, '<article id="text">', "article")
if t.ok(body, "the article is in the DOM") then
  t.eq(text_of(body), article, "the article's text survives the markup byte for byte")
end

t.eq(select(2, dom:gsub('<mark id="ent%-', "")), #analysis.entities, "one <mark> per entity")
for i, e in ipairs(analysis.entities) do
  local tag = attr_of(dom, "ent%-" .. i)
  if t.ok(tag, "entity " .. i .. " (" .. e.text .. ") is marked") then
    t.ok(tag:find('data-type="' .. e.type .. '"', 1, true), "entity " .. i .. " has its type")
    t.ok(tag:find("ent-" .. e.type, 1, true), "entity " .. i .. " has the class of its type")
    t.ok(tag:find('title="' .. e.type, 1, true), "entity " .. i .. " has a hover title")
    if e.country then t.ok(unescape(tag):find(e.country, 1, true), "entity " .. i .. "'s country is in its title") end
    if e.canonical and e.canonical ~= e.text then
      t.ok(unescape(tag):find(e.canonical, 1, true), "entity " .. i .. "'s canonical name is in its title")
    end
    if type(e.value) == "string" then
      t.ok(unescape(tag):find(e.value, 1, true), "entity " .. i .. "'s value is in its title")
    end
    t.eq(text_of(inner(dom, 'id="ent%-' .. i .. '"[^>]*>', "mark") or ""), e.text, "entity " .. i .. "'s text")
  end
end

local legend = inner(dom, '<ul class="legend" id="legend">', "ul") or ""
local kinds = {}
for _, e in ipairs(analysis.entities) do kinds[e.type] = true end
for kind in pairs(kinds) do
  t.ok(legend:find('data-legend="' .. kind .. '"', 1, true), "the legend shows " .. kind)
end

local rows = inner(dom, "<tbody>", "tbody") or ""
t.eq(select(2, rows:gsub('<tr id="event%-', "")), #analysis.events, "one table row per event")
for i, ev in ipairs(analysis.events) do
  local row = inner(rows, '<tr id="event%-' .. i .. '"[^>]*>', "tr")
  if t.ok(row, "event " .. i .. " (" .. ev.type .. ") has a row") then
    t.ok(row:find(ev.type, 1, true), "event " .. i .. "'s row shows its type")
    t.ok(row:find('href="#trigger-' .. i .. '"', 1, true), "event " .. i .. "'s row links to its trigger")
    if ev.source then t.ok(text_of(row):find(ev.source.text, 1, true), "event " .. i .. "'s row shows its source") end
    for k, target in ipairs(ev.targets or {}) do
      t.ok(text_of(row):find(target.text, 1, true), "event " .. i .. "'s row shows target " .. k)
    end
    if ev.date and ev.date.value then
      t.ok(row:find(ev.date.value, 1, true), "event " .. i .. "'s row shows its date")
    end
    if ev.location then
      t.ok(text_of(row):find(ev.location.text, 1, true), "event " .. i .. "'s row shows its place")
    end
  end
  t.ok(body and body:find('id="trigger%-' .. i .. '"'), "event " .. i .. "'s trigger is anchored in the text")
  local trigger = body and inner(body, '<span id="trigger%-' .. i .. '"[^>]*>', "span")
  if trigger then t.eq(text_of(trigger), ev.trigger.text, "event " .. i .. "'s trigger text") end
end

local png = read(png_path)
t.eq(png:sub(1, 8), "\137PNG\r\n\26\n", "the screenshot is a PNG")
t.ok(#png > 20000, "the screenshot is not blank (" .. #png .. " bytes)")

io.stdout:write(string.format("render: %d entities, %d events on the page\n", #analysis.entities, #analysis.events))
os.exit(t.report("render") and 0 or 1)
