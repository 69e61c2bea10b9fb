-- khabar.render: the HTML builder behind `khabar render`, on hand-made spans
-- (the engine's own output is checked in a browser by make test-hosts).
local render = require "khabar.render"

local text = "قال محمد <سيالة> & شكري"
local function span(s, kind)
  local a = assert(text:find(s, 1, true))
  return { type = kind, text = s, start = a, stop = a + #s - 1 }
end

describe("khabar.render", function()
  it("escapes text and attributes", function()
    assert.equals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", render.escape([[a <b> & "c" 'd']]))
  end)

  it("marks entities and keeps every byte of the text", function()
    local html = render.annotate(text, { entities = { span("محمد", "PERS"), span("شكري", "PERS") } })
    assert.matches('<mark id="ent%-1" class="ent ent%-PERS" data%-type="PERS"[^>]*>محمد</mark>', html)
    assert.matches('<mark id="ent%-2"[^>]*>شكري</mark>', html)
    assert.equals(text, (html:gsub("<[^>]*>", ""):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&amp;", "&")))
  end)

  it("nests a trigger inside an entity and an entity inside a longer one", function()
    local outer = span("محمد <سيالة>", "PERS")
    local inner = span("سيالة", "PERS")
    local trigger = span("قال")
    local html = render.annotate(text, {
      entities = { inner, outer },
      events = { { type = "STATEMENT", trigger = trigger } },
    })
    assert.matches('^<span id="trigger%-1" class="trigger"[^>]*>قال</span> ', html)
    assert.matches('<mark id="ent%-2"[^>]*>محمد &lt;<mark id="ent%-1"[^>]*>سيالة</mark>&gt;</mark>', html)
  end)

  it("turns a trigger that crosses an entity into an anchor", function()
    local crossing = { start = text:find("محمد", 1, true) + 2, stop = text:find("<", 1, true) + 1 }
    local html = render.annotate(text, { entities = { span("محمد", "PERS") },
                                         events = { { type = "X", trigger = crossing } } })
    assert.matches('<mark id="ent%-1"[^>]*>م<a id="trigger%-1" class="trigger%-anchor"></a>حمد</mark>', html)
  end)

  it("ignores spans outside the text", function()
    local html = render.annotate("abc", { entities = { { type = "X", start = 2, stop = 9 } } })
    assert.equals("abc", html)
  end)

  it("builds a right-to-left page with a legend and a row per event", function()
    local page = render.page(text, {
      entities = { span("محمد", "PERS"), span("شكري", "PERS") },
      events = { { type = "CONSULT", cameo = "040", trigger = span("قال"), source = span("محمد"),
                   targets = { span("شكري") }, date = { text = "الاثنين", value = "2020-12-28" } } },
    }, { title = "t", date = "2020-12-28" })
    assert.matches('<html lang="ar" dir="rtl">', page, 1, true)
    assert.matches('data%-legend="PERS"', page)
    assert.matches('<tr id="event%-1" data%-type="CONSULT">', page)
    assert.matches('href="#trigger%-1"', page)
    assert.matches('<a href="#ent%-1">محمد</a>', page)
    assert.matches("2020%-12%-28", page)
    assert.is_nil(page:find("<script", 1, true))
  end)
end)

describe("khabar render (the command)", function()
  local cli = require "khabar.cli"
  local khabar = require "khabar"

  -- Runs the command in this interpreter with in-memory output streams.
  local function run(args)
    local out, err = {}, {}
    local function sink(t)
      return { write = function(self, ...)
        for _, s in ipairs({ ... }) do t[#t + 1] = s end
        return self
      end }
    end
    local code = cli.main(args, io.stdin, sink(out), sink(err))
    return code, table.concat(out), table.concat(err)
  end

  it("draws every entity and event of the sample", function()
    local path = "spec/fixtures/sample/article.txt"
    local code, page = run({ "render", "--date", "2020-12-28", path })
    assert.equals(0, code)
    local f = assert(io.open(path, "rb"))
    local analysis = assert(khabar.analyze(f:read("*a"), { date = "2020-12-28" }))
    f:close()
    assert.equals(#analysis.entities, select(2, page:gsub('<mark id="ent%-', "")))
    assert.equals(#analysis.events, select(2, page:gsub('<tr id="event%-', "")))
    assert.equals(#analysis.events, select(2, page:gsub('<span id="trigger%-', "")))
    assert.matches("<title>article.txt</title>", page, 1, true)
  end)

  it("refuses a bad date and a missing file", function()
    local code, _, err = run({ "render", "--date", "2020-13-01", "spec/fixtures/sample/article.txt" })
    assert.equals(1, code)
    assert.matches("bad %-%-date", err)
    code, _, err = run({ "render", "/nonexistent/article.txt" })
    assert.equals(1, code)
    assert.matches("nonexistent", err)
  end)
end)
