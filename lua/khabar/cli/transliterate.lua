--- khabar transliterate: Buckwalter (three variants, both ways) or Latin.
local khabar = require "khabar"
local cli = require "khabar.cli"

local usage = [[
usage: khabar transliterate [--scheme S] [--reverse] [--invalid MODE] [FILE]

Transliterates FILE (default: standard input); characters outside the
scheme's table, newlines included, pass through unchanged.

  --scheme S       buckwalter (default), safe-buckwalter, xml-buckwalter or
                   latin (ICU's Arabic-Latin)
  --reverse        from Buckwalter back to Arabic (not for latin)
  --invalid MODE   repair (default), error or drop]]

local spec = { scheme = "value", reverse = "flag", invalid = "value" }

return {
  summary = "transliterate Arabic to Buckwalter or Latin, and Buckwalter back",
  usage = usage,
  run = function(args, env)
    local o, text = cli.parse_text_command(args, spec, env.stdin)
    if not o then return nil, text end
    local ok, out, message = pcall(khabar.transliterate, text, o.scheme or "buckwalter",
      { reverse = o.reverse or false, invalid = o.invalid })
    if not ok then return nil, tostring(out):gsub("^[^:]*:%d+: ", "") end
    if not out then return nil, message end
    env.stdout:write(out)
    return 0
  end,
}
