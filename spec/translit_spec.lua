-- khabar.transliterate: the Buckwalter family (CAMeL Tools' charmaps, both
-- directions) and ICU's Arabic-Latin. Vector numbers refer to
-- ../shared/research/normalization.md §b.
local khabar = require "khabar"

local abjad = "أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ"

-- { vector, input, scheme, expected }
local vectors = {
  { 3, "وَاخْرٍ الكلمات العربية في حال تركيبها: من الإعراب", "buckwalter",
    "waAxorK AlklmAt AlErbyp fy HAl trkybhA: mn Al<ErAb" },
  { 4, abjad, "buckwalter", ">bjd hwz HTy klmn sEfS qr$t vx* DZg" },
  { 5, abjad, "safe-buckwalter", "Objd hwz HTy klmn sEfS qrct vxV DZg" },
  { 0, abjad, "xml-buckwalter", "Objd hwz HTy klmn sEfS qr$t vx* DZg" },
  { 7, "بِٱلْهُدَىٰ", "buckwalter", "bi{lohudaY`" },
  { 0, "ءآأؤإئ ذش ٰ ٱ ڤ", "safe-buckwalter", "CMOWIQ Vc e L B" },
  { 0, "ءآأؤإئ", "xml-buckwalter", "'|OWI}" },
  { 0, "پ چ ڤ گ ـ", "buckwalter", "P J V G _" },
  { 110, "أحمد محمد الشَّمْس في القاهرة ٢٠٢٤", "latin", "ạ̉ḥmd mḥmd ạlsẖãm̊s fy ạlqạhrẗ 2024" },
  { 112, "، ؟ ؛ ٫ ٬ ٪ ۱۲۳ ی ک ـ", "latin", ", ? ; ,̱ .̱ % 1̱2̱3̱ y̰ ḵ " },
  { 113, "ٱلكتاب الرحمٰن", "latin", "ٱlktạb ạlrḥmٰn" },
}

describe("khabar.transliterate", function()
  for _, v in ipairs(vectors) do
    it(string.format("%s #%d", v[3], v[1]), function()
      assert.are.equal(v[4], khabar.transliterate(v[2], v[3]))
    end)
  end

  it("reverses the Buckwalter family", function()
    for _, v in ipairs(vectors) do
      if v[3] ~= "latin" then
        assert.are.equal(v[2], khabar.transliterate(v[4], v[3], { reverse = true }))
      end
    end
  end)

  it("round-trips every Arabic letter and mark of the tables", function()
    local letters = {}
    local function add(from, to)
      for cp = from, to do
        letters[#letters + 1] = cp < 0x800 and string.char(0xC0 + math.floor(cp / 64), 0x80 + cp % 64)
      end
    end
    add(0x0621, 0x063A)
    add(0x0640, 0x0652)
    add(0x0670, 0x0671)
    add(0x067E, 0x067E)
    add(0x0686, 0x0686)
    add(0x06A4, 0x06A4)
    add(0x06AF, 0x06AF)
    local arabic = table.concat(letters)
    for _, scheme in ipairs { "buckwalter", "safe-buckwalter", "xml-buckwalter" } do
      local ascii = khabar.transliterate(arabic, scheme)
      assert.are.equal(#letters, #ascii)
      assert.is_nil(ascii:find("[\128-\255]"))
      assert.are.equal(arabic, khabar.transliterate(ascii, scheme, { reverse = true }))
    end
  end)

  it("dediacritizes Buckwalter through a round trip (#2)", function()
    local bw = "vAbitu Ald~A}irapi huwa nisbapu muHiyTihA liquTrihA wayuErafu biAlv~Abiti T"
    local arabic = khabar.transliterate(bw, "buckwalter", { reverse = true })
    local plain = khabar.normalize(arabic, { profile = "none", diacritics = true })
    assert.are.equal("vAbt AldA}rp hw nsbp mHyThA lqTrhA wyErf bAlvAbt T",
      khabar.transliterate(plain, "buckwalter"))
  end)

  it("passes other characters through, and empty input", function()
    assert.are.equal("abc 123 ، U", khabar.transliterate("abc 123 ، U", "buckwalter"))
    assert.are.equal("", khabar.transliterate("", "buckwalter"))
    assert.are.equal("", khabar.transliterate("", "latin"))
    assert.are.equal("b\0t", khabar.transliterate("ب\0ت", "buckwalter"))
  end)

  it("handles invalid UTF-8 like normalize", function()
    assert.are.equal("b\u{FFFD}t", khabar.transliterate("ب\xFFت", "buckwalter"))
    assert.are.equal("bt", khabar.transliterate("ب\xFFت", "buckwalter", { invalid = "drop" }))
    local out, err = khabar.transliterate("ب\xFFت", "buckwalter", { invalid = "error" })
    assert.is_nil(out)
    assert.are.equal("invalid UTF-8 at byte 3", err)
  end)

  it("honours max_bytes", function()
    local out, err = khabar.transliterate("بت", "buckwalter", { max_bytes = 3 })
    assert.is_nil(out)
    assert.are.equal("input too large", err)
    out, err = khabar.transliterate("بت", "latin", { max_bytes = 3 })
    assert.is_nil(out)
    assert.are.equal("input too large", err)
    assert.are.equal("bt", khabar.transliterate("بت", "buckwalter", { max_bytes = 4 }))
  end)

  it("rejects bad arguments, naming them", function()
    local cases = {
      { { "x", "morse" }, "unknown scheme 'morse'" },
      { { "x", "buckwalter", { backwards = true } }, "unknown transliterate option 'backwards'" },
      { { "x", "buckwalter", { reverse = "yes" } }, "bad value for transliterate option 'reverse'" },
      { { "x", "latin", { reverse = true } }, "bad value for transliterate option 'reverse'" },
      { { 5, "buckwalter" }, "string expected, got number" },
      { { "x" }, "bad argument #2" },
    }
    for _, c in ipairs(cases) do
      local ok, err = pcall(khabar.transliterate, c[1][1], c[1][2], c[1][3])
      assert.is_false(ok)
      assert.matches(c[2], err, 1, true)
    end
  end)
end)
