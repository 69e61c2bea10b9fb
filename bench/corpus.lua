-- The benches' corpus: the SaudiNewsNet articles of the shared folder,
-- read once through gzip. Loaded with dofile("bench/corpus.lua").
local corpus = {}

local decode = (function()
  local ok, cjson = pcall(require, "cjson")
  if ok then return cjson.decode end
  return require("khabar.json").decode   -- slower, but no dependency
end)()

--- The path of the news corpus under SHARED, or nil when it is absent.
function corpus.path(shared)
  local path = (shared or "../shared") .. "/data/saudinewsnet/articles.jsonl.gz"
  local f = io.open(path, "rb")
  if not f then return nil end
  f:close()
  return path
end

--- Calls each(article) with the articles {title, text, date, ...} in file
-- order until it returns true. Returns false when the corpus is absent.
function corpus.each(shared, each)
  local path = corpus.path(shared)
  if not path then return false end
  local p = assert(io.popen("gzip -dc '" .. path .. "'"))
  for line in p:lines() do
    local article = decode(line)
    if type(article) == "table" and type(article.text) == "string" and each(article) then break end
  end
  p:close()
  return true
end

--- The sample article (the fallback text when the corpus is absent).
function corpus.sample()
  local f = assert(io.open("spec/fixtures/sample/article.txt", "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

return corpus
