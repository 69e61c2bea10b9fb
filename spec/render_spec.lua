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
