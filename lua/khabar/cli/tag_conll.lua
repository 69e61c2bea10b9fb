local khabar = require "khabar"
local cli = require "khabar.cli"

-- Sentences per document: the tagger's document features look at the
-- other mentions of a word in the same document; make train groups
-- ANERcorp the same way (tools/ner_train.c -d).
local DOC_SENTENCES = 20

--- Parses "TOKEN [GOLD]" lines into sentences of {token, gold} pairs.
local function read_sentences(text)
  local sentences, current = {}, {}
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    line = line:gsub("\r$", "")
    if line:match("^%s*$") then
      if #current > 0 then sentences[#sentences + 1] = current end
      current = {}
    else
      local token, gold = line:match("^(.-) +(%S+)$")
      if not token or token == "" then token, gold = line, "O" end
      current[#current + 1] = { token, gold }
    end
  end
  if #current > 0 then sentences[#sentences + 1] = current end
  return sentences
end

--- Tags sentences first..last as one document and writes them.
local function tag_document(sentences, first, last, out)
  local doc = {}
  for i = first, last do
    local tokens = {}
    for j, pair in ipairs(sentences[i]) do tokens[j] = pair[1] end
    doc[#doc + 1] = tokens
  end
  local tags, err = khabar.tag(doc)
  if not tags then return nil, err end
  for i = first, last do
    local predicted = tags[i - first + 1]
    for j, pair in ipairs(sentences[i]) do
      out:write(pair[1], " ", pair[2], " ", predicted[j], "\n")
    end
    out:write("\n")
  end
  return true
end

return {
  summary = "tag CoNLL lines (TOKEN [GOLD]) with the statistical NER tagger",
  usage = [[usage: khabar tag-conll [--doc-sentences N] [FILE]

Reads one whitespace token a line, optionally followed by its gold tag (the
last column), with a blank line between sentences (ANERcorp's format), and
writes "TOKEN GOLD PRED" lines for ../shared/tools/score_ner.py. GOLD is O
when the input has none. Runs of N sentences (default 20) are tagged as one
document, as in training.]],
  run = function(args, env)
    local opts, files = cli.parse(args, { ["doc-sentences"] = "value" })
    if not opts then return nil, files end
    if #files > 1 then return nil, "takes at most one FILE" end
    local per_doc = DOC_SENTENCES
    if opts["doc-sentences"] then
      per_doc = tonumber(opts["doc-sentences"])
      if not per_doc or per_doc < 1 or per_doc % 1 ~= 0 then
        return nil, "bad --doc-sentences '" .. opts["doc-sentences"] .. "': expected a positive integer"
      end
    end
    local text, err = cli.read_input(files[1], env.stdin)
    if not text then return nil, err end
    local sentences = read_sentences(text)
    for first = 1, #sentences, per_doc do
      local ok, message = tag_document(sentences, first, math.min(first + per_doc - 1, #sentences), env.stdout)
      if not ok then return nil, message end
    end
    return 0
  end,
}
