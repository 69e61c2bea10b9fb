local khabar = require "khabar"

local function sentences(s)
  local out = {}
  for i, span in ipairs(khabar.sentences(s)) do out[i] = s:sub(span.start, span.stop) end
  return out
end

local read = require("spec.support").read

describe("khabar.sentences", function()
  it("splits the sample article into its 13 sentences", function()
    local s = read("spec/fixtures/sample/article.txt")
    local got = sentences(s)
    assert.equals(13, #got)
    assert.matches("^أجرى وزير خارجية ليبيا .* بين البلدين%.$", got[1])
    assert.matches("^وأوضح بيان مقتضب .*لدعم الاستقرار\"%.$", got[2])
    assert.matches("^زيارات متكررة والأسبوع الماضي، .*للأنباء%.$", got[9])
    assert.matches("^وتعاني ليبيا، .* هائل%.$", got[13])
  end)

  it("splits on . ! ? ؟ … and line breaks, and not elsewhere", function()
    local cases = {
      { "قال. ثم ذهب! هل جاء؟ نعم", { "قال.", "ثم ذهب!", "هل جاء؟", "نعم" } },
      { "انتظر… ثم تكلم", { "انتظر…", "ثم تكلم" } },
      { "عنوان\n\nنص أول. نص ثان", { "عنوان", "نص أول.", "نص ثان" } },
      { "بلغ النمو 3.5 بالمئة. وانتهى", { "بلغ النمو 3.5 بالمئة.", "وانتهى" } },
      { "لجنة 5+5 اجتمعت. ثم", { "لجنة 5+5 اجتمعت.", "ثم" } },
      { "قال: \"جاء. ثم ذهب\" أمس. ثم", { "قال: \"جاء. ثم ذهب\" أمس.", "ثم" } },
      { "قال: «جاء. ثم ذهب.» ثم عاد", { "قال: «جاء. ثم ذهب.»", "ثم عاد" } },
      { "انظر https://example.com/a.b?c=1 ثم عد. نعم", { "انظر https://example.com/a.b?c=1 ثم عد.", "نعم" } },
      { "زار د. محمد و Mr. Smith أمس. ثم", { "زار د. محمد و Mr. Smith أمس.", "ثم" } },
    }
    for _, case in ipairs(cases) do assert.same(case[2], sentences(case[1]), case[1]) end
  end)

  it("returns 1-based inclusive spans", function()
    assert.same({ { start = 1, stop = 7 }, { start = 9, stop = 12 } }, khabar.sentences("قال. لا"))
  end)

  it("handles empty input, invalid UTF-8, max_bytes and bad arguments", function()
    assert.same({}, khabar.sentences(""))
    assert.same({ "\255\254.", "x" }, sentences("\255\254. x"))
    local spans, err = khabar.sentences("قال. لا", { max_bytes = 3 })
    assert.is_nil(spans)
    assert.equals("input too large", err)
    assert.has_error(function() khabar.sentences({}) end, "bad argument #1 to 'sentences' (string expected, got table)")
  end)

  it("is available from bin/khabar on files and standard input", function()
    local interpreter = (rawget(_G, "jit") and "luajit") or "lua5.4"
    local p = assert(io.popen("printf 'قال. لا' | " .. interpreter .. " bin/khabar sentences"))
    local out = p:read("a")
    p:close()
    assert.equals('[{"start":1,"stop":7,"text":"قال."},{"start":9,"stop":12,"text":"لا"}]\n', out)
    p = assert(io.popen(interpreter .. " bin/khabar sentences spec/fixtures/sample/article.txt"))
    out = p:read("a")
    p:close()
    local count = select(2, out:gsub('"start":', ""))
    assert.equals(13, count)
  end)
end)
