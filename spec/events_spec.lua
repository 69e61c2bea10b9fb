-- Events of the sample article (spec/fixtures/sample, from shared/data/sample):
-- the 8 events of expected.json field by field, through khabar.analyze,
-- plus no specific event that is not in the article; then the API's
-- contract (offsets, options, errors, dyads).
local khabar = require "khabar"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local ARTICLE = read("spec/fixtures/sample/article.txt")
local DATE = "2020-12-28"

-- The scorer's light normalization: names match when one contains the other.
local function norm(s)
  s = s:gsub("[\u{64B}-\u{65F}\u{670}\u{640}]", "")
  s = s:gsub("[\u{622}\u{623}\u{625}\u{671}]", "\u{627}"):gsub("\u{629}", "\u{647}"):gsub("\u{649}", "\u{64A}")
  return s
end

local function names_match(want, got)
  if not got then return false end
  local w, g = norm(want), norm(got)
  return g:find(w, 1, true) ~= nil or w:find(g, 1, true) ~= nil
end

-- The 8 events of expected.json (type, cameo, trigger, source, targets,
-- countries, date, location, generic).
local EXPECTED = {
  { type = "CONSULT_PHONE", cameo = "041", trigger = "مباحثات هاتفية", source = "سيالة", source_country = "LBY",
    targets = { "شكري" }, target_country = "EGY", date = "2020-12-28", location = nil, generic = false },
  { type = "NEGOTIATE", cameo = "046", trigger = "بحث", source = "باشاغا", source_country = "LBY",
    targets = { "وفد أمني مصري" }, target_country = "EGY", date = "2020-12-27", location = "طرابلس", generic = false },
  { type = "VISIT", cameo = "042", trigger = "وصل", source = "الوفد المصري", source_country = "EGY",
    targets = {}, target_country = "LBY", date = "2020-12-27", location = "طرابلس", generic = false,
    modality = "reported" },
  { type = "VISIT", cameo = "042", trigger = "زيارة", source = "عباس كامل", source_country = "EGY",
    targets = {}, target_country = "LBY", date = "2020-12-15/2020-12-21", location = "بنغازي", generic = false },
  { type = "NEGOTIATE", cameo = "046", trigger = "مباحثات", source = "عباس كامل", source_country = "EGY",
    targets = { "خليفة حفتر", "عقيلة صالح" }, target_country = "LBY", date = "2020-12-15/2020-12-21",
    location = "بنغازي", generic = false },
  { type = "PRAISE_SUPPORT", cameo = "051", trigger = "أثنى", source = "شكري", source_country = "EGY",
    targets = {}, target_country = "LBY", date = nil, location = nil, generic = false },
  { type = "PRAISE_SUPPORT", cameo = "051", trigger = "الداعمة", source = "مصر", source_country = "EGY",
    targets = { "حفتر" }, target_country = "LBY", date = nil, location = nil, generic = true },
  { type = "DISAPPROVE_ACCUSE", cameo = "111", trigger = "تستنكره", source = "الحكومة الليبية",
    source_country = "LBY", targets = { "مصر" }, target_country = "EGY", date = nil, location = nil, generic = true },
}

local function find_event(events, want)
  for _, e in ipairs(events) do
    if e.type == want.type and e.trigger.text == want.trigger then return e end
  end
end

