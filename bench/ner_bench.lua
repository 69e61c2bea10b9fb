-- Speed and memory of the statistical NER tagger (khabar.tag): tokens per
-- second on news articles (one call per article, its sentences as one
-- document), single core, CPU time, best of three; the memory the module
-- adds to the process (model and lexicons included); the time of
-- require "khabar".
--
--   lua5.4 bench/ner_bench.lua [SHARED] [TOKENS]     (make bench-ner)
--
-- The corpus is SHARED/data/saudinewsnet/articles.jsonl.gz (its first
-- TOKENS whitespace tokens, default 300000) when present, else the sample
-- article repeated.
local build = os.getenv("KHABAR_BUILD") or "build/5.4"
package.cpath = "./" .. build .. "/?.so;" .. package.cpath
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path

local function rss_kb()
  local f = io.open("/proc/self/status")
  if not f then return 0 end
  local s = f:read("a")
  f:close()
  return tonumber(s:match("VmRSS:%s*(%d+)")) or 0
end

local rss_before = rss_kb()
local t_require = os.clock()
local khabar = require "khabar"
t_require = os.clock() - t_require

local shared = arg[1] or "../shared"
local limit = tonumber(arg[2]) or 300000

-- An article's sentences, as lists of whitespace tokens (split after . ! ?).
local function sentences_of(text)
  local doc, current = {}, {}
  for token in text:gmatch("%S+") do
    current[#current + 1] = token
    if token:match("[%.!?]$") or token:match("\216\159$") then
      doc[#doc + 1] = current
      current = {}
    end
  end
  if #current > 0 then doc[#doc + 1] = current end
  return doc
end

local function news_documents()
  local docs, tokens = {}, 0
  local found = dofile("bench/corpus.lua").each(shared, function(a)
    local doc = sentences_of((a.title or "") .. " . " .. a.text)
    docs[#docs + 1] = doc
    for _, s in ipairs(doc) do tokens = tokens + #s end
    return tokens >= limit
  end)
  if not found then return nil end
  return docs, tokens, "SaudiNewsNet"
end

local function sample_documents()
  local doc = sentences_of(dofile("bench/corpus.lua").sample())
  local per = 0
  for _, s in ipairs(doc) do per = per + #s end
  local docs, tokens = {}, 0
  while tokens < limit do
    docs[#docs + 1] = doc
    tokens = tokens + per
  end
  return docs, tokens, "the sample article, repeated"
end

local docs, tokens, name = news_documents()
if not docs then docs, tokens, name = sample_documents() end

local best, entities = math.huge, 0
for _ = 1, 3 do
  local t0 = os.clock()
  entities = 0
  for _, doc in ipairs(docs) do
    for _, tags in ipairs(khabar.tag(doc)) do
      for _, t in ipairs(tags) do
        if t:sub(1, 1) == "B" then entities = entities + 1 end
      end
    end
  end
  best = math.min(best, os.clock() - t0)
end
collectgarbage()
print(string.format("ner: tag %d tokens of %s (%d documents): %.0f tokens/s (%.3f s), %d entities",
  tokens, name, #docs, tokens / best, best, entities))
print(string.format("ner: require \"khabar\" %.1f ms; process RSS %.1f MB before require, %.1f MB after tagging",
  t_require * 1000, rss_before / 1024, rss_kb() / 1024))
