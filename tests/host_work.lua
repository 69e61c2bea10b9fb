-- The work each lua_State of tests/host_states.c does: it loads khabar and
-- returns a string that depends on the input i, so that results computed
-- concurrently can be compared with those computed alone.
local khabar = require "khabar"

return function(i)
  local v = khabar.versions()
  return table.concat({ v.khabar, v.icu, v.pcre2, tostring(i) }, "|")
end
