-- khabar.tag: the statistical NER tagger (ANERcorp's BIO tags over whitespace
-- tokens). The sentences are from the sample article (spec/fixtures/sample).
local khabar = require "khabar"

local function words(s)
  local t = {}
  for w in s:gmatch("%S+") do t[#t + 1] = w end
  return t
end

-- Expected tags: O for every token except those listed by position.
local function tags_of(n, entities)
  local t = {}
  for i = 1, n do t[i] = entities[i] or "O" end
  return t
end

local cases = {
  {
    "يأتي ذلك غداة بحث وزير الداخلية الليبي فتحي باشاغا، مع وفد أمني مصري، في العاصمة طرابلس، " ..
    "\"التحديات الأمنية المشتركة وسبل تعزيز التعاون الأمني\".",
    { [8] = "B-PERS", [9] = "I-PERS", [16] = "B-LOC" },
  },
  {
    "رئيس اللجنة المصرية المعنية بالملف الليبي، اللواء أيمن بديع.",
    { [8] = "B-PERS", [9] = "I-PERS" },
  },
  {
    "وتعد مصر من الدول الداعمة لحفتر سياسياً وعسكرياً.",
    { [2] = "B-LOC" },
  },
}

describe("khabar.tag", function()
  for _, case in ipairs(cases) do
    it("tags: " .. case[1]:sub(1, 60), function()
      local tokens = words(case[1])
      assert.same(tags_of(#tokens, case[2]), khabar.tag(tokens))
    end)
  end

  it("tags the sentences of one document, one list of tags per sentence", function()
    local doc, want = {}, {}
    for i, case in ipairs(cases) do
      doc[i] = words(case[1])
      want[i] = tags_of(#doc[i], case[2])
    end
    assert.same(want, khabar.tag(doc))
  end)

  it("returns one tag per token, whatever the token", function()
    local tokens = { "", "\255\254", "abc", "123", "،", "(د", "ب", "أ)" }
    local tags = khabar.tag(tokens)
    assert.equals(#tokens, #tags)
    for _, t in ipairs(tags) do
      assert.matches("^[OBI]", t)
    end
  end)

  it("returns an empty list for empty input", function()
    assert.same({}, khabar.tag({}))
    assert.same({ {} }, khabar.tag({ {} }))
  end)

  it("raises on arguments of the wrong type, naming them", function()
    assert.has_error(function() khabar.tag("محمد") end,
      "bad argument #1 to 'tag' (table expected, got string)")
    assert.has_error(function() khabar.tag() end,
      "bad argument #1 to 'tag' (table expected, got no value)")
    assert.has_error(function() khabar.tag({ "a", 3 }) end,
      "bad argument #1 to 'tag' (token 2 is a number, not a string)")
    assert.has_error(function() khabar.tag({ { "a" }, "b" }) end,
      "bad argument #1 to 'tag' (sentence 2 is a string, not a table)")
    assert.has_error(function() khabar.tag({ { "a", false } }) end,
      "bad argument #1 to 'tag' (token 2 of sentence 1 is a boolean, not a string)")
  end)
end)

describe("khabar tag-conll", function()
  local cli = require "khabar.cli"

  local function run(args, input)
    local out, err = {}, {}
    local function sink(t) return { write = function(_, ...) for _, s in ipairs({ ... }) do t[#t + 1] = s end end } end
    local stdin = { read = function() return input end }
    local code = cli.main(args, stdin, sink(out), sink(err))
    return code, table.concat(out), table.concat(err)
  end

  it("writes TOKEN GOLD PRED lines, O when the input has no gold column", function()
    local code, out = run({ "tag-conll" },
      "وتعد B\nمصر B-LOC\nمن O\n\nاللواء\nأيمن\nبديع\n.\n")
    assert.equals(0, code)
    assert.equals("وتعد B O\nمصر B-LOC B-LOC\nمن O O\n\nاللواء O O\nأيمن O B-PERS\nبديع O I-PERS\n. O O\n\n", out)
  end)

  it("rejects a bad --doc-sentences", function()
    local code, _, err = run({ "tag-conll", "--doc-sentences", "0" }, "")
    assert.equals(1, code)
    assert.matches("doc%-sentences", err)
  end)
end)
