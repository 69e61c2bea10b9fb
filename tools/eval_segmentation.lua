-- Clitic segmentation against ANERcorp (make eval-segmentation).
-- ANERcorp keeps clitics on its tokens (وليبيا B-LOC), so its entity tokens
-- give two checks of khabar.tokenize's stems, in search form:
--   split: an entity token that is proclitics + a word seen bare as an entity
--          (وليبيا, بواشنطن) should have that word as its stem;
--   whole: an entity token seen bare that begins with a clitic letter and is
--          not such a combination (ليبيا, بيروت, وليد) should lose no proclitic
--          other than the article.
-- usage: lua5.4 tools/eval_segmentation.lua SHARED/data/anercorp/train.txt
local khabar = require "khabar"

local path = assert(arg[1], "usage: eval_segmentation.lua ANERCORP_FILE")
local entity_tokens = {}
for line in io.lines(path) do
  local token, tag = line:match("^(%S+) (%S+)$")
  if token and tag ~= "O" then entity_tokens[#entity_tokens + 1] = token end
end

local function analyse(word)
  local tokens = khabar.tokenize(word)
  if #tokens ~= 1 or tokens[1].kind ~= "word" then return nil end
  return tokens[1]
end

local bare = {}
for _, token in ipairs(entity_tokens) do
  local t = analyse(token)
  if t then bare[t.norm] = (bare[t.norm] or 0) + 1 end
end

-- The proclitic runs (search form) that may precede a bare entity word.
local proclitics = { "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك" }

local function clitic_plus_entity(norm)
  if norm:sub(1, 4) == "لل" and bare["ا" .. norm:sub(3)] then return "ا" .. norm:sub(3) end
  for _, p in ipairs(proclitics) do
    if norm:sub(1, #p) == p and bare[norm:sub(#p + 1)] and #norm > #p + 4 then
      return norm:sub(#p + 1)
    end
  end
  return nil
end

-- A clitic letter, but not a run of clitics before the article (والتدريب, للمغرب).
local function starts_with_clitic_letter(s)
  local rest = s
  while rest:match("^[\216\217][\136\129\168\132\131]") do rest = rest:sub(3) end
  if rest ~= s and (rest:sub(1, 4) == "ال" or (s:sub(1, 4) == "لل")) then return false end
  for _, letter in ipairs({ "و", "ف", "ب", "ل", "ك" }) do
    if s:sub(1, #letter) == letter then return true end
  end
  return false
end

local split_total, split_ok, whole_total, whole_ok = 0, 0, 0, 0
local misses = {}
for _, token in ipairs(entity_tokens) do
  local t = analyse(token)
  if t then
    local entity = clitic_plus_entity(t.norm)
    if entity then
      split_total = split_total + 1
      local want = analyse(entity)
      if t.stem == want.stem then split_ok = split_ok + 1
      else misses[#misses + 1] = "split " .. token .. " -> " .. t.prefix .. "+" .. t.stem end
    elseif starts_with_clitic_letter(t.norm) then
      whole_total = whole_total + 1
      if t.prefix == "" or t.prefix == "ال" then whole_ok = whole_ok + 1
      else misses[#misses + 1] = "whole " .. token .. " -> " .. t.prefix .. "+" .. t.stem end
    end
  end
end

print(string.format("entity tokens: %d", #entity_tokens))
print(string.format("split (clitic + entity word, e.g. وليبيا): %d/%d = %.1f%% with the entity word as stem",
  split_ok, split_total, 100 * split_ok / math.max(split_total, 1)))
print(string.format("whole (entity beginning with a clitic letter, e.g. ليبيا): %d/%d = %.1f%% kept whole",
  whole_ok, whole_total, 100 * whole_ok / math.max(whole_total, 1)))
if os.getenv("SHOW_MISSES") then
  for _, m in ipairs(misses) do print(m) end
end
