-- bin/khabar analyze and bin/khabar batch, run as a user would, under the
-- interpreter running the specs.
local run = require("spec.support").run_cli

local SAMPLE = "spec/fixtures/sample/article.txt"
local decode = require("khabar.json").decode

describe("khabar analyze", function()
  it("prints one JSON object with sentences, entities and events", function()
    local out, rc = run("analyze --date 2020-12-28 " .. SAMPLE)
    assert.equals(0, rc)
    local result = assert(decode(out:gsub("\n$", "")))
    assert.is_table(result.sentences)
    assert.is_table(result.entities)
    local types = {}
    for _, e in ipairs(result.events) do types[e.type] = true end
    assert.is_true(types.CONSULT_PHONE and types.VISIT and types.NEGOTIATE)
    assert.equals("041", result.events[1].cameo)
    assert.equals("2020-12-28", result.events[1].date.value)
  end)

  it("prints a readable summary with --pretty", function()
    local out, rc = run("analyze --pretty --date 2020-12-28 " .. SAMPLE)
    assert.equals(0, rc)
    assert.matches("Events", out)
    assert.matches("CONSULT_PHONE 041 CONSULT/phone", out, 1, true)
    assert.matches("when الاثنين = 2020-12-28", out, 1, true)
  end)

  it("reads standard input and rejects a bad date", function()
    local out, rc = run("analyze", "قصف الطيران الحربي مواقع المعارضة.")
    assert.equals(0, rc)
    assert.matches('"type":"MILITARY_FORCE"', out, 1, true)
    local _, rc2, err = run("analyze --date 2020-13-01", "x")
    assert.equals(1, rc2)
    assert.matches("bad %-%-date", err)
  end)
end)

describe("khabar batch", function()
  local input = table.concat({
    '{"id": "a", "date": "2020-12-28", "text": "أجرى وزير الخارجية الليبي مباحثات مع نظيره المصري."}',
    '{"id": 2, "date": "2020-12-28", "text": "قصف الطيران الحربي مواقع المعارضة أمس."}',
    '{"id": "c", "text": "\\u0642\\u0627\\u0644 \\u0627\\u0644\\u0648\\u0632\\u064a\\u0631 '
      .. '\\u0625\\u0646 \\u0627\\u0644\\u0648\\u0636\\u0639 \\u0647\\u0627\\u062f\\u0626."}',
  }, "\n") .. "\n"

  local function ids(out)
    local list = {}
    for line in out:gmatch("[^\n]+") do
      local doc = assert(decode(line))
      list[#list + 1] = { id = doc.id, types = doc.events }
    end
    return list
  end

  it("writes one line {id, entities, events} per article, in input order", function()
    local out, rc = run("batch", input)
    assert.equals(0, rc)
    local docs = ids(out)
    assert.equals(3, #docs)
    assert.same({ "a", 2, "c" }, { docs[1].id, docs[2].id, docs[3].id })
    assert.equals("NEGOTIATE", docs[1].types[1].type)
    assert.equals("2020-12-27", docs[2].types[1].date.value)
    assert.equals("STATEMENT", docs[3].types[1].type)
  end)

  it("gives the same lines with --jobs 2", function()
    local one = run("batch", input)
    local two, rc = run("batch --jobs 2", input)
    assert.equals(0, rc)
    assert.equals(one, two)
  end)

  it("rejects a line that is not JSON", function()
    local _, rc, err = run("batch", '{"id": 1, "text": "x"}\nnot json\n')
    assert.equals(1, rc)
    assert.matches("line 2", err)
  end)

  it("fails with --jobs 2 when a worker meets a line that is not JSON", function()
    local _, rc, err = run("batch --jobs 2", '{"id": 1, "text": "x"}\n{"id": 2, "text": "y"}\nnot json\n')
    assert.equals(1, rc)
    assert.matches("line %d+:", err)
    assert.matches("a worker failed", err)
  end)

  it("gives the same lines with --jobs 3 from a JSON array", function()
    local list = '[{"id": "a", "text": "قال الوزير"}, {"id": "b", "text": "زار الوزير مصر"}]'
    local one = run("batch", list)
    local three, rc = run("batch --jobs 3", list)
    assert.equals(0, rc)
    assert.equals(one, three)
  end)
end)
