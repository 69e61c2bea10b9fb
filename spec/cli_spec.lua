-- Runs bin/khabar as a user would, under the interpreter running the specs.
local interpreter = (rawget(_G, "jit") and "luajit") or "lua5.4"

local function run(args, input)
  local tmp = os.tmpname()
  local command = interpreter .. " bin/khabar " .. args .. " 2>" .. tmp
  if input then
    local f = assert(io.open(tmp .. ".in", "wb"))
    f:write(input)
    f:close()
    command = command .. " <" .. tmp .. ".in"
  end
  local p = assert(io.popen(command .. "; echo \"rc=$?\""))
  local out = p:read("*a")
  p:close()
  local f = io.open(tmp)
  local err = f and f:read("*a") or ""
  if f then f:close() end
  os.remove(tmp)
  os.remove(tmp .. ".in")
  local body, rc = out:match("^(.-)rc=(%d+)\n$")
  return body, tonumber(rc), err
end

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
