describe("the khabar module", function()
  it("loads without setting any global", function()
    local before = {}
    for k in pairs(_G) do before[k] = true end
    package.loaded["khabar"], package.loaded["khabar.core"] = nil, nil
    local khabar = require "khabar"
    assert.is_table(khabar)
    for k in pairs(_G) do
      assert.is_true(before[k], "new global: " .. tostring(k))
    end
  end)

  it("reports its version and the libraries it runs on", function()
    local khabar = require "khabar"
    assert.equals("0.1.0", khabar._VERSION)
    local v = khabar.versions()
    assert.equals(khabar._VERSION, v.khabar)
    assert.matches("^%d+%.%d+", v.icu)
    assert.matches("^%d+%.%d+", v.unicode)
    assert.matches("^10%.%d+", v.pcre2)
    assert.matches("Lua", v.lua)
  end)

  it("returns the same C module to every require in a state", function()
    assert.equals(require "khabar.core", require "khabar.core")
  end)
end)
