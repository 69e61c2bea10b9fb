-- What several specs share: reading fixtures, and running bin/khabar as a
-- user would, under the interpreter running the specs and with its build.
local support = {}

local interpreter = (rawget(_G, "jit") and "luajit") or "lua5.4"

function support.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

--- Runs `bin/khabar ARGS` with INPUT (a string, or nil) on standard input.
-- @return standard output, the exit code, standard error
function support.run_cli(args, input)
  local tmp = os.tmpname()
  local build = os.getenv("KHABAR_BUILD")
  local command = (build and ("KHABAR_BUILD=" .. build .. " ") or "") .. interpreter
    .. " bin/khabar " .. args .. " 2>" .. tmp
  if input then
    local f = assert(io.open(tmp .. ".in", "wb"))
    f:write(input)
    f:close()
    command = command .. " <" .. tmp .. ".in"
  end
  local p = assert(io.popen(command .. "; echo \"rc=$?\""))
  local out = p:read("*a")
  p:close()
  local err = support.read(tmp)
  os.remove(tmp)
  os.remove(tmp .. ".in")
  local body, rc = out:match("^(.-)rc=(%d+)\n$")
  return body, tonumber(rc), err
end

return support
