--- khabar in Neovim (0.7 and later): normalize a range, highlight entities,
-- list events in the quickfix list, and search with normalized matching.
-- The engine reports 1-based inclusive byte offsets into the text it was
-- given; the buffer's text is its lines joined by "\n", so an offset maps to
-- a (row, byte column) by a binary search over the lines' starts.
local khabar = require "khabar"

local api = vim.api
local M = {}

M.namespace = api.nvim_create_namespace("khabar")
M.search_namespace = api.nvim_create_namespace("khabar_search")

--- Highlight groups: Khabar<TYPE> for each entity type, linked by default to
-- standard groups so every colour scheme shows them; users may override.
M.entity_links = {
  PERS = "Identifier", LOC = "Constant", ORG = "Type", MISC = "Special",
  DATE = "Number", TIME = "Number", NUM = "Number", MONEY = "Number", PERCENT = "Number", GPE = "Constant",
  TITLE = "Statement", NORP = "PreProc",
}
M.default_entity_link = "Todo"

local function define_highlights()
  for kind, link in pairs(M.entity_links) do
    vim.cmd("highlight default link Khabar" .. kind .. " " .. link)
  end
  vim.cmd("highlight default link KhabarEntity " .. M.default_entity_link)
  vim.cmd("highlight default link KhabarVirtual Comment")
  vim.cmd("highlight default link KhabarSearch Search")
end

--- The highlight group of an entity type.
function M.entity_group(kind)
  kind = tostring(kind or ""):gsub("[^%w_]", "")
  if M.entity_links[kind] then return "Khabar" .. kind end
  return "KhabarEntity"
end

--- The buffer's text and the 1-based offset where each line starts in it.
function M.buffer_text(buf)
  local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
  local starts, offset = {}, 1
  for i, line in ipairs(lines) do
    starts[i] = offset
    offset = offset + #line + 1
  end
  return table.concat(lines, "\n"), starts
end

--- The 0-based (row, byte column) of a 1-based byte offset of the text.
function M.position(starts, offset)
  local lo, hi = 1, #starts
  while lo < hi do
    local mid = math.floor((lo + hi + 1) / 2)
    if starts[mid] <= offset then lo = mid else hi = mid - 1 end
  end
  return lo - 1, offset - starts[lo]
end

--- The 0-based start (row, col) and exclusive end (row, col) of a span.
function M.range(starts, start, stop)
  local row, col = M.position(starts, start)
  local end_row, end_col = M.position(starts, stop + 1)
  return row, col, end_row, end_col
end

local function warn(message)
  vim.notify("khabar: " .. message, vim.log.levels.WARN)
end

local function buffer_of(buf)
  if buf == nil or buf == 0 then return api.nvim_get_current_buf() end
  return buf
end

local function reference_date(date)
  if date and date ~= "" then return date end
  return vim.b.khabar_date or vim.g.khabar_date
end

--- Normalizes lines first..last (1-based, inclusive) of the buffer in place,
-- line by line, with a khabar profile ("search" by default).
function M.normalize_lines(buf, first, last, profile)
  buf = buffer_of(buf)
  local ok, normalizer = pcall(khabar.normalizer, { profile = profile or "search" })
  if not ok or not normalizer then return nil, tostring(normalizer) end
  local lines = api.nvim_buf_get_lines(buf, first - 1, last, false)
  for i, line in ipairs(lines) do
    local normalized, err = normalizer:normalize(line)
    if not normalized then return nil, err end
    lines[i] = normalized
  end
  api.nvim_buf_set_lines(buf, first - 1, last, false, lines)
  return #lines
end

--- Highlights the entities of the buffer: one extmark per entity with the
-- highlight group of its type and the type as virtual text at the line's end.
-- Returns the entities (each with its extmark id in .mark), or nil, message.
function M.entities(buf, date)
  buf = buffer_of(buf)
  if not khabar.entities then return nil, "this khabar build has no entities()" end
  local text, starts = M.buffer_text(buf)
  local entities, err = khabar.entities(text, { date = reference_date(date) })
  if not entities then return nil, err end
  api.nvim_buf_clear_namespace(buf, M.namespace, 0, -1)
  for _, e in ipairs(entities) do
    local row, col, end_row, end_col = M.range(starts, e.start, e.stop)
    local group = M.entity_group(e.type)
    e.mark = api.nvim_buf_set_extmark(buf, M.namespace, row, col, {
      end_row = end_row, end_col = end_col, hl_group = group,
      virt_text = { { " " .. tostring(e.type), group } }, virt_text_pos = "eol",
    })
  end
  return entities
end

local function describe_argument(arg)
  if type(arg) ~= "table" or not arg.text then return nil end
  return arg.country and (arg.text .. " (" .. arg.country .. ")") or arg.text
end

