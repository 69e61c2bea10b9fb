local khabar = require "khabar"

return {
  summary = "print the versions of khabar and its libraries",
  usage = "usage: khabar version\n\nPrints khabar's version and those of ICU, Unicode, PCRE2 and Lua.",
  run = function(args, env)
    if #args > 0 then return nil, "takes no arguments" end
    local v = khabar.versions()
    env.stdout:write(string.format("khabar %s (ICU %s, Unicode %s, PCRE2 %s, %s)\n",
      v.khabar, v.icu, v.unicode, v.pcre2, v.lua))
    return 0
  end,
}
