-- Speed of khabar.entities on news articles, one call per article with the
-- article's own date, in MB/s of input: single core, CPU time, best of three.
--
--   lua5.4 bench/entities_bench.lua [SHARED] [MEGABYTES]     (make bench-entities)
--
-- The corpus is SHARED/data/saudinewsnet/articles.jsonl.gz (the first
-- MEGABYTES, default 8) when present, else the sample article repeated.
local build = os.getenv("KHABAR_BUILD") or "build/5.4"
package.cpath = "./" .. build .. "/?.so;" .. package.cpath
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path

local khabar = require "khabar"
local shared = arg[1] or "../shared"
local limit = (tonumber(arg[2]) or 8) * 1e6

-- {text, date} of each article, up to `limit` bytes of text.
local function news_articles()
  local articles, size = {}, 0
  local found = dofile("bench/corpus.lua").each(shared, function(a)
    local text = (a.title or "") .. "\n" .. a.text
    articles[#articles + 1] = { text = text, date = (a.date or ""):match("^%d%d%d%d%-%d%d%-%d%d") }
    size = size + #text
    return size >= limit
  end)
  if not found then return nil end
  return articles, size, "SaudiNewsNet"
end

local function sample_articles()
  local text = dofile("bench/corpus.lua").sample()
  local articles, size = {}, 0
  while size < limit / 4 do
    articles[#articles + 1] = { text = text, date = "2020-12-28" }
    size = size + #text
  end
  return articles, size, "the sample article, repeated"
end

local articles, size, name = news_articles()
if not articles then articles, size, name = sample_articles() end

local best, count = math.huge, 0
for _ = 1, 3 do
  local t0 = os.clock()
  count = 0
  for _, a in ipairs(articles) do
    count = count + #assert(khabar.entities(a.text, { date = a.date }))
  end
  best = math.min(best, os.clock() - t0)
end

print(string.format("entities: %d articles of %s, %.1f MB: %.2f MB/s, %.0f entities/s (%s, %s)",
  #articles, name, size / 1e6, size / 1e6 / best, count / best, _VERSION,
  rawget(_G, "jit") and _G.jit.version or "no JIT"))