--- The quickfix text of an event: type, CAMEO code, trigger, who, whom, when, where.
function M.describe_event(ev)
  local parts = { ev.type .. (ev.cameo and (" " .. ev.cameo) or "") .. ": " .. ev.trigger.text }
  local source = describe_argument(ev.source)
  if source then parts[#parts + 1] = "source " .. source end
  local targets = {}
  for _, target in ipairs(ev.targets or {}) do targets[#targets + 1] = describe_argument(target) end
  if #targets > 0 then parts[#parts + 1] = "targets " .. table.concat(targets, ", ") end
  if type(ev.date) == "table" then parts[#parts + 1] = "date " .. tostring(ev.date.value or ev.date.text) end
  local place = describe_argument(ev.location)
  if place then parts[#parts + 1] = "at " .. place end
  return table.concat(parts, "; ")
end

local function find_events(text, date)
  if khabar.analyze then
    local result, err = khabar.analyze(text, { date = date })
    if not result then return nil, err end
    return result.events
  end
  if khabar.events then return khabar.events(text, { date = date }) end
  return nil, "this khabar build has no events()"
end

--- Puts the events of the buffer into the quickfix list, each at its trigger.
-- Returns the quickfix items, or nil, message.
function M.events(buf, date)
  buf = buffer_of(buf)
  local text, starts = M.buffer_text(buf)
  local events, err = find_events(text, reference_date(date))
  if not events then return nil, err end
  local items = {}
  for _, ev in ipairs(events) do
    local row, col, end_row, end_col = M.range(starts, ev.trigger.start, ev.trigger.stop)
    items[#items + 1] = {
      bufnr = buf, lnum = row + 1, col = col + 1, end_lnum = end_row + 1, end_col = end_col + 1,
      text = M.describe_event(ev), type = "I",
    }
  end
  vim.fn.setqflist({}, " ", { title = "khabar events", items = items })
  return items
end

--- Searches the buffer with normalized matching ("احمد" finds "أَحْمَد"):
-- the buffer and the query are normalized with the same profile, the query is
-- found in the normalized text, and the offset map gives each match's span in
-- the buffer. Returns a list of {start, stop, row, col, end_row, end_col}.
function M.search(buf, query, profile)
  buf = buffer_of(buf)
  local opts = { profile = profile or "search" }
  local needle, err = khabar.normalize(query, opts)
  if not needle then return nil, err end
  if needle == "" then return {} end
  local text, starts = M.buffer_text(buf)
  opts.map = true
  local haystack, map = khabar.normalize(text, opts)
  if not haystack then return nil, map end
  local matches, from = {}, 1
  while true do
    local a, b = haystack:find(needle, from, true)
    if not a then break end
    local start, stop = map:origin(a, b)
    local row, col, end_row, end_col = M.range(starts, start, stop)
    matches[#matches + 1] = { start = start, stop = stop, row = row, col = col, end_row = end_row, end_col = end_col }
    from = b + 1
  end
  return matches
end

--- :KhabarSearch: highlights the matches, fills the location list of the
-- window and moves the cursor to the first match after it (wrapping).
function M.search_command(query, profile)
  local buf = api.nvim_get_current_buf()
  local matches, err = M.search(buf, query, profile)
  if not matches then return nil, err end
  api.nvim_buf_clear_namespace(buf, M.search_namespace, 0, -1)
  local items = {}
  for _, m in ipairs(matches) do
    api.nvim_buf_set_extmark(buf, M.search_namespace, m.row, m.col,
      { end_row = m.end_row, end_col = m.end_col, hl_group = "KhabarSearch" })
    items[#items + 1] = { bufnr = buf, lnum = m.row + 1, col = m.col + 1, end_lnum = m.end_row + 1,
                          end_col = m.end_col + 1, text = query }
  end
  vim.fn.setloclist(0, {}, " ", { title = "khabar search: " .. query, items = items })
  if #matches == 0 then
    warn("no match for " .. query)
    return matches
  end
  local cursor = api.nvim_win_get_cursor(0)
  local target = matches[1]
  for _, m in ipairs(matches) do
    if m.row + 1 > cursor[1] or (m.row + 1 == cursor[1] and m.col > cursor[2]) then
      target = m
      break
    end
  end
  api.nvim_win_set_cursor(0, { target.row + 1, target.col })
  return matches
end

local function report(result, err)
  if result == nil then warn(tostring(err)) end
  return result
end

local function profiles() return { "search", "display", "none" } end

--- Defines the highlight groups and the commands. Safe to call twice.
function M.setup()
  define_highlights()
  api.nvim_create_user_command("KhabarNormalize", function(cmd)
    report(M.normalize_lines(0, cmd.line1, cmd.line2, cmd.args ~= "" and cmd.args or nil))
  end, { range = true, nargs = "?", complete = profiles, desc = "khabar: normalize the lines of a range" })
  api.nvim_create_user_command("KhabarEntities", function(cmd)
    report(M.entities(0, cmd.args))
  end, { nargs = "?", desc = "khabar: highlight entities (optional argument: the reference date)" })
  api.nvim_create_user_command("KhabarClear", function()
    api.nvim_buf_clear_namespace(0, M.namespace, 0, -1)
    api.nvim_buf_clear_namespace(0, M.search_namespace, 0, -1)
  end, { desc = "khabar: remove khabar's highlights" })
  api.nvim_create_user_command("KhabarEvents", function(cmd)
    report(M.events(0, cmd.args))
  end, { nargs = "?", desc = "khabar: events into the quickfix list (optional argument: the reference date)" })
  api.nvim_create_user_command("KhabarSearch", function(cmd)
    report(M.search_command(cmd.args))
  end, { nargs = 1, desc = "khabar: search with normalized matching" })
end

return M
