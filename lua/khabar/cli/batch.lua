--- khabar batch: many articles, as JSON lines in and out, on N processes.
local khabar = require "khabar"
local cli = require "khabar.cli"
local json = require "khabar.json"
local analyze = require "khabar.cli.analyze"

local decode = json.decode

-- ------------------------------------------------------------------------
-- One process: documents in, results out, in order.

local function process(doc)
  if type(doc) ~= "table" or type(doc.text) ~= "string" then
    return { id = type(doc) == "table" and doc.id or nil, error = "no text" }
  end
  local date = doc.date
  if type(date) == "string" then date = date:sub(1, 10) else date = nil end
  local result, err = khabar.analyze(doc.text, { date = date })
  if not result then return { id = doc.id, error = err } end
  analyze.as_json(result)
  return { id = doc.id, entities = result.entities, events = result.events }
end

-- The documents of the input: JSON lines, or one JSON array.
local function documents(text)
  if text:match("^%s*%[") then
    local list, err = decode(text)
    if not list then return nil, "input: " .. err end
    return list
  end
  local list, n = {}, 0
  for line in text:gmatch("[^\n]+") do
    n = n + 1
    if line:match("%S") then
      local doc, err = decode(line)
      if doc == nil then return nil, "line " .. n .. ": " .. tostring(err) end
      list[#list + 1] = doc
    end
  end
  return list
end

local function progress_bar(stderr, done, total)
  local width = 40
  local filled = total > 0 and math.floor(width * done / total) or width
  stderr:write(string.format("\r[%s%s] %d/%d", string.rep("#", filled), string.rep(".", width - filled),
    done, total))
end

local function is_terminal()
  local ok = os.execute("test -t 2")
  return ok == true or ok == 0
end

local function run_single(docs, env, show, report)
  for i, doc in ipairs(docs) do
    env.stdout:write(json.encode(process(doc)), "\n")
    if show then progress_bar(env.stderr, i, #docs) end
    if report then env.stderr:write(".") env.stderr:flush() end
  end
  if show then env.stderr:write("\n") end
  return 0
end

-- ------------------------------------------------------------------------
-- N processes: the input is cut into N runs of whole lines, each worker
-- writes its own file, and the files are joined in input order.

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function self_command()
  local a = rawget(_G, "arg") or {}
  local interp, script = a[-1], a[0]
  if not interp or not script then return nil end
  return shell_quote(interp) .. " " .. shell_quote(script)
end

-- Cuts lines into at most `jobs` runs {first, last} of about equal bytes:
-- the cost of an article is about linear in its size, and articles vary
-- tenfold, so equal counts of lines leave one worker idle.
local function balanced_runs(lines, jobs)
  local total = 0
  for _, line in ipairs(lines) do total = total + #line end
  local runs, first, sum = {}, 1, 0
  for i, line in ipairs(lines) do
    sum = sum + #line
    if sum >= total * #runs / jobs + total / jobs and #runs < jobs - 1 then
      runs[#runs + 1] = { first, i }
      first = i + 1
    end
  end
  if first <= #lines then runs[#runs + 1] = { first, #lines } end
  return runs
end

local function run_parallel(text, docs, jobs, env, show)
  local command = self_command()
  if not command then return nil, "--jobs needs the khabar script" end
  local lines = {}
  if text:match("^%s*%[") then
    for _, d in ipairs(docs) do lines[#lines + 1] = json.encode(d) end
  else
    for line in text:gmatch("[^\n]+") do
      if line:match("%S") then lines[#lines + 1] = line end
    end
  end
  local base = os.tmpname()
  local parts = {}
  for j, run in ipairs(balanced_runs(lines, jobs)) do
    local first, last = run[1], run[2]
    local f = assert(io.open(base .. "." .. j .. ".in", "w"))
    f:write(table.concat(lines, "\n", first, last), "\n")
    f:close()
    parts[#parts + 1] = string.format("KHABAR_BATCH_REPORT=1 %s batch < %s > %s", command,
      shell_quote(base .. "." .. j .. ".in"), shell_quote(base .. "." .. j .. ".out"))
  end
  local pipe = assert(io.popen("(" .. table.concat(parts, " & ") .. " & wait) 2>&1", "r"))
  local done, errors = 0, {}
  while true do
    local chunk = pipe:read(1)
    if not chunk then break end
    if chunk == "." then
      done = done + 1
      if show then progress_bar(env.stderr, done, #lines) end
    else
      errors[#errors + 1] = chunk
    end
  end
  pipe:close()
  if show then env.stderr:write("\n") end
  for j = 1, #parts do
    local f = io.open(base .. "." .. j .. ".out", "rb")
    if f then
      env.stdout:write(f:read("a"))
      f:close()
    end
    os.remove(base .. "." .. j .. ".in")
    os.remove(base .. "." .. j .. ".out")
  end
  os.remove(base)
  if #errors > 0 then env.stderr:write(table.concat(errors)) end
  if done < #lines then return nil, "a worker failed" end
  return 0
end

return {
  decode = decode,
  summary = "analyze many articles: JSON lines {id, date, text} in, {id, entities, events} out",
  usage = [[usage: khabar batch [--jobs N] [FILE]

Reads JSON lines {id, date, text} (or one JSON array of such objects) from
FILE or standard input and writes one JSON line {id, entities, events} per
article, in input order. --jobs N runs N worker processes (for large
corpora). A progress bar goes to standard error when it is a terminal.]],
  run = function(args, env)
    local opts, positional = cli.parse(args, { jobs = "value" })
    if not opts then return nil, positional end
    if #positional > 1 then return nil, "takes at most one FILE" end
    local jobs = tonumber(opts.jobs or "1")
    if not jobs or jobs < 1 or jobs ~= math.floor(jobs) then return nil, "--jobs needs a positive integer" end
    local text, rerr = cli.read_input(positional[1], env.stdin)
    if not text then return nil, rerr end
    local report = os.getenv("KHABAR_BATCH_REPORT") == "1"
    local show = not report and is_terminal()
    -- JSON lines go to the workers undecoded (each worker checks its own).
    if jobs > 1 and not text:match("^%s*%[") then return run_parallel(text, nil, jobs, env, show) end
    local docs, derr = documents(text)
    if not docs then return nil, derr end
    if jobs > 1 and #docs > 1 then return run_parallel(text, docs, jobs, env, show) end
    return run_single(docs, env, show, report)
  end,
}
