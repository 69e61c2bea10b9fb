-- Speed of khabar.normalize (search profile) on news text, in MB/s, with
-- ratios measured in the same run against (a) the same rules as one ICU
-- transliterator rule chain, (b) the same rules in pure Lua with lrexlib's
-- PCRE2 binding, (c) memcpy. Single core, CPU time, best of several runs.
--
--   lua5.4 bench/normalize_bench.lua [SHARED]       (make bench)
--
-- The module comes from KHABAR_BUILD (default build/5.4); the C side
-- (ICU chain, memcpy, the engine without Lua) from build/bench. The corpus
-- is SHARED/data/saudinewsnet/articles.jsonl.gz when present, else text
-- generated here from a small vocabulary (nothing of the corpus is bundled).
-- glibc gives blocks above 32 MB fresh pages from mmap on every call, so a
-- 100 MB figure would mostly measure the kernel zeroing pages. Run with
-- freed memory kept in the heap (the usual setting for a long-running
-- server) by re-executing this script once with glibc's tunables set.
if not os.getenv("MALLOC_MMAP_MAX_") then
  local interpreter = arg[-1] or "lua5.4"
  local args = {}
  for i = 0, #arg do args[#args + 1] = "'" .. arg[i]:gsub("'", "'\\''") .. "'" end
  local ok = os.execute("MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=4294967295 "
    .. interpreter .. " " .. table.concat(args, " "))
  os.exit((ok == true or ok == 0) and 0 or 1)
end

local build = os.getenv("KHABAR_BUILD") or "build/5.4"
package.cpath = "./" .. build .. "/?.so;" .. package.cpath
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path

local khabar = require "khabar"
local shared = arg[1] or "../shared"
local c_bench = (build:match("^(.*)/[^/]+$") or ".") .. "/bench/normalize_c_bench"
local MB = 1e6

-- Corpus ---------------------------------------------------------------------

local function file_exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

