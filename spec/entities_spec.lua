-- The entity layer on the sample article (spec/fixtures/sample): every entity
-- of expected.json, field by field, and the coreference chains.
local khabar = require "khabar"
local json_decode = require("khabar.json").decode

local read = require("spec.support").read

-- The fold of the entity layer's norm field, for expected strings.
local function fold(s)
  for _, pair in ipairs({ { "أ", "ا" }, { "إ", "ا" }, { "آ", "ا" }, { "ٱ", "ا" }, { "ى", "ي" },
                         { "ة", "ه" } }) do
    s = s:gsub(pair[1], pair[2])
  end
  return s
end

local article = read("spec/fixtures/sample/article.txt")
local expected = json_decode(read("spec/fixtures/sample/expected.json"))
local entities = assert(khabar.entities(article, { date = expected.reference_date }))

-- The entity of a type whose text is `text` (or whose norm is its fold, for
-- للخارجية الليبية where the article's alef is not written).
local function find(type, text)
  for _, e in ipairs(entities) do
    if e.type == type and (e.text == text or e.norm == fold(text)) then return e end
  end
end

local function find_any(text)
  for _, e in ipairs(entities) do
    if e.text == text then return e end
  end
end

describe("khabar.entities on the sample article", function()
  it("returns entities in text order with valid spans", function()
    local last = 0
    for _, e in ipairs(entities) do
      assert.is_true(e.start >= last)
      last = e.start
      assert.are.equal(e.text, article:sub(e.start, e.stop))
      assert.is_number(e.id)
      assert.is_string(e.canonical)
      assert.is_true(e.confidence > 0 and e.confidence <= 1)
    end
  end)

  for type, list in pairs(expected.entities) do
    for _, x in ipairs(list) do
      it(string.format("finds %s %s", type, x.text), function()
        local e = find(type, x.text)
        assert.is_table(e, type .. " " .. x.text .. " not found")
        assert.are.equal(x.country, e.country)
        if x.title then assert.are.equal(x.title, e.title) end
        if x.value then assert.are.equal(x.value, e.value) end
        for _, also in ipairs(x.also or {}) do
          local m = find(type, also)
          assert.is_table(m, "mention " .. also .. " not found")
          assert.are.equal(e.id, m.id)
          assert.are.equal(x.text, m.canonical)
          assert.are.equal(x.country, m.country)
        end
      end)
    end
  end

  for _, chain in ipairs(expected.coreference) do
    it("links " .. table.concat(chain, " = "), function()
      local first = find_any(chain[1])
      assert.is_table(first, chain[1])
      for i = 2, #chain do
        local other = find_any(chain[i])
        assert.is_table(other, chain[i])
        assert.are.equal(first.id, other.id)
      end
    end)
  end

  it("gives titles the sector of the office", function()
    assert.are.equal("SPY", find("TITLE", "رئيس المخابرات الليبية").sector)
    assert.are.equal("COP", find("TITLE", "وزير الداخلية الليبي").sector)
    assert.are.equal("MIL", find("TITLE", "المشير").sector)
    assert.are.equal("GOV", find("TITLE", "نظيره المصري").sector)
  end)

  it("excludes proclitics from spans", function()
    for _, e in ipairs(entities) do
      if e.type == "PERS" and e.norm == "سياله" then assert.are.equal("سيالة", e.text) end
    end
    assert.is_table(find("DATE", "الأسبوع الماضي"))
    assert.is_table(find("ORG", "البرلمان الليبي"))
  end)
end)

describe("khabar.entities arguments", function()
  it("raises on wrong argument types", function()
    assert.has_error(function() khabar.entities(42) end)
    assert.has_error(function() khabar.entities("x", "2020-12-28") end)
    assert.has_error(function() khabar.entities("x", { date = 20201228 }) end)
    assert.has_error(function() khabar.entities("x", { max_bytes = "10" }) end)
    assert.has_error(function() khabar.entities("x", { max_bytes = -1 }) end)
    assert.has_error(function() khabar.entities("x", { max_bytes = 1.5 }) end)
    assert.has_error(function() khabar.entities("x", { dates = "2020-12-28" }) end,
      "bad argument #2 to 'entities' (unknown entities option 'dates')")
  end)

  it("returns nil, message for a bad date", function()
    local r, err = khabar.entities("الأحد", { date = "2020-13-01" })
    assert.is_nil(r)
    assert.matches("^bad date", err)
    r, err = khabar.entities("الأحد", { date = "28/12/2020" })
    assert.is_nil(r)
    assert.matches("^bad date", err)
  end)

  it("honours max_bytes", function()
    local r, err = khabar.entities(article, { max_bytes = 100 })
    assert.is_nil(r)
    assert.are.equal("input too large", err)
    assert.is_table(khabar.entities("مصر", { max_bytes = 100 }))
  end)

  it("returns an empty list for empty or entity-free input", function()
    assert.are.same({}, khabar.entities(""))
    assert.are.same({}, khabar.entities("   ...  "))
  end)

  it("leaves dates without a value when no date is given", function()
    local r = khabar.entities("وصل الوفد الأحد")
    assert.are.equal("DATE", r[#r].type)
    assert.is_nil(r[#r].value)
  end)
end)

describe("khabar entities (CLI)", function()
  local command = require "khabar.cli.entities"

  local function run(args, input)
    local out = {}
    local env = {
      stdin = { read = function() return input end },
      stdout = { write = function(_, ...) for _, v in ipairs({ ... }) do out[#out + 1] = v end end },
    }
    local code, message = command.run(args, env)
    return code, table.concat(out), message
  end

  it("prints one entity a line with its fields", function()
    local code, out = run({ "--date", "2020-12-28" }, "وصل الوفد المصري إلى طرابلس الأحد.")
    assert.are.equal(0, code)
    assert.matches("ORG\tالوفد المصري\t#%d+\tcountry=EGY", out)
    assert.matches("DATE\tالأحد\t#%d+\tvalue=2020%-12%-27", out)
  end)

  it("prints JSON with --json", function()
    local code, out = run({ "--json" }, "مصر")
    assert.are.equal(0, code)
    assert.matches('^%[{.*"type":"LOC".*}%]', out)
  end)

  it("rejects a bad --date", function()
    local code, _, message = run({ "--date", "2020-14-01" }, "مصر")
    assert.is_nil(code)
    assert.matches("bad %-%-date", message)
  end)
end)
