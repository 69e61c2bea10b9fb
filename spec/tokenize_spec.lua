local khabar = require "khabar"

local function fields(tokens, name)
  local out = {}
  for i, t in ipairs(tokens) do out[i] = t[name] end
  return out
end

local function segmented(word)
  local t = khabar.tokenize(word)[1]
  return t.prefix .. "+" .. t.stem .. "+" .. t.suffix
end

describe("khabar.tokenize", function()
  it("gives each token its text, 1-based inclusive span, kind and search form", function()
    local s = "قال الوزيرُ، 3.5 G20"
    local tokens = khabar.tokenize(s)
    assert.same({ "قال", "الوزيرُ", "،", "3.5", "G20" }, fields(tokens, "text"))
    assert.same({ "word", "word", "punct", "number", "latin" }, fields(tokens, "kind"))
    assert.same({ "قال", "الوزير", ",", "3.5", "g20" }, fields(tokens, "norm"))
    for _, t in ipairs(tokens) do assert.equals(t.text, s:sub(t.start, t.stop)) end
  end)

  it("recognises every kind", function()
    local cases = {
      { "5+5", { "number", "symbol", "number" } },
      { "info@example.com", { "email" } },
      { "https://example.com/a?b=1.", { "url", "punct" } },
      { "www.spa.gov.sa", { "url" } },
      { "@khabar_ar", { "mention" } },
      { "#عاصفة_الحزم", { "hashtag" } },
      { "...؟!", { "punct", "punct", "punct" } },
      { "100% $", { "number", "symbol", "symbol" } },
      { "٢٠١٤", { "number" } },
    }
    for _, case in ipairs(cases) do
      assert.same(case[2], fields(khabar.tokenize(case[1]), "kind"), case[1])
    end
  end)

  it("keeps diacritics, tatweel and ZWNJ inside words, and the Arabic comma as punctuation", function()
    local tokens = khabar.tokenize("مُحَمَّد،كتـــاب\226\128\140ها")
    assert.same({ "مُحَمَّد", "،", "كتـــاب\226\128\140ها" }, fields(tokens, "text"))
    assert.same({ "محمد", ",", "كتابها" }, fields(tokens, "norm"))
  end)

  it("splits proclitics and enclitic pronouns", function()
    local cases = {
      { "وليبيا", "و+ليبيا+" }, { "ببيروت", "ب+بيروت+" }, { "لليبيا", "ل+ليبيا+" },
      { "والتعاون", "وال+تعاون+" }, { "للتواصل", "لل+تواصل+" }, { "بالنفط", "بال+نفط+" },
      { "الاستقرار", "ال+استقرار+" }, { "وسيالة", "و+سياله+" }, { "لحفتر", "ل+حفتر+" },
      { "كتابه", "+كتاب+ه" }, { "ويرأسه", "و+يراس+ه" },
    }
    for _, case in ipairs(cases) do assert.equals(case[2], segmented(case[1]), case[1]) end
  end)

  it("keeps names and words that merely begin or end with clitic letters whole", function()
    for _, word in ipairs { "بيروت", "ليبيا", "لبنان", "كامل", "باشاغا", "وزير", "فتحي", "كان", "الله" } do
      assert.equals("+" .. word .. "+", segmented(word), word)
    end
    assert.equals("+هاتفيه+", segmented("هاتفية"))     -- ة is no pronoun
    assert.equals("+المانيا+", segmented("ألمانيا"))   -- أل is no article
  end)

  it("gives the stem's span in the original text, clitics excluded", function()
    local s = "قال وللحكومةِ ولحكومته"
    local tokens = khabar.tokenize(s)
    assert.equals("حكومةِ", s:sub(tokens[2].stem_start, tokens[2].stem_stop))
    assert.equals("حكومت", s:sub(tokens[3].stem_start, tokens[3].stem_stop))
    assert.equals("ه", tokens[3].suffix)
  end)

  it("turns invalid UTF-8 into symbol tokens and loses no byte", function()
    local s = "و\255ليبيا\192\128 ok\226\128"
    local tokens = khabar.tokenize(s)
    -- one symbol per maximal invalid subsequence (Unicode §3.9): C0 and 80 are two
    assert.same({ "word", "symbol", "word", "symbol", "symbol", "latin", "symbol" }, fields(tokens, "kind"))
    assert.same({ "و", "\255", "ليبيا", "\192", "\128", "ok", "\226\128" }, fields(tokens, "text"))
  end)

  it("returns an empty array for blank input", function()
    assert.same({}, khabar.tokenize(""))
    assert.same({}, khabar.tokenize(" \n\t"))
  end)

  it("honours opts.max_bytes", function()
    local tokens, err = khabar.tokenize("وليبيا", { max_bytes = 4 })
    assert.is_nil(tokens)
    assert.equals("input too large", err)
    assert.equals(1, #khabar.tokenize("وليبيا", { max_bytes = 12 }))
  end)

  it("gives opts.columns: one array per field, the same values as the tokens", function()
    local text = "وقال وزير الخارجية، والتعاون: 3.5% من http://x.y/z @حساب كتابهُ \xff"
    local rows = khabar.tokenize(text)
    local columns = khabar.tokenize(text, { columns = true })
    local names = { "text", "start", "stop", "kind", "norm", "prefix", "stem", "suffix",
                    "stem_start", "stem_stop" }
    local count = 0
    for _ in pairs(columns) do count = count + 1 end
    assert.equals(#names, count)
    for _, field in ipairs(names) do
      assert.equals(#rows, #columns[field])
      for i, token in ipairs(rows) do
        assert.equals(token[field], columns[field][i])
      end
    end
    assert.same({ "و", "", "ال", "وال" }, { columns.prefix[1], columns.prefix[2], columns.prefix[3],
                                        columns.prefix[5] })
    assert.same({ "word", "punct", "number" }, { columns.kind[1], columns.kind[4], columns.kind[7] })
    assert.same({}, khabar.tokenize("", { columns = true }).text)
    assert.same(rows, khabar.tokenize(text, { columns = false }))
  end)

  it("raises on bad argument types, naming the argument", function()
    assert.has_error(function() khabar.tokenize("x", { columns = 1 }) end,
      "bad value for tokenize option 'columns' (boolean expected, got number)")
    assert.has_error(function() khabar.sentences("x", { columns = true }) end,
      "unknown sentences option 'columns'")
    assert.has_error(function() khabar.tokenize(nil) end,
      "bad argument #1 to 'tokenize' (string expected, got nil)")
    assert.has_error(function() khabar.tokenize("x", 5) end,
      "bad argument #2 to 'tokenize' (table expected, got number)")
    assert.has_error(function() khabar.tokenize("x", { max_bytes = "a" }) end)
  end)

  it("segments a search-form word on its own", function()
    assert.same({ "وال", "تعاون", "" }, { khabar.segment("والتعاون") })
  end)
end)

describe("bin/khabar tokenize", function()
  local interpreter = (rawget(_G, "jit") and "luajit") or "lua5.4"
  local json_array_of_kinds = '"kind":"word".*"kind":"punct"'

  it("reads standard input and prints JSON", function()
    local p = assert(io.popen("printf 'وليبيا،' | " .. interpreter .. " bin/khabar tokenize"))
    local out = p:read("a")
    p:close()
    assert.matches(json_array_of_kinds, out)
    assert.matches('"prefix":"و"', out)
  end)

  it("reads a file", function()
    local p = assert(io.popen(interpreter .. " bin/khabar tokenize spec/fixtures/sample/article.txt"))
    local out = p:read("a")
    p:close()
    assert.matches('^%[{"kind":"word","norm":"اجري"', out)
  end)
end)
