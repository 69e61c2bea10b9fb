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

-- Cuts text into at most `jobs` runs {first, last} of whole lines, of
-- about equal bytes: the cost of an article is about linear in its size,
-- and articles vary tenfold, so equal counts of lines leave one worker idle.
-- Byte positions are found with string.find, so the parent does no work
-- per line (its time is the serial part of a parallel run).
local function byte_runs(text, jobs)
  local runs, first, n = {}, 1, #text
  for j = 1, jobs - 1 do
    local at = math.floor(n * j / jobs)
    local nl = text:find("\n", at > first and at or first, true)
    if not nl then break end
    runs[#runs + 1] = { first, nl }
    first = nl + 1
  end
  if first <= n then runs[#runs + 1] = { first, n } end
  return runs
end

local function count_lines(text)
  local n = 0
  for _ in text:gmatch("[^\n]*%S[^\n]*") do n = n + 1 end
  return n
end

-- Copies a file to out in large blocks (no whole-file string).
local function copy_file(path, out)
  local f = io.open(path, "rb")
  if not f then return end
  while true do
    local block = f:read(1048576)
    if not block then break end
    out:write(block)
  end
  f:close()
end

-- Workers with no progress to show: the first writes straight to our own
-- standard output (inherited through os.execute), the others to files that
-- the same shell appends in order once all are done; the shell's status
-- says whether any failed. No output passes through this process.
local function run_direct(command, inputs, base)
  local script = {}
  for j, input in ipairs(inputs) do
    local out = j == 1 and "" or " > " .. shell_quote(base .. "." .. j .. ".out")
    script[#script + 1] = string.format("%s batch < %s%s & p%d=$!;", command, shell_quote(input), out, j)
  end
  script[#script + 1] = "s=0;"
  for j = 1, #inputs do script[#script + 1] = string.format("wait $p%d || s=1;", j) end
  if #inputs > 1 then
    local outs = {}
    for j = 2, #inputs do outs[#outs + 1] = shell_quote(base .. "." .. j .. ".out") end
    script[#script + 1] = "cat " .. table.concat(outs, " ") .. " || s=1;"
  end
  script[#script + 1] = "exit $s"
  io.stdout:flush()
  local ok = os.execute(table.concat(script, " "))
  return ok == true or ok == 0
end

-- Workers that report each article done (a "." on standard error): the
-- progress bar counts them; their output files are copied in order.
local function run_reporting(command, inputs, base, total, env, show)
  local parts = {}
  for j, input in ipairs(inputs) do
    parts[#parts + 1] = string.format("KHABAR_BATCH_REPORT=1 %s batch < %s > %s", command,
      shell_quote(input), shell_quote(base .. "." .. j .. ".out"))
  end
  local pipe = assert(io.popen("(" .. table.concat(parts, " & ") .. " & wait) 2>&1", "r"))
  local done, errors = 0, {}
  while true do
    local chunk = pipe:read(1)
    if not chunk then break end
    if chunk == "." then
      done = done + 1
      if show then progress_bar(env.stderr, done, total) end
    else
      errors[#errors + 1] = chunk
    end
  end
  pipe:close()
  if show then env.stderr:write("\n") end
  for j = 1, #inputs do copy_file(base .. "." .. j .. ".out", env.stdout) end
  if #errors > 0 then env.stderr:write(table.concat(errors)) end
  return done >= total
end

local function run_parallel(text, docs, jobs, env, show)
  local command = self_command()
  if not command then return nil, "--jobs needs the khabar script" end
  if docs then
    local lines = {}
    for _, d in ipairs(docs) do lines[#lines + 1] = json.encode(d) end
    text = table.concat(lines, "\n") .. "\n"
  end
  local base = os.tmpname()
  local inputs = {}
  for j, run in ipairs(byte_runs(text, jobs)) do
    inputs[j] = base .. "." .. j .. ".in"
    local f = assert(io.open(inputs[j], "wb"))
    f:write(text:sub(run[1], run[2]))
    f:close()
  end
  local ok
  if not show and env.stdout == io.stdout then
    ok = run_direct(command, inputs, base)
  else
    ok = run_reporting(command, inputs, base, count_lines(text), env, show)
  end
  for j = 1, #inputs do
    os.remove(inputs[j])
    os.remove(base .. "." .. j .. ".out")
  end
  os.remove(base)
  if not ok then return nil, "a worker failed" end
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
