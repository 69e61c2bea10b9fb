-- The OpenResty test's checks, run by tests/hosts/test_openresty.sh against
-- an nginx it started:  lua5.4 tests/hosts/openresty_test.lua PORT PREFIX ARTICLE
-- Compares what the service answers (LuaJIT, inside nginx) with what khabar
-- computes here (Lua 5.4, same engine), checks the error paths, and that
-- khabar works in several Lua VMs of one process (lua_code_cache off, HUP).
package.path = "./lua/?.lua;./lua/?/init.lua;./tests/hosts/?.lua;./examples/openresty/lua/?.lua;" .. package.path
package.cpath = (os.getenv("KHABAR_BUILD") or "build/5.4") .. "/?.so;" .. package.cpath

local khabar = require "khabar"
local json = require "khabar.json"
local decode = require("json_decode").decode
local service = require "khabar_http"
local t = require "check"

local port, prefix, article_path = arg[1], arg[2], arg[3]
local base = "http://127.0.0.1:" .. port
local article = assert(io.open(article_path, "rb")):read("a")
local tmp = os.tmpname()

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

--- One HTTP request with curl: returns the status and the body.
local function request(method, path, body)
  local cmd = { "curl -s -o", tmp, "-w '%{http_code}' -X", method }
  if body then
    local f = assert(io.open(tmp .. ".in", "wb"))
    f:write(body)
    f:close()
    cmd[#cmd + 1] = "-H 'Content-Type: text/plain' --data-binary @" .. tmp .. ".in"
  end
  cmd[#cmd + 1] = shell_quote(base .. path)
  local p = assert(io.popen(table.concat(cmd, " ")))
  local status = tonumber(p:read("a"))
  p:close()
  local f = io.open(tmp, "rb")
  local text = f and f:read("a") or ""
  if f then f:close() end
  return status, text
end

local function url_encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function json_error(want_status, what, status, text)
  t.eq(status, want_status, what .. ": status")
  local ok, doc = pcall(decode, text)
  t.ok(ok and type(doc) == "table" and type(doc.error) == "string" and #doc.error > 0,
    what .. ": a JSON error object, got " .. text:sub(1, 120))
end

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return "" end
  local s = f:read("a")
  f:close()
  return s
end

local function master_pid() return (read_file(prefix .. "/logs/nginx.pid"):match("%d+")) end

local function workers_of(master)
  local p = assert(io.popen("for s in /proc/[0-9]*/status; do awk -v m=" .. master ..
    " '/^PPid:/ && $2 == m {print FILENAME}' $s 2>/dev/null; done"))
  local pids = {}
  for line in p:lines() do pids[#pids + 1] = line:match("/proc/(%d+)/") end
  p:close()
  table.sort(pids)
  return table.concat(pids, " ")
end

-- The analysis as this process computes it, encoded the way the service does.
local function expected_analysis(date)
  local result = assert(khabar.analyze(article, { date = date }))
  return json.encode(service.analysis_body(result, date))
end

--- /analyze of the sample: same JSON as computed here, spans that point at
-- their text, the first event of the article (a phone call) and its source.
-- (The specs check the analysis itself field by field; this checks the service.)
local function check_analyze(path, what)
  local status, text = request("POST", path .. "?date=2020-12-28", article)
  if not khabar.analyze then
    t.eq(status, 501, what .. ": 501 while the engine has no analyze()")
    return
  end
  t.eq(status, 200, what .. ": status")
  t.eq(text, expected_analysis("2020-12-28"), what .. ": the same JSON as khabar.analyze here")
  local ok, doc = pcall(decode, text)
  if not t.ok(ok, what .. ": valid JSON") then return end
  t.eq(doc.date, "2020-12-28", what .. ": date")
  if khabar.entities then
    t.ok(#doc.entities >= 10, what .. ": at least 10 entities, got " .. #doc.entities)
  end
  t.ok(#doc.events >= 3, what .. ": at least 3 events, got " .. #doc.events)
  for i, e in ipairs(doc.entities) do
    t.eq(article:sub(e.start, e.stop), e.text, what .. ": entity " .. i .. " span")
  end
  local phone
  for i, ev in ipairs(doc.events) do
    t.eq(article:sub(ev.trigger.start, ev.trigger.stop), ev.trigger.text, what .. ": event " .. i .. " trigger span")
    if ev.trigger.text:find("مباحثات", 1, true) and ev.trigger.start < 200 then phone = ev end
  end
  if t.ok(phone, what .. ": the phone talks of the first sentence are an event") then
    t.eq(phone.type, "CONSULT_PHONE", what .. ": type of the phone talks")
    t.eq(phone.cameo, "041", what .. ": CAMEO code of the phone talks")
    t.ok(type(phone.source) == "table" and phone.source.text:find("سيالة", 1, true),
      what .. ": Siala is the source")
    t.eq(type(phone.targets), "table", what .. ": the phone talks have a list of targets")
  end
end

local function check_normalize(path, what)
  local status, text = request("GET", path .. "?q=" .. url_encode("أَحْمَد") .. "&profile=search")
  if not khabar.normalize then
    t.eq(status, 501, what .. ": 501 while the engine has no normalize()")
    return
  end
  t.eq(status, 200, what .. ": status")
  local ok, doc = pcall(decode, text)
  if t.ok(ok, what .. ": valid JSON") then
    t.eq(doc.normalized, "احمد", what .. ": أَحْمَد → احمد")
    t.eq(doc.normalized, khabar.normalize("أَحْمَد", { profile = "search" }), what .. ": as khabar.normalize here")
    t.eq(doc.profile, "search", what .. ": profile")
  end
  status, text = request("GET", path .. "?q=" .. url_encode("إِلى"))
  t.eq(status, 200, what .. ": default profile status")
  t.eq(decode(text).profile, "search", what .. ": the default profile is search")
end

local function check_errors()
  json_error(400, "/analyze with 2020-02-30", request("POST", "/analyze?date=2020-02-30", article))
  json_error(400, "/analyze with date=yesterday", request("POST", "/analyze?date=yesterday", article))
  json_error(400, "/analyze with invalid UTF-8", request("POST", "/analyze?date=2020-12-28", "\xD8\xA3\xFF\xFE abc"))
  json_error(400, "/analyze with an encoded surrogate", request("POST", "/analyze", "\xED\xA0\x80"))
  json_error(400, "/analyze with an overlong encoding", request("POST", "/analyze", "\xC0\xAF"))
  json_error(400, "/analyze with a truncated sequence", request("POST", "/analyze", "\xD8"))
  json_error(413, "/analyze with a 320 KB body", request("POST", "/analyze", string.rep("خبر ", 40000)))
  json_error(405, "GET /analyze", request("GET", "/analyze"))
  json_error(400, "/normalize without q", request("GET", "/normalize"))
  json_error(400, "/normalize with two q", request("GET", "/normalize?q=a&q=b"))
  json_error(400, "/normalize with invalid UTF-8", request("GET", "/normalize?q=%FF%FE"))
  json_error(413, "/normalize with a 2000-byte q", request("GET", "/normalize?q=" .. string.rep("a", 2000)))
  json_error(405, "POST /normalize", request("POST", "/normalize?q=a", "x"))
  if khabar.normalize then
    json_error(400, "/normalize with an unknown profile", request("GET", "/normalize?q=a&profile=nonsense"))
  end
  t.eq(service.valid_date("2024-02-29"), true, "2024-02-29 is a date")
  t.eq(service.valid_date("2023-02-29"), false, "2023-02-29 is not")
  t.eq(service.valid_utf8("أحمد ✓ 😀"), true, "valid UTF-8 passes")
end

--- Several VMs in one process: a counter in package.loaded grows in a cached
-- VM and is always 1 where every request gets a new VM.
local function check_vms()
  local max = 0
  for _ = 1, 4 do
    local status, text = request("GET", "/vm")
    t.eq(status, 200, "/vm status")
    max = math.max(max, tonumber(text:match("^(%d+)")) or 0)
  end
  t.ok(max >= 2, "cached VMs keep state between requests (4 requests, 2 workers)")
  for i = 1, 3 do
    local _, text = request("GET", "/nocache/vm")
    t.eq(text:match("^(%d+)"), "1", "lua_code_cache off: a new VM for request " .. i)
  end
  for _ = 1, 2 do
    check_analyze("/nocache/analyze", "/nocache/analyze")
    check_normalize("/nocache/normalize", "/nocache/normalize")
  end
  if khabar.normalize then
    for i = 1, 3 do
      local _, answer = request("GET", "/thread/normalize?q=" .. url_encode("أَحْمَد"))
      t.eq(answer, "احمد\n", "ngx.run_worker_thread: khabar in a thread-pool VM, request " .. i)
    end
    local urls = {}
    for i = 1, 16 do urls[i] = shell_quote(base .. "/thread/normalize?q=" .. url_encode("إِبْرَاهِيم")) end
    local p = assert(io.popen("curl -s -Z --parallel-max 8 " .. table.concat(urls, " ") .. " 2>/dev/null"))
    local answers = p:read("a")
    p:close()
    t.eq(answers, string.rep("ابراهيم\n", 16), "16 parallel requests through the thread pool's VMs")
  end
  local _, text = request("GET", "/nocache/globals")
  t.eq(text, "function 0 \n", "loading khabar_http afresh creates no global")
end

local function check_reload()
  local master = master_pid()
  local before = workers_of(master)
  t.ok(#before > 0, "workers found before HUP")
  os.execute("kill -HUP " .. master)
  local after = before
  for _ = 1, 100 do
    after = workers_of(master)
    local fresh = true
    for pid in before:gmatch("%d+") do
      if (" " .. after .. " "):find(" " .. pid .. " ", 1, true) then fresh = false end
    end
    if fresh and #after > 0 then break end
    os.execute("sleep 0.1")
  end
  t.ok(after ~= before and #after > 0, "HUP replaced the workers (" .. before .. " → " .. after .. ")")
  t.eq(master_pid(), master, "same master after HUP")
  local status, text = request("GET", "/health")
  t.eq(status, 200, "/health after HUP")
  t.eq(decode(text).versions.khabar, khabar._VERSION, "khabar version after HUP")
  check_analyze("/analyze", "/analyze after HUP")
  check_normalize("/normalize", "/normalize after HUP")
end

local function check_log()
  local log = read_file(prefix .. "/logs/error.log")
  t.ok(not log:find("global", 1, true), "no global variable written (error.log)")
  t.ok(not log:find("runtime error", 1, true), "no Lua runtime error (error.log)")
  t.ok(not log:find("%[emerg%]") and not log:find("%[crit%]"), "no emerg/crit in error.log")
  for line in log:gmatch("[^\n]+") do
    if line:find("[error]", 1, true) and not line:find("too large body", 1, true) then
      t.ok(false, "unexpected error.log line: " .. line)
    end
  end
end

local status, text = request("GET", "/health")
t.eq(status, 200, "/health status")
local health = decode(text)
t.eq(health.versions.khabar, khabar._VERSION, "/health reports khabar's version")
t.ok(health.versions.lua:find("LuaJIT", 1, true), "khabar runs on LuaJIT inside nginx")
check_analyze("/analyze", "/analyze")
check_normalize("/normalize", "/normalize")
check_errors()
check_vms()
check_reload()
check_log()
os.remove(tmp)
os.remove(tmp .. ".in")
os.exit(t.report("openresty") and 0 or 1)
