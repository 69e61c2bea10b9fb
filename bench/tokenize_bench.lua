-- Speed of khabar.tokenize and khabar.sentences (make bench; a benchmark,
-- not a test). usage: lua5.4 bench/tokenize_bench.lua [SHARED]
-- Text: the news corpus SHARED/data/saudinewsnet/articles.jsonl.gz (titles
-- and texts); without it, a text generated from data/clitics/lexicon.txt
-- (words drawn by corpus frequency, with punctuation and digits).
-- Figures are CPU seconds (os.clock) on one core: the engine alone
-- (core.tokenize_count: tokens and search forms in C, no Lua tables), then
-- the full Lua API, which also builds a table per token (or, with
-- opts.columns, one array per field).
local root = arg[0]:match("^(.*)/bench/[^/]*$") or "."
local build = os.getenv("KHABAR_BUILD") or (root .. "/build/5.4")
package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. package.path
package.cpath = build .. "/?.so;" .. package.cpath
local khabar = require "khabar"
local core = require "khabar.core"

local MB = 1000 * 1000

local function corpus_texts(shared)
  local texts = {}
  local found = dofile("bench/corpus.lua").each(shared, function(article)
    if article.title then texts[#texts + 1] = article.title end
    texts[#texts + 1] = article.text
  end)
  if not found then return nil end
  return texts, "SaudiNewsNet corpus"
end

-- Words of the lexicon drawn by frequency (a fixed LCG: the same text on every run).
local function generated_texts()
  local words, weights, total = {}, {}, 0
  for line in io.lines(root .. "/data/clitics/lexicon.txt") do
    local word, class = line:match("^([^#]%S*) (%d+)$")
    if word then
      total = total + 2 ^ (tonumber(class) / 2)
      words[#words + 1], weights[#weights + 1] = word, total
    end
  end
  local state = 12345
  local function random()
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  end
  local function draw()
    local x, lo, hi = random() * total, 1, #weights
    while lo < hi do
      local mid = (lo + hi) // 2
      if weights[mid] < x then lo = mid + 1 else hi = mid end
    end
    return words[lo]
  end
  local texts, size = {}, 0
  local marks = { "، ", " ", " ", " ", " ", " ", " ", " " }
  while size < 4 * MB do
    local parts = {}
    for i = 1, 12 + math.floor(random() * 20) do
      parts[#parts + 1] = draw() .. (i % 9 == 0 and " " .. math.floor(random() * 2020) or "")
      parts[#parts + 1] = marks[1 + math.floor(random() * #marks)]
    end
    parts[#parts] = ". "
    texts[#texts + 1] = table.concat(parts)
    size = size + #texts[#texts]
  end
  return texts, "text generated from data/clitics/lexicon.txt (../shared absent)"
end

-- The first `bytes` bytes of the texts joined by line breaks (repeated if short),
-- cut at a space.
local function sample(texts, bytes)
  local parts, size, i = {}, 0, 0
  while size < bytes do
    i = i % #texts + 1
    parts[#parts + 1] = texts[i]
    size = size + #texts[i] + 1
  end
  local s = table.concat(parts, "\n")
  local cut = s:find(" ", bytes, true) or #s
  return s:sub(1, cut - 1)
end

local function time(f, s, rounds)
  local start = os.clock()
  local result
  for _ = 1, rounds do result = f(s) end
  return (os.clock() - start) / rounds, result
end

local function report(what, s, f, rounds)
  collectgarbage()
  local seconds, result = time(f, s, rounds)
  local count = type(result) == "table" and #result or result
  print(string.format("  %-34s %7.1f MB  %8.3f s  %7.1f MB/s  (%d)", what, #s / MB, seconds,
    #s / MB / seconds, count))
end

local texts, source = corpus_texts(arg[1] or (root .. "/../shared"))
if not texts then texts, source = generated_texts() end
print("tokenize and sentences on " .. source .. ", one core (CPU time):")
local small = sample(texts, 1 * MB)
report("engine tokenize, 1 MB", small, core.tokenize_count, 10)
report("khabar.tokenize (Lua tables), 1 MB", small, khabar.tokenize, 3)
local columns = { columns = true }
report("khabar.tokenize (columns), 1 MB", small, function(s)
  return khabar.tokenize(s, columns).text
end, 3)
report("khabar.sentences, 1 MB", small, khabar.sentences, 10)
local large = sample(texts, 100 * MB)
texts = nil -- luacheck: ignore
collectgarbage()
report("engine tokenize, 100 MB", large, core.tokenize_count, 1)
report("khabar.sentences, 100 MB", large, khabar.sentences, 1)
