-- khabar.normalize: every step and flag, the profiles, the anchors' test
-- vectors (numbers refer to ../shared/research/normalization.md §b), bad
-- input, options, the normalizer object and the offset map.
local khabar = require "khabar"

-- "0627 0644" for readable failures; works without the utf8 library (LuaJIT).
local function codepoints(s)
  local out = {}
  for ch in s:gmatch("[%z\1-\127\192-\255][\128-\191]*") do
    local c = ch:byte(1)
    local value = c < 0x80 and c or c < 0xE0 and c % 0x20 or c < 0xF0 and c % 0x10 or c % 0x08
    for k = 2, #ch do value = value * 64 + ch:byte(k) % 64 end
    out[#out + 1] = string.format("%04X", value)
  end
  return table.concat(out, " ")
end

-- { vector, input, options, expected [, where and why we differ from the anchor] }
local vectors = {
  -- CAMeL Tools
  { 1, "ثابِتُ الدّائِرَةِ هُوَ نِسبَةُ مُحِيطِها لِقُطرِها وَيُعرَفُ بِالثّابِتِ ط",
    { profile = "none", diacritics = true }, "ثابت الدائرة هو نسبة محيطها لقطرها ويعرف بالثابت ط" },
  { 8, "\u{FDF2}", "display", "الله" },
  { 9, "\u{FDFC}", "display", "\u{0631}\u{064A}\u{0627}\u{0644}" },
  { 10, "\u{FDFD}", "display", "بسم الله الرحمن الرحيم" },
  { 11, "\u{FDFA}", "display", "صلى الله عليه وسلم" },
  { 12, "أإآٱ ٲٳ", { profile = "none", alef = true }, "اااا اا",
    "CAMeL's normalize_alef_ar leaves U+0672/U+0673; the issue's step 4 folds them" },
  { 13, "على", { profile = "none", yeh = true }, "علي" },
  { 14, "مدرسة", { profile = "none", teh_marbuta = true }, "مدرسه" },
  { 15, "إلـى المدرسة", "search", "الي المدرسه" },
  { 15, "ٱلكتاب آخر", "search", "الكتاب اخر" },
  { 16, "بِٱلْهُدَىٰ", { yeh = false }, "بالهدى" },
  { 17, "١٢٣ ۴۵", "search", "123 45" },
  { 18, "قال، ثم؛ لماذا؟", "search", "قال, ثم; لماذا?" },
  { 19, "ﻻ ﻷ ﷲ ﷺ", "display", "لا لأ الله صلى الله عليه وسلم",
    "arclean deletes U+FDFA; we expand it to its words (step 1)" },
  { 20, "تجرید یحقق ألقی", "search", "تجريد يحقق القي",
    "arclean maps U+06CC to alef maksura in every position (camel_tools#117); we map it to yeh like Lucene" },
  { 21, "ی ک ۀ ے", "search", "ي ك ه ي", "arclean gives U+0649 for U+06CC (see #20)" },
  { 22, "می\u{200C}خواهم", { zwnj = "space" }, "مي خواهم" },
  { 22, "می\u{200C}خواهم", "search", "ميخواهم", "arclean turns ZWNJ into a space; search removes it" },
  { 22, "می\u{200C}خواهم", "display", "می\u{200C}خواهم", "display keeps ZWNJ (Persian word boundaries)" },
  { 23, "a\u{200F}ب\u{202B}ج\u{2066}د\u{061C}h", "search", "aبجدh",
    "arclean turns RLM and RLE into spaces; we remove every bidi control" },
  { 24, "Привет 你好 😀 café", "search", "привет 你好 😀 café",
    "arclean deletes other scripts; we keep them and case-fold every cased script" },
  { 25, "ٱٲٳٵ", "search", "اااا" },
  { 26, "\u{06DD}\u{06DE} \u{06E9} \u{0610}\u{0615}", "search", "",
    "arclean turns U+06DD, U+06DE, U+06E9 into *; the issue's step 2 removes U+06D6-U+06ED" },
  { 27, "ٱلسَّمَٰوَٰتِ", { profile = "none", diacritics = true }, "ٱلسموت" },
  { 28, "\u{0628}\u{0670}\u{0653}\u{0654}\u{0640}", { profile = "none", diacritics = true }, "\u{0628}\u{0640}",
    "dediac_ar keeps U+0653/U+0654; step 2 covers U+064B-U+065F" },
  -- PyArabic
  { 30, "الْعَرَبِيَّةُ", { profile = "none", diacritics = true }, "العربية" },
  { 34, "العـــــربية", { profile = "none", tatweel = true }, "العربية" },
  { 35, "الشّمسيّة", { profile = "none", diacritics = true }, "الشمسية" },
  { 37, "جاء سؤال الأئمة عن الإسلام آجلا", { profile = "none", alef = true, hamza = true },
    "جاء سوال الايمة عن الاسلام اجلا" },
  { 40, "بِٱلْهُدَىٰ", { profile = "none", alef = true }, "بِالْهُدَىٰ",
    "PyArabic's normalize_alef also turns alef maksura into alef (pyarabic#39); we do not" },
  { 41, "إلى", "search", "الي", "PyArabic gives الا (pyarabic#39)" },
  { 43, "الرّحمٰن", { profile = "none", diacritics = true }, "الرحمن" },
  { 44, "يُنَزِّلُ ٱلْمَلَٰٓئِكَةَ بِٱلرُّوحِ مِنْ أَمْرِهِۦ", { profile = "none", diacritics = true },
    "ينزل ٱلملئكة بٱلروح من أمره", "strip_diacritics keeps U+06E5 (Lm); step 2 removes U+06D6-U+06ED" },
  { 45, "الرحمن\u{0670}", { profile = "none", diacritics = true }, "الرحمن" },
  { 46, "\u{FEFB}\u{FEF7}\u{FEF9}\u{FEF5}\u{FEFC}", "display", "لالألإلآلا",
    "normalize_ligature drops hamza and madda and skips final forms; we keep them" },
  { 47, "أستشتري دمـــى آلية لأبنائك قبل الإغلاق", "search", "استشتري دمي اليه لابنائك قبل الاغلاق",
    "PyArabic returns دما and ء for ئ; ours matches its docstring except that ئ is kept (hamza flag off)" },
  { 48, "اشترت سلمى دمية وحلوى", "search", "اشترت سلمي دميه وحلوي" },
  { 50, "۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ 123456789 نص", "search", "0123456789 0123456789 123456789 نص" },
  -- Lucene
  { 63, "آجن", "search", "اجن" },
  { 64, "أحمد", "search", "احمد" },
  { 65, "إعاذ", "search", "اعاذ" },
  { 66, "بنى", "search", "بني" },
  { 67, "فاطمة", "search", "فاطمه" },
  { 68, "روبرـــــت", "search", "روبرت" },
  { 69, "مَبنا علِي بُوات", "search", "مبنا علي بوات" },
  { 70, "ولداً ولدٍ ولدٌ", "search", "ولدا ولد ولد" },
  { 71, "نلْسون هتميّ", "search", "نلسون هتمي" },
  { 72, "های", "search", "هاي" },
  { 73, "هاے", "search", "هاي" },
  { 74, "کشاندن", "search", "كشاندن" },
  { 75, "كتابۀ كتابهٔ زادہ", "search", "كتابه كتابه زاده" },
  { 76, "this is a\u{200C}test", { zwnj = "space" }, "this is a test" },
  { 77, "١٢٣٤", "search", "1234" },
  { 80, "ﴳﴺﰧ", "search", "طمطمطم" },
  -- Snowball (its normalization, not its stemming)
  { 82, "ﻣﺤﻤﺪ", "search", "محمد" },
  { 83, "١٢٣٤ ۱۲۳", "search", "1234 123", "Snowball leaves U+06F0-U+06F9; step 9 folds them" },
  { 84, "ﻷ", "display", "لأ", "Snowball then turns the final أ into ء (a stemming rule)" },
  { 85, "أحمد إبراهيم آمال", "search", "احمد ابراهيم امال" },
  { 86, "مسؤول رئيس", { hamza = true }, "مسوول رييس" },
  { 86, "قرأ", "search", "قرا", "Snowball's Normalize_post turns a final أ into ء" },
  { 87, "ٱلكتاب", "search", "الكتاب", "Snowball does not handle alef wasla" },
  { 88, "كَتَبَ", "search", "كتب" },
  -- ANLTK
  { 90, "وَلَا أَنتُمْ عَابِدُونَ مَا أَعْبُدُ", { profile = "none", diacritics = true }, "ولا أنتم عابدون ما أعبد" },
  { 91, "الرَّحْمَٰنِ الرَّحِيمِ", { profile = "none", diacritics = true }, "الرحمن الرحيم" },
  { 93, " يآ إمام اللؤلؤ المتلألئ في المساء", { profile = "none", alef = true },
    " يا امام اللؤلؤ المتلالئ في المساء" },
  { 94, "الحديقة! الجديدةُ كانت مشرقة إشراقةً تهيم على الشفاه", { profile = "none", teh_marbuta = true },
    "الحديقه! الجديدهُ كانت مشرقه إشراقهً تهيم على الشفاه" },
  { 96, " سـماء زرقــاء", { profile = "none", tatweel = true }, " سماء زرقاء" },
  { 100, "قال،  ثم", "display", "قال، ثم",
    "ANLTK's fold_white_spaces turns ، into a space (isspace on a truncated code point)" },
  { 101, "ab\xff\xfec", "search", "ab\u{FFFD}\u{FFFD}c", "ANLTK throws; we repair each maximal invalid subsequence" },
  -- ICU
  { 102, "\u{FEFB}\u{FEF5}\u{FEF6}", "display", "\u{0644}\u{0627}\u{0644}\u{0622}\u{0644}\u{0622}" },
  { 103, "\u{FE70} \u{FE71} \u{FC5E} \u{FC63}", "display", "\u{064B} \u{064B} \u{064C}\u{0651} \u{0651}\u{0670}",
    "NFKC puts U+0020 or U+0640 before the mark; we give the bare mark" },
  { 104, "\u{FDFB}", "display", "جل جلاله" },
  { 105, "\u{FB50} \u{FBFC} \u{FB8E} \u{FBAA}", "display", "\u{0671} \u{06CC} \u{06A9} \u{06BE}" },
  { 106, "\u{0627}\u{0654} \u{0627}\u{0655} \u{0627}\u{0653} \u{0648}\u{0654} \u{064A}\u{0654} \u{06D5}\u{0654}",
    "display", "أ إ آ ؤ ئ ۀ", "the NFD forms of #106 compose back (step 1)" },
  { 107, "أحمد إبراهيم آمال مؤتمر رئيس الشَّمْسُ", { hamza = true }, "احمد ابراهيم امال موتمر رييس الشمس" },
  { 108, "ب\u{200C}ب\u{061C}\u{200F}\u{202B}\u{2066}\u{FEFF}\u{0640}\u{00AD}ب",
    { profile = "none", invisible = true, zwnj = "remove" }, "ببـب" },
  { 109, "١٢٣", "search", "123", "NFKC_Casefold does not fold digits; step 9 does" },
  { 116, "ﻣﺤﻤﺪ ﻻ ﻷ ﷲ ﭐ ﮪ ﯼ ﹰ", "display", "محمد لا لأ الله ٱ ھ ی ً",
    "u_shapeArabic leaves U+FDF2; we expand it" },
  { 118, "١٢٣ ۱۲۳", "search", "123 123", "u_shapeArabic folds one digit set per call" },
}

describe("khabar.normalize on the anchors' vectors", function()
  for i, v in ipairs(vectors) do
    local id, input, opts, expected, differs = v[1], v[2], v[3], v[4], v[5]
    local title = string.format("#%d (%d)%s", id, i, differs and (": " .. differs) or "")
    it(title, function()
      local got = assert(khabar.normalize(input, opts))
      assert.are.equal(codepoints(expected), codepoints(got))
    end)
  end
  it("covers at least 60 distinct vectors", function()
    local seen, count = {}, 0
    for _, v in ipairs(vectors) do
      if not seen[v[1]] then seen[v[1]], count = true, count + 1 end
    end
    assert.is_true(count >= 60, "only " .. count)
  end)
end)

-- Each step alone (profile none) and switched off in search.
local steps = {
  { "compose", "\u{0627}\u{0654}\u{FE8D}\u{FEF7}\u{FE70}", "أا\u{0644}\u{0623}\u{064B}" },
  { "diacritics", "كَتَبَ\u{0670}\u{0610}\u{06ED}\u{065F}", "كتب" },
  { "tatweel", "كـــتب", "كتب" },
  { "alef", "آ أ إ ٱ ٲ ٳ ٵ", "ا ا ا ا ا ا ا" },
  { "yeh", "ى", "ي" },
  { "teh_marbuta", "ة ۀ ہ ھ ە", "ه ه ه ه ه" },
  { "persian", "ی ے ک گ پ چ ژ ڤ", "ي ي ك ك ب ج ز ف" },
  { "hamza", "ؤ ئ", "و ي" },
  { "digits", "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ٫٬٪", "0123456789 0123456789 .,%" },
  { "punctuation", "، ؛ ؟ «»", ", ; ? \"\"" },
  { "invisible", "a\u{200D}\u{200E}\u{200F}\u{061C}\u{202A}\u{202E}\u{2066}\u{2069}\u{FEFF}\u{00AD}b", "ab" },
  { "space", "  a\u{00A0}\u{2003}\u{3000}\t\n b  ", "a b" },
  { "case", "ÀBC Straße ǅ ΣΑΣ", "àbc strasse ǆ σασ" },
}

describe("each step", function()
  for _, s in ipairs(steps) do
    local flag, input, expected = s[1], s[2], s[3]
    it(flag .. " alone", function()
      assert.are.equal(codepoints(expected), codepoints(khabar.normalize(input, { profile = "none", [flag] = true })))
    end)
    it(flag .. " off leaves its characters", function()
      local none = khabar.normalize(input, { profile = "none" })
      assert.are.equal(input, none)
      local off = khabar.normalize(input, { [flag] = false })
      local on = khabar.normalize(input, { [flag] = true })
      assert.are_not.equal(off, on)
    end)
  end

  it("hamza is off by default", function()
    assert.are.equal("مؤتمر رئيس", khabar.normalize("مؤتمر رئيس"))
  end)

  it("zwnj: remove, space or keep", function()
    local s = "می\u{200C}خواهم"
    assert.are.equal("ميخواهم", khabar.normalize(s, { zwnj = "remove" }))
    assert.are.equal("مي خواهم", khabar.normalize(s, { zwnj = "space" }))
    assert.are.equal("مي\u{200C}خواهم", khabar.normalize(s, { zwnj = "keep" }))
  end)

  it("folds presentation forms then applies the later steps", function()
    assert.are.equal("لا", khabar.normalize("\u{FEF7}"))
    assert.are.equal("صلي الله عليه وسلم", khabar.normalize("\u{FDFA}"))
    assert.are.equal("ي", khabar.normalize("\u{FBFC}"))
  end)

  it("composes Latin and reorders marks canonically", function()
    assert.are.equal("\u{00E9}", khabar.normalize("e\u{0301}", "display"))
    assert.are.equal("\u{0628}\u{064F}\u{0651}", khabar.normalize("\u{0628}\u{0651}\u{064F}", "display"))
  end)
end)

describe("profiles", function()
  it("search is the default", function()
    local s = " أَحْمَدُ  ـ ١٢ « ABC » "
    assert.are.equal(khabar.normalize(s, "search"), khabar.normalize(s))
    assert.are.equal(khabar.normalize(s, "search"), khabar.normalize(s, {}))
    assert.are.equal("احمد 12 \" abc \"", khabar.normalize(s))
  end)

  it("display composes, removes invisibles but ZWNJ, normalizes spaces, keeps the rest", function()
    local s = "  \u{FEF7}  أَحْمَدُ\u{200F}\u{200C}ـ ١٢ ABC\u{00A0}ة "
    assert.are.equal("لأ أَحْمَدُ\u{200C}ـ ١٢ ABC ة", khabar.normalize(s, "display"))
  end)

  it("none changes nothing", function()
    local s = "  \u{FEF7} أَحْمَدُ\u{200F} ABC\r\n"
    assert.are.equal(s, khabar.normalize(s, "none"))
  end)
end)

describe("input edge cases", function()
  it("empty string", function()
    assert.are.equal("", khabar.normalize(""))
    local out, map = khabar.normalize("", { map = true })
    assert.are.equal("", out)
    assert.are.equal(0, #map)
  end)

  it("only spaces and removed characters", function()
    assert.are.equal("", khabar.normalize("  \t\u{200F} \u{064E} "))
  end)

  it("NUL bytes are ordinary characters", function()
    assert.are.equal("a\0b \0", khabar.normalize("A\0B \0"))
    local out, map = khabar.normalize("\0X", { map = true })
    assert.are.equal("\0x", out)
    assert.are.same({ 2, 2 }, { map:origin(2) })
  end)

  it("invalid UTF-8 is repaired, each maximal subsequence to U+FFFD", function()
    assert.are.equal("a\u{FFFD}b", khabar.normalize("a\xE2\x82b"))
    assert.are.equal("a\u{FFFD}\u{FFFD}b", khabar.normalize("a\xC0\xAFb"))
    assert.are.equal("\u{FFFD}", khabar.normalize("\xF4\x8F"))
    assert.are.equal("\u{FFFD}\u{FFFD}", khabar.normalize("\xF4\x90"))
  end)

  it("the map points at the bad bytes", function()
    local out, map = khabar.normalize("ab\xE2\x82cd", { map = true })
    assert.are.equal("ab\u{FFFD}cd", out)
    assert.are.same({ 3, 4 }, { map:origin(3, 5) })
  end)

  it("invalid = error returns nil and the byte", function()
    local out, err = khabar.normalize("ab\xFFc", { invalid = "error" })
    assert.is_nil(out)
    assert.are.equal("invalid UTF-8 at byte 3", err)
    out, err = khabar.normalize("أحمد\xE2\x82", { invalid = "error" })
    assert.is_nil(out)
    assert.are.equal("invalid UTF-8 at byte 9", err)
  end)

  it("invalid = drop removes the bad bytes", function()
    assert.are.equal("abc", khabar.normalize("a\xFFb\xE2\x82c", { invalid = "drop" }))
  end)

  it("long input keeps the same result as short pieces", function()
    local piece = "  أَحْمَدُ ذهب إلى المدرسة،\u{200C} و ABC ١٢٣  "
    local whole = khabar.normalize(piece:rep(2000))
    local one = khabar.normalize(piece)
    assert.are.equal((one .. " "):rep(2000):sub(1, -2), whole)
  end)
end)

describe("options", function()
  it("rejects non-string text", function()
    assert.has_error(function() khabar.normalize(nil) end)
    assert.has_error(function() khabar.normalize(42) end)
    assert.has_error(function() khabar.normalize({}) end)
    local ok, err = pcall(khabar.normalize, 42)
    assert.is_false(ok)
    assert.matches("string expected, got number", err)
  end)

  it("rejects unknown names and bad values, naming them", function()
    local cases = {
      { { colour = true }, "unknown normalize option 'colour'" },
      { { alef = "yes" }, "bad value for normalize option 'alef'" },
      { { zwnj = "maybe" }, "bad value for normalize option 'zwnj'" },
      { { invalid = "ignore" }, "bad value for normalize option 'invalid'" },
      { { max_bytes = -1 }, "bad value for normalize option 'max_bytes'" },
      { { map = 1 }, "bad value for normalize option 'map'" },
      { { profile = "loud" }, "unknown normalize profile 'loud'" },
      { "loud", "unknown normalize profile 'loud'" },
      { 12, "table, profile name or nil expected" },
    }
    for _, c in ipairs(cases) do
      local ok, err = pcall(khabar.normalize, "x", c[1])
      assert.is_false(ok)
      assert.matches(c[2], err, 1, true)
      ok, err = pcall(khabar.normalizer, c[1])
      assert.is_false(ok)
      assert.matches(c[2]:gsub("'", "'"), err, 1, true)
    end
  end)

  it("max_bytes", function()
    assert.are.equal("abc", khabar.normalize("abc", { max_bytes = 3 }))
    local out, err = khabar.normalize("abcd", { max_bytes = 3 })
    assert.is_nil(out)
    assert.are.equal("input too large", err)
    out, err = khabar.normalizer({ max_bytes = 0 }):normalize("a")
    assert.is_nil(out)
    assert.are.equal("input too large", err)
  end)
end)

describe("khabar.normalizer", function()
  it("gives the same results as khabar.normalize", function()
    local opts = { profile = "display", diacritics = true, zwnj = "space" }
    local n = khabar.normalizer(opts)
    for _, v in ipairs(vectors) do
      assert.are.equal(khabar.normalize(v[2], opts), n:normalize(v[2]))
    end
  end)

  it("accepts a profile name and reports its options", function()
    local o = khabar.normalizer("display"):options()
    assert.is_true(o.compose)
    assert.is_false(o.alef)
    assert.are.equal("keep", o.zwnj)
    assert.are.equal("repair", o.invalid)
    assert.is_false(o.map)
  end)

  it("returns a map when compiled with map = true", function()
    local out, map = khabar.normalizer({ map = true }):normalize("ABC")
    assert.are.equal("abc", out)
    assert.are.same({ 2, 3 }, { map:origin(2, 3) })
  end)

  it("rejects non-string text", function()
    local n = khabar.normalizer()
    assert.has_error(function() n:normalize(7) end)
  end)
end)

describe("the offset map", function()
  it("maps output bytes to their source span", function()
    local s = "  أَحْمَدُ  ـ ﷺ x"
    local out, map = khabar.normalize(s, { map = true })
    assert.are.equal("احمد صلي الله عليه وسلم x", out)
    assert.are.equal(#out, #map)
    assert.are.same({ 3, 6 }, { map:origin(1, 2) })          -- ا from أَ
    assert.are.same({ 3, 18 }, { map:origin(1, 8) })         -- احمد from أَحْمَدُ
    assert.are.same({ 19, 23 }, { map:origin(9) })           -- the space run and the tatweel
    assert.are.same({ 24, 26 }, { map:origin(10, 20) })      -- inside ﷺ
    local i = out:find("x", 1, true)
    assert.are.same({ 28, 28 }, { map:origin(i) })
  end)

  it("highlights a match found in the normalized text", function()
    local s = "قال الرئيس «مُحَمَّد» إنّ المدرسة ستفتح"
    local out, map = khabar.normalize(s, { map = true })
    local i, j = out:find("محمد", 1, true)
    local a, b = map:origin(i, j)
    assert.are.equal("مُحَمَّد", s:sub(a, b))
    i, j = out:find("المدرسه", 1, true)
    a, b = map:origin(i, j)
    assert.are.equal("المدرسة", s:sub(a, b))
  end)

  it("checks its arguments and closes", function()
    local _, map = khabar.normalize("abc", { map = true })
    assert.has_error(function() map:origin(0) end)
    assert.has_error(function() map:origin(4) end)
    assert.has_error(function() map:origin(2, 1) end)
    map:close()
    map:close()
    assert.are.equal(0, #map)
  end)

  -- Text made of pieces whose normalization is known and context-free: a
  -- piece yields `out`, and removed pieces belong to the output before them.
  local pieces = {
    { "أ", "ا" }, { "ب", "ب" }, { "ة", "ه" }, { "َ", "" }, { "ـ", "" }, { "A", "a" },
    { "ß", "ss" }, { "ﻷ", "لا" }, { "ﷺ", "صلي الله عليه وسلم" }, { "٣", "3" },
    { "\u{200F}", "" }, { "ا\u{0654}", "ا" }, { "،", "," }, { "\xFF", "\u{FFFD}" },
    { "ی", "ي" }, { "x", "x" }, { "\u{00AD}", "" },
  }

  -- Builds a random text of words separated by space runs; returns the
  -- text, the expected output and, for each output byte, its source span.
  local function random_case(rand)
    local src, out, spans = {}, {}, {}
    local pos, outlen = 0, 0
    local function add(piece, result)
      src[#src + 1] = piece
      local from, to = pos + 1, pos + #piece
      pos = to
      if result == "" then
        if outlen > 0 then
          -- extend the last output character (all its bytes) to cover it
          local k = outlen
          while k > 1 and out[k]:byte() >= 0x80 and out[k]:byte() < 0xC0 do k = k - 1 end
          for m = k, outlen do spans[m][2] = to end
        end
        return
      end
      for b = 1, #result do
        outlen = outlen + 1
        out[outlen] = result:sub(b, b)
        spans[outlen] = { from, to }
      end
    end
    local words = rand(1, 8)
    for w = 1, words do
      for k = 1, rand(1, 6) do
        local p = pieces[rand(1, #pieces)]
        while k == 1 and p[2] == "" do p = pieces[rand(1, #pieces)] end
        add(p[1], p[2])
      end
      if w < words then
        local run = ({ " ", "  ", " \t", "\u{00A0}" })[rand(1, 4)]
        add(run, " ")
      end
    end
    return table.concat(src), table.concat(out), spans
  end

  it("property: map:origin covers exactly the source of random output spans", function()
    local seed = 42
    local function rand(a, b)
      seed = (seed * 1103515245 + 12345) % 2147483648
      return a + seed % (b - a + 1)
    end
    for _ = 1, 300 do
      local src, expected, spans = random_case(rand)
      local out, map = khabar.normalize(src, { map = true })
      assert.are.equal(expected, out)
      assert.are.equal(#out, #map)
      for _ = 1, 10 do
        if #out > 0 then
          local i = rand(1, #out)
          local j = rand(i, #out)
          local a, b = map:origin(i, j)
          assert.are.same({ spans[i][1], spans[j][2] }, { a, b })
        end
      end
    end
  end)
end)

-- The CLI, run as a user would under the interpreter running the specs.
local run_cli = require("spec.support").run_cli

describe("bin/khabar normalize and transliterate", function()
  it("normalizes standard input, one result per line", function()
    local out, rc = run_cli("normalize", "أَحْمَدُ  ذهب\n\nABC ١٢٣\n")
    assert.are.equal(0, rc)
    assert.are.equal("احمد ذهب\n\nabc 123\n", out)
  end)

  it("normalizes a file with a profile and flags", function()
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    f:write("أَحْمَدُ  ذهب\u{200C}\n")
    f:close()
    local out, rc = run_cli("normalize --profile display --on diacritics --zwnj space " .. path)
    os.remove(path)
    assert.are.equal(0, rc)
    assert.are.equal("أحمد ذهب\n", out)
  end)

  it("prints the map as JSON lines", function()
    local out, rc = run_cli("normalize --map", "Aَ b\n")
    assert.are.equal(0, rc)
    assert.are.equal('{"map":[[1,3],[4,4],[5,5]],"text":"a b"}\n', out)
  end)

  it("reports bad options and bad input", function()
    local _, rc, err = run_cli("normalize --on bogus", "x\n")
    assert.are.equal(1, rc)
    assert.matches("unknown normalize option 'bogus'", err, 1, true)
    _, rc, err = run_cli("normalize --invalid error", "ok\na\255b\n")
    assert.are.equal(1, rc)
    assert.matches("line 2: invalid UTF-8 at byte 2", err, 1, true)
    _, rc, err = run_cli("normalize /nonexistent/file")
    assert.are.equal(1, rc)
    assert.matches("nonexistent", err, 1, true)
  end)

  it("transliterates standard input both ways, and to Latin", function()
    local out, rc = run_cli("transliterate", "أَحْمَدُ\n")
    assert.are.equal(0, rc)
    assert.are.equal(">aHomadu\n", out)
    out, rc = run_cli("transliterate --scheme safe-buckwalter --reverse", "OaHomadu\n")
    assert.are.equal(0, rc)
    assert.are.equal("أَحْمَدُ\n", out)
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    f:write("ثخذ\nضظغ\n")
    f:close()
    out, rc = run_cli("transliterate --scheme buckwalter " .. path)
    os.remove(path)
    assert.are.equal(0, rc)
    assert.are.equal("vx*\nDZg\n", out)
    out, rc = run_cli("transliterate --scheme latin", "محمد\n")
    assert.are.equal(0, rc)
    assert.are.equal("mḥmd\n", out)
    local _, code, err = run_cli("transliterate --scheme morse", "x")
    assert.are.equal(1, code)
    assert.matches("unknown scheme 'morse'", err, 1, true)
  end)
end)
