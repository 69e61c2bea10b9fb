-- Runs bin/khabar as a user would, under the interpreter running the specs.
local run = require("spec.support").run_cli

describe("bin/khabar", function()
  it("prints the versions", function()
    local out, rc = run("version")
    assert.equals(0, rc)
    assert.matches("^khabar 0%.1%.0 %(ICU %d+%.%d+, Unicode %d+%.%d+, PCRE2 10%.%d+", out)
  end)

  it("describes each command with --help", function()
    local out, rc = run("version --help")
    assert.equals(0, rc)
    assert.matches("usage: khabar version", out)
  end)

  it("lists the commands when called without one, and fails", function()
    local out, rc = run("")
    assert.equals(2, rc)
    assert.matches("commands:", out)
  end)

  it("reports an unknown command on stderr with a non-zero exit", function()
    local out, rc, err = run("frobnicate")
    assert.equals(2, rc)
    assert.equals("", out)
    assert.matches("unknown command 'frobnicate'", err)
  end)
end)
