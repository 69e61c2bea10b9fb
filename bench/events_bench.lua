-- Speed of event extraction: khabar.analyze (entities and events) and
-- khabar.events alone on news articles, in MB/s on one core (CPU time);
-- linearity (4 times the text should take about 4 times as long); and
-- bin/khabar batch with --jobs 1 and --jobs 2 (wall time).
--
--   lua5.4 bench/events_bench.lua [SHARED]       (make bench)
--
-- The corpus is SHARED/data/saudinewsnet/articles.jsonl.gz when present,
-- else the sample article of spec/fixtures repeated with varied dates.
local build = os.getenv("KHABAR_BUILD") or "build/5.4"
package.cpath = "./" .. build .. "/?.so;" .. package.cpath
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path

local khabar = require "khabar"
local json = require "khabar.json"
local shared = arg[1] or "../shared"
local TARGET_MB = tonumber(os.getenv("KHABAR_BENCH_MB")) or 8

-- Articles {date, text} until TARGET_MB of text.
local function load_articles()
  local docs, bytes = {}, 0
  local found = dofile("bench/corpus.lua").each(shared, function(doc)
    docs[#docs + 1] = { id = #docs + 1, date = tostring(doc.date or ""):sub(1, 10), text = doc.text }
    bytes = bytes + #doc.text
    return bytes >= TARGET_MB * 1024 * 1024
  end)
  if found then return docs, bytes, "news corpus" end
  local sample = assert(io.open("spec/fixtures/sample/article.txt", "rb")):read("a")
  while bytes < TARGET_MB * 1024 * 1024 do
    docs[#docs + 1] = { id = #docs + 1, date = string.format("2020-12-%02d", #docs % 28 + 1), text = sample }
    bytes = bytes + #sample
  end
  return docs, bytes, "sample article, repeated"
end

local function cpu_time(f)
  local best = math.huge
  for _ = 1, 2 do
    collectgarbage()
    local t = os.clock()
    f()
    best = math.min(best, os.clock() - t)
  end
  return best
end

local function run(fn, docs, first, last)
  for i = first, last do
    local d = docs[i]
    local date = d.date:match("^%d%d%d%d%-%d%d%-%d%d$") and d.date or nil
    assert(fn(d.text, { date = date }))
  end
end

local function wall()
  local p = io.popen("date +%s.%N")
  local t = tonumber(p:read("l"))
  p:close()
  return t
end

local docs, bytes, what = load_articles()
local mb = bytes / (1024 * 1024)
print(string.format("events bench: %d articles, %.1f MB (%s)", #docs, mb, what))

local t_an = cpu_time(function() run(khabar.analyze, docs, 1, #docs) end)
print(string.format("  analyze (entities + events): %6.2f MB/s", mb / t_an))
local t_ev = cpu_time(function() run(khabar.events, docs, 1, #docs) end)
print(string.format("  events (with its entities):  %6.2f MB/s", mb / t_ev))

-- Linearity: a quarter of the articles against all of them.
local quarter = math.max(1, #docs // 4)
local qbytes = 0
for i = 1, quarter do qbytes = qbytes + #docs[i].text end
local t_q = cpu_time(function() run(khabar.analyze, docs, 1, quarter) end)
print(string.format("  linearity: %.2f MB in %.2f s, %.2f MB in %.2f s: %.2f times the time for %.2f times the text",
  qbytes / 1048576, t_q, mb, t_an, t_an / t_q, bytes / qbytes))
-- ... and one long text made of them (blocks of about 1 MB inside).
local long = {}
for i = 1, quarter do long[#long + 1] = docs[i].text end
long = table.concat(long, "\n")
local t_long = cpu_time(function() assert(khabar.events(long)) end)
print(string.format("  one %.1f MB text: %.2f MB/s", #long / 1048576, #long / 1048576 / t_long))

-- batch: JSON lines through bin/khabar, one and two worker processes.
local tmp = os.tmpname()
local f = assert(io.open(tmp, "wb"))
for _, d in ipairs(docs) do f:write(json.encode({ id = d.id, date = d.date, text = d.text }), "\n") end
f:close()
local interpreter = arg[-1] or "lua5.4"
local times = {}
for _, jobs in ipairs({ 1, 2 }) do
  local t = wall()
  local ok = os.execute(string.format("KHABAR_BUILD=%s %s bin/khabar batch --jobs %d < %s > %s.out", build,
    interpreter, jobs, tmp, tmp))
  times[jobs] = wall() - t
  assert(ok == true or ok == 0, "batch failed")
  print(string.format("  batch --jobs %d: %.2f s wall, %.2f MB/s", jobs, times[jobs], mb / times[jobs]))
end
print(string.format("  batch speed-up with 2 jobs: %.2f", times[1] / times[2]))
os.remove(tmp)
os.remove(tmp .. ".out")
