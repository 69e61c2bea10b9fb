--- The host tests' assertions: each check prints nothing when it passes and
-- one line when it fails; report() prints the count and says whether all passed.
-- Works under Lua 5.4 and LuaJIT (Neovim).
local check = { passed = 0, failed = 0 }

local function show(v)
  if type(v) == "string" then return string.format("%q", #v > 300 and v:sub(1, 300) .. "..." or v) end
  return tostring(v)
end

function check.ok(cond, what)
  if cond then
    check.passed = check.passed + 1
  else
    check.failed = check.failed + 1
    io.stderr:write("FAIL ", what, "\n")
  end
  return cond
end

function check.eq(got, want, what)
  if got == want then return check.ok(true, what) end
  return check.ok(false, what .. ": got " .. show(got) .. ", want " .. show(want))
end

--- Prints "<name>: N checks passed, N failed" and returns true when none failed.
function check.report(name)
  io.stdout:write(string.format("%s: %d checks passed, %d failed\n", name, check.passed, check.failed))
  return check.failed == 0 and check.passed > 0
end

return check