-- Title and text of every article, one paragraph a line, up to `limit` bytes.
local function news_corpus(shared_dir, limit)
  local parts, size = {}, 0
  dofile("bench/corpus.lua").each(shared_dir, function(article)
    local text = (article.title or "") .. "\n" .. article.text .. "\n"
    parts[#parts + 1] = text
    size = size + #text
    return size >= limit
  end)
  return table.concat(parts)
end

-- News-like text from a fixed vocabulary: letters with the forms the search
-- profile changes (hamza on alef, teh marbuta, alef maksura), some marks,
-- tatweel, digits, punctuation, Latin and ZWNJ, at roughly news frequencies.
local function generated_corpus(size)
  local words = {
    "قال", "الرئيس", "إن", "الحكومة", "السعودية", "أعلنت", "اليوم", "عن", "خطة", "جديدة",
    "لتطوير", "التعليم", "في", "المملكة", "وزارة", "الصحة", "على", "إلى", "مدينة", "الرياض",
    "مجلس", "الوزراء", "الاقتصاد", "أسعار", "النفط", "ارتفعت", "الأسبوع", "الماضي", "بنسبة",
    "الشركة", "مؤتمر", "رئيس", "الدولة", "العربية", "المتحدة", "الأمم", "منظمة", "الشرطة",
    "مكة", "المكرمة", "جدة", "الملك", "سلمان", "بن", "عبدالعزيز", "وَقَالَ", "الـــيوم",
    "٢٠١٥", "١٢", "2015", "(واس)", "،", "؛", "«الحياة»", "Reuters", "ميخواهم", "مستشفى",
  }
  local seed, parts, total = 7, {}, 0
  local function rand(n)
    seed = (seed * 1103515245 + 12345) % 2147483648
    return 1 + seed % n
  end
  while total < size do
    local sentence = {}
    for i = 1, 6 + rand(14) do sentence[i] = words[rand(#words)] end
    local line = table.concat(sentence, " ") .. ".\n"
    parts[#parts + 1] = line
    total = total + #line
  end
  return table.concat(parts):sub(1, size)
end

-- A prefix of s of about n bytes, cut at a line end.
local function prefix(s, n)
  if #s <= n then return s end
  local cut = s:find("\n", n, true) or n
  return s:sub(1, cut)
end

local function repeat_to(s, n)
  local parts, size = {}, 0
  while size < n do
    parts[#parts + 1] = s
    size = size + #s
  end
  return table.concat(parts):sub(1, n)
end

-- Timing ---------------------------------------------------------------------

local function best_of(runs, f)
  local best = math.huge
  for _ = 1, runs do
    collectgarbage()
    local t0 = os.clock()
    f()
    local dt = os.clock() - t0
    if dt < best then best = dt end
  end
  return best
end

local function mbps(bytes, seconds) return bytes / MB / seconds end

-- The C side: "MODE BYTES SECONDS OUTPUT" for a file.
local function c_measure(path, mode, runs)
  local p = io.popen(string.format("'%s' '%s' %s %d", c_bench, path, mode, runs))
  local line = p and p:read("*l")
  if p then p:close() end
  local bytes, seconds = (line or ""):match("^%S+ (%d+) ([%d.]+)")
  if not bytes then return nil end
  return tonumber(bytes) / MB / tonumber(seconds)
end

local function write_temp(text)
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

-- (b) the search rules in pure Lua with lrexlib's PCRE2 binding ------------

local function pcre2_normalizer()
  local ok, rex = pcall(require, "rex_pcre2")
  if not ok then return nil end
  local cf = rex.flags().UTF + rex.flags().UCP
  local function re(pattern) return rex.new(pattern, cf) end
  -- Lookup tables, built with khabar once (not timed): what a user would
  -- write by hand from the Unicode data.
  local presentation = {}
  local function add_range(from, to)
    for cp = from, to do
      local ch = utf8 and utf8.char(cp)
      if ch then
        local folded = khabar.normalize(ch, { profile = "none", compose = true })
        if folded ~= ch then presentation[ch] = folded end
      end
    end
  end
  add_range(0xFB50, 0xFDFF)
  add_range(0xFE70, 0xFEFE)
  local letters = {}
  local map = {
    ["ا"] = "آأإٱٲٳٵ", ["ي"] = "ىیے", ["ه"] = "ةۀہھە", ["ك"] = "کگ", ["ب"] = "پ", ["ج"] = "چ",
    ["ز"] = "ژ", ["ف"] = "ڤ", ["0"] = "٠۰", ["1"] = "١۱", ["2"] = "٢۲", ["3"] = "٣۳", ["4"] = "٤۴",
    ["5"] = "٥۵", ["6"] = "٦۶", ["7"] = "٧۷", ["8"] = "٨۸", ["9"] = "٩۹", ["."] = "٫", [","] = "٬،",
    ["%"] = "٪", [";"] = "؛", ["?"] = "؟", ['"'] = "«»",
  }
  for to, froms in pairs(map) do
    for ch in froms:gmatch("[\192-\255][\128-\191]*") do letters[ch] = to end
  end
  local steps = {
    { re("[\\x{FB50}-\\x{FDFF}\\x{FE70}-\\x{FEFE}]"), presentation },
    { re("\\x{0627}\\x{0654}"), "أ" }, { re("\\x{0627}\\x{0655}"), "إ" }, { re("\\x{0627}\\x{0653}"), "آ" },
    { re("[\\x{064B}-\\x{065F}\\x{0670}\\x{0610}-\\x{061A}\\x{06D6}-\\x{06ED}\\x{0640}"
      .. "\\x{200C}-\\x{200F}\\x{061C}\\x{202A}-\\x{202E}\\x{2060}-\\x{2064}\\x{2066}-\\x{2069}"
      .. "\\x{FEFF}\\x{00AD}]"), "" },
    { re("[آأإٱٲٳٵىیےةۀہھەکگپچژڤ٠-٩۰-۹٫٬٪،؛؟«»]"), letters },
    { re("\\s+"), " " },
  }
  return function(s)
    for _, step in ipairs(steps) do s = rex.gsub(s, step[1], step[2]) end
    return (s:gsub("^ ", ""):gsub(" $", ""):lower())
  end
end

-- Run --------------------------------------------------------------------------

local corpus_path = shared .. "/data/saudinewsnet/articles.jsonl.gz"
local corpus, source
if file_exists(corpus_path) then
  corpus = news_corpus(shared, 100 * MB)
  source = "SaudiNewsNet (" .. corpus_path .. ")"
else
  corpus = generated_corpus(4 * MB)
  source = "generated text (" .. corpus_path .. " not found)"
end
local small = prefix(corpus, 1 * MB)
local big = repeat_to(corpus, 100 * MB)
corpus = nil -- luacheck: ignore

print(string.format("normalize (search profile), %s, %s", source, (rawget(_G, "jit") and jit.version) or _VERSION))
print(string.format("  1 MB sample: %.2f MB; 100 MB sample: %.2f MB", #small / MB, #big / MB))

local results = {}
local function report(name, value, note)
  results[name] = value
  if value then
    print(string.format("  %-44s %9.1f MB/s%s", name, value, note and ("  " .. note) or ""))
  else
    print(string.format("  %-44s %9s       %s", name, "n/a", note or ""))
  end
end

local normalizer = khabar.normalizer("search")
report("khabar.normalize, 1 MB, one call", mbps(#small, best_of(30, function() khabar.normalize(small) end)))
report("khabar.normalize, 100 MB, one call", mbps(#big, best_of(5, function() khabar.normalize(big) end)))
report("normalizer:normalize, 1 MB, per line", mbps(#small, best_of(5, function()
  for line in small:gmatch("[^\n]+") do normalizer:normalize(line) end
end)))

local small_path, big_path = write_temp(small), write_temp(big)
local have_c = file_exists(c_bench)
local c_note = not have_c and ("(" .. c_bench .. " not built)") or nil
report("engine (C, no Lua), 1 MB", have_c and c_measure(small_path, "engine", 30), c_note)
report("engine (C, no Lua), 100 MB", have_c and c_measure(big_path, "engine", 5), c_note)
report("(a) ICU transliterator chain, 1 MB, per line", have_c and c_measure(small_path, "icu", 2), c_note)
local pcre2 = pcre2_normalizer()
report("(b) Lua + lrexlib PCRE2, 1 MB, per line", pcre2 and mbps(#small, best_of(3, function()
  for line in small:gmatch("[^\n]+") do pcre2(line) end
end)),
  not pcre2 and "(lua-rex-pcre2 missing: make deps-bench-normalize)" or nil)
report("(c) memcpy, 1 MB", have_c and c_measure(small_path, "memcpy", 20), c_note)
report("(c) memcpy, 100 MB", have_c and c_measure(big_path, "memcpy", 3), c_note)
os.remove(small_path)
os.remove(big_path)

local ours = results["khabar.normalize, 1 MB, one call"]
local function ratio(name, key, target)
  local other = results[key]
  if other then
    local r = ours / other
    print(string.format(r < 1 and "  %-44s %9.3f x%s" or "  %-44s %9.1f x%s", name, r,
      target and ("  (target " .. target .. ")") or ""))
  end
end
print("ratios of khabar.normalize (1 MB, one call) to:")
ratio("(a) ICU transliterator chain", "(a) ICU transliterator chain, 1 MB, per line", ">= 30")
ratio("(b) Lua + lrexlib PCRE2", "(b) Lua + lrexlib PCRE2, 1 MB, per line")
ratio("(c) memcpy", "(c) memcpy, 1 MB")
local per_mb_small = 1 / ours
local per_mb_big = 1 / results["khabar.normalize, 100 MB, one call"]
print(string.format("linearity: seconds per MB at 100 MB / at 1 MB = %.2f (1.00 is linear)", per_mb_big / per_mb_small))
print(string.format("target: >= 1000 MB/s at 1 MB: %s", ours >= 1000 and "met" or "not met"))