describe("khabar.analyze on the sample article", function()
  local result = assert(khabar.analyze(ARTICLE, { date = DATE }))
  local events = result.events

  for n, want in ipairs(EXPECTED) do
    describe(("event %d, %s «%s»"):format(n, want.type, want.trigger), function()
      local e = find_event(events, want)
      it("is found, with its CAMEO code and PLOVER category", function()
        assert.is_table(e)
        assert.equals(want.cameo, e.cameo)
        assert.is_string(e.plover)
      end)
      if not e then return end
      it("has its source and the source's country", function()
        assert.is_true(names_match(want.source, e.source and e.source.text), e.source and e.source.text)
        assert.equals(want.source_country, e.source.country)
      end)
      it("has its targets and their country", function()
        assert.equals(#want.targets, #e.targets)
        for i, t in ipairs(want.targets) do
          assert.is_true(names_match(t, e.targets[i].text), e.targets[i].text)
          assert.equals(want.target_country, e.targets[i].country)
        end
        if #want.targets == 0 then assert.equals(want.target_country, e.target_country) end
      end)
      it("has its date", function()
        assert.equals(want.date, e.date and e.date.value)
      end)
      it("has its place", function()
        if want.location then
          assert.is_true(names_match(want.location, e.location and e.location.text))
        else
          assert.is_nil(e.location)
        end
      end)
      it("is generic or specific as annotated", function()
        assert.equals(want.generic, e.generic)
        assert.equals(want.modality or e.modality, e.modality)
        assert.equals("positive", e.polarity)
      end)
      it("spans its trigger with 1-based inclusive offsets", function()
        assert.equals(e.trigger.text, ARTICLE:sub(e.trigger.start, e.trigger.stop))
        if e.source then assert.equals(e.source.text, ARTICLE:sub(e.source.start, e.source.stop)) end
        assert.is_true(e.sentence.start <= e.trigger.start and e.trigger.stop <= e.sentence.stop)
      end)
    end)
  end

  it("reports no specific event that is not in the article", function()
    -- Every specific, non-statement event is one of the 8 or another
    -- mention (same cluster) of one of them.
    local clusters = {}
    for _, want in ipairs(EXPECTED) do
      local e = find_event(events, want)
      if e then clusters[e.cluster] = true end
    end
    for _, e in ipairs(events) do
      if not e.generic and e.type ~= "STATEMENT" then
        assert.is_true(clusters[e.cluster] == true, e.type .. " «" .. e.trigger.text .. "»")
      end
    end
  end)

  it("puts the two mentions of the phone call in one cluster", function()
    local call = find_event(events, EXPECTED[1])
    local again = find_event(events, { type = "NEGOTIATE", trigger = "بحثا" })
    assert.equals(call.cluster, again.cluster)
  end)

  it("links «نظيره» to the same office in the other country", function()
    local call = find_event(events, EXPECTED[1])
    assert.equals("GOV", call.targets[1].sector)
    assert.equals("EGY", call.targets[1].country)
  end)
end)

describe("khabar.events", function()
  it("finds negation, future and the day before", function()
    local cases = {
      { "لم يلتق الرئيس بالوزير أمس.", "MEET", "negative", "asserted", "2020-12-27" },
      { "سيزور الرئيس المصري ليبيا الأحد المقبل.", "INTENT_TO_MEET", "positive", "future", "2021-01-03" },
      { "قصف الطيران الحربي مواقع المعارضة أمس.", "MILITARY_FORCE", "positive", "asserted", "2020-12-27" },
    }
    for _, case in ipairs(cases) do
      local events = assert(khabar.events(case[1], { date = DATE }))
      assert.equals(1, #events, case[1])
      assert.equals(case[2], events[1].type)
      assert.equals(case[3], events[1].polarity)
      assert.equals(case[4], events[1].modality)
      assert.equals(case[5], events[1].date and events[1].date.value)
    end
  end)

  it("expands reciprocal dyads on request", function()
    local text = "أجرى وزير الخارجية الليبي مباحثات مع نظيره المصري ووزير الخارجية التونسي."
    local plain = assert(khabar.events(text, { date = DATE }))
    local dyads = assert(khabar.events(text, { date = DATE, dyads = true }))
    assert.equals(1, #plain)
    assert.equals(2, #plain[1].targets)
    assert.equals(4, #dyads)
    assert.equals(plain[1].source.text, dyads[2].targets[1].text)
  end)

  it("answers bad data with nil, message and bad types with an error", function()
    assert.same({ nil, "bad date: expected YYYY-MM-DD" }, { khabar.events("قال", { date = "2020-02-30x" }) })
    assert.same({ nil, "input too large" }, { khabar.events("قال الوزير", { max_bytes = 3 }) })
    assert.has_error(function() khabar.events(42) end)
    assert.has_error(function() khabar.events("x", { nonsense = true }) end)
    assert.same({}, khabar.events(""))
  end)

  it("returns a date only for a real calendar day", function()
    local ok, err = khabar.events("x", { date = "2021-02-29" })
    assert.is_nil(ok)
    assert.equals("bad date: expected YYYY-MM-DD", err)
  end)
end)
