-- luacheck: globals vim
-- The Neovim test, run inside `nvim --headless` by tests/hosts/test_nvim.sh:
-- loads plugin/khabar.lua on the sample article (one sentence a line, so
-- that rows and columns are exercised), runs each command and checks the
-- extmarks, the quickfix list, the search and the normalized lines against
-- what the engine reports. Raises on any failed check (the caller cquits).
local t = dofile("tests/hosts/check.lua")
local api = vim.api

local article_path = vim.env.KHABAR_ARTICLE
local f = assert(io.open(article_path, "rb"))
local article = f:read("*a")
f:close()

vim.cmd("runtime plugin/khabar.lua")
local khabar = require "khabar"
local plugin = require "khabar.nvim"
t.eq(vim.fn.exists(":KhabarEntities"), 2, "plugin/khabar.lua defines :KhabarEntities")
t.eq(vim.fn.exists(":KhabarEvents"), 2, "plugin/khabar.lua defines :KhabarEvents")
t.eq(vim.fn.exists(":KhabarNormalize"), 2, "plugin/khabar.lua defines :KhabarNormalize")
t.eq(vim.fn.exists(":KhabarSearch"), 2, "plugin/khabar.lua defines :KhabarSearch")

-- The buffer: the article, a line break after each sentence, then two lines
-- with vowelled and unvowelled names for the search and the normalization.
local lines = vim.split(article:gsub("%s+$", ""):gsub("%. ", ".\n"), "\n", { plain = true })
local extra = { "قال أَحْمَد وإِبْرَاهِيم إن أحمد عاد.", "وأحمدُ هنا والسيّارة ـــ هناك." }
for _, line in ipairs(extra) do lines[#lines + 1] = line end
local buf = api.nvim_create_buf(true, false)
api.nvim_set_current_buf(buf)
api.nvim_buf_set_lines(buf, 0, -1, false, lines)
vim.b.khabar_date = "2020-12-28"
local text = table.concat(lines, "\n")
t.ok(#lines > 10, "the article spans several lines (" .. #lines .. ")")

local function buffer_span(row, col, end_row, end_col)
  return table.concat(api.nvim_buf_get_text(buf, row, col, end_row, end_col, {}), "\n")
end

-- Offsets → positions, on a text whose lines start at 1, 5 and 6.
local starts = { 1, 5, 6 }
t.eq(select(2, plugin.position(starts, 7)), 1, "offset 7 is column 1 of the third line")
t.eq(plugin.position(starts, 4), 0, "offset 4 (a newline) is on the first line")
t.eq(plugin.position(starts, 5), 1, "offset 5 is on the second line")

-- :KhabarEntities
vim.cmd("KhabarEntities")
local marks = api.nvim_buf_get_extmarks(buf, plugin.namespace, 0, -1, { details = true })
-- Marks come back by position; made in the engine's order, their ids give that order.
table.sort(marks, function(a, b) return a[1] < b[1] end)
if khabar.entities then
  local entities = khabar.entities(text, { date = "2020-12-28" })
  t.ok(#entities >= 10, "the sample has at least 10 entities (" .. #entities .. ")")
  t.eq(#marks, #entities, "one extmark per entity")
  local kinds = {}
  for i, e in ipairs(entities) do
    local m = marks[i]
    if not m then break end
    local row, col, d = m[2], m[3], m[4]
    t.eq(buffer_span(row, col, d.end_row, d.end_col), e.text, "entity " .. i .. "'s extmark covers its text")
    t.eq(d.hl_group, plugin.entity_group(e.type), "entity " .. i .. "'s highlight group")
    t.eq(d.virt_text and vim.trim(d.virt_text[1][1]), e.type, "entity " .. i .. "'s type as virtual text")
    kinds[e.type] = true
  end
  for _, kind in ipairs({ "PERS", "LOC", "ORG" }) do
    t.ok(kinds[kind], "the sample has " .. kind .. " entities")
    t.eq(plugin.entity_group(kind), "Khabar" .. kind, "a highlight group for " .. kind)
    t.eq(vim.fn.hlexists("Khabar" .. kind), 1, "Khabar" .. kind .. " is defined")
  end
else
  t.eq(#marks, 0, ":KhabarEntities marks nothing while the engine has no entities()")
end

-- :KhabarEvents
vim.fn.setqflist({}, "r")
vim.cmd("KhabarEvents")
local qf = vim.fn.getqflist()
local events = khabar.analyze and khabar.analyze(text, { date = "2020-12-28" }).events
  or khabar.events and khabar.events(text, { date = "2020-12-28" })
if events then
  t.ok(#events >= 3, "the sample has at least 3 events (" .. #events .. ")")
  t.eq(#qf, #events, "one quickfix entry per event")
  t.eq(vim.fn.getqflist({ title = 1 }).title, "khabar events", "the quickfix list's title")
  for i, ev in ipairs(events) do
    local item = qf[i]
    if not item then break end
    t.eq(item.bufnr, buf, "event " .. i .. " is in the buffer")
    t.eq(buffer_span(item.lnum - 1, item.col - 1, item.end_lnum - 1, item.end_col - 1), ev.trigger.text,
      "event " .. i .. "'s quickfix position is its trigger")
    t.ok(item.text:find(ev.type, 1, true), "event " .. i .. "'s quickfix text names its type")
    if ev.source then
      t.ok(item.text:find(ev.source.text, 1, true), "event " .. i .. "'s quickfix text names its source")
    end
  end
  local phone = qf[1] and qf[1].text or ""
  t.ok(phone:find("CONSULT_PHONE", 1, true) and phone:find("سيالة", 1, true),
    "the first event is Siala's phone call (" .. phone .. ")")
else
  t.eq(#qf, 0, ":KhabarEvents lists nothing while the engine has no events()")
end

-- Normalized search (from Lua and with :KhabarSearch)
local function spans(query)
  local found = {}
  for i, m in ipairs(assert(plugin.search(buf, query))) do
    found[i] = buffer_span(m.row, m.col, m.end_row, m.end_col)
    t.eq(text:sub(m.start, m.stop), found[i], "match " .. i .. " of " .. query .. ": offsets and position agree")
  end
  return found
end
local ahmad = spans("احمد")
t.eq(#ahmad, 3, "احمد is found three times")
t.eq(ahmad[1], "أَحْمَد", "احمد finds أَحْمَد")
t.eq(ahmad[2], "أحمد", "احمد finds أحمد")
t.eq(ahmad[3], "أحمدُ", "احمد finds أحمدُ (with its final vowel)")
t.eq(spans("ابراهيم")[1], "إِبْرَاهِيم", "ابراهيم finds إِبْرَاهِيم")
t.eq(#spans("أَحْمَد"), 3, "a vowelled query finds the same three")
local plain = select(2, text:gsub("طرابلس", ""))
t.eq(#spans("طرابلس"), plain, "طرابلس is found as often as it occurs (" .. plain .. ")")
t.eq(#spans("غير موجود"), 0, "no match is an empty list")
api.nvim_win_set_cursor(0, { 1, 0 })
vim.cmd("KhabarSearch احمد")
local cursor = api.nvim_win_get_cursor(0)
t.eq(cursor[1], #lines - 1, ":KhabarSearch moves to the first match")
t.eq(api.nvim_get_current_line():sub(cursor[2] + 1, cursor[2] + #"أَحْمَد"), "أَحْمَد", "… at its column")
t.eq(#vim.fn.getloclist(0), 3, ":KhabarSearch fills the location list")
t.eq(#api.nvim_buf_get_extmarks(buf, plugin.search_namespace, 0, -1, {}), 3, ":KhabarSearch highlights 3 matches")
vim.cmd("KhabarSearch احمد")
t.eq(api.nvim_win_get_cursor(0)[1], #lines - 1, "again: the next match")
t.eq(api.nvim_win_get_cursor(0)[2] > cursor[2], true, "… further on the line")

-- :KhabarNormalize on a range: only the range changes, each line as khabar.normalize does it.
local before = api.nvim_buf_get_lines(buf, 0, -1, false)
vim.cmd((#lines - 1) .. "," .. #lines .. "KhabarNormalize")
local after = api.nvim_buf_get_lines(buf, 0, -1, false)
t.eq(after[#lines - 1], "قال احمد وابراهيم ان احمد عاد.", ":KhabarNormalize removes vowels and unifies alef")
t.eq(after[#lines], khabar.normalize(extra[2], { profile = "search" }), ":KhabarNormalize is khabar.normalize")
t.eq(after[1], before[1], ":KhabarNormalize leaves the lines outside the range")
vim.cmd(#lines .. "KhabarNormalize none")
t.eq(api.nvim_buf_get_lines(buf, #lines - 1, #lines, false)[1], after[#lines], "profile none changes nothing more")

-- Other Lua states on other OS threads (luv threads): each loads khabar and
-- normalizes while this state does the same.
local results, asyncs = {}, {}
local path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
for i = 1, 2 do
  asyncs[i] = vim.loop.new_async(function(r)
    results[i] = r
    asyncs[i]:close()
  end)
  vim.loop.new_thread(function(handle, cpath, lpath, word)
    package.cpath, package.path = cpath, lpath
    local ok, k = pcall(require, "khabar")
    local out = {}
    for n = 1, 200 do out[n] = ok and k.normalize(word) or ("error: " .. tostring(k)) end
    handle:send(table.concat(out, " ", 199, 200))
  end, asyncs[i], package.cpath, path, "أَحْمَد")
end
for _ = 1, 200 do khabar.normalize("إِبْرَاهِيم") end
t.ok(vim.wait(10000, function() return results[1] and results[2] end), "two luv threads finish")
t.eq(results[1], "احمد احمد", "khabar in a luv thread (Lua state 2)")
t.eq(results[2], "احمد احمد", "khabar in a luv thread (Lua state 3)")

vim.cmd("KhabarClear")
t.eq(#api.nvim_buf_get_extmarks(buf, plugin.namespace, 0, -1, {}), 0, ":KhabarClear removes the entity marks")

if not t.report("nvim") then error("nvim checks failed") end
