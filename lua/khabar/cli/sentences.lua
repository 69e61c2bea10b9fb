--- khabar sentences: the sentences of a file or of standard input, as JSON.
local khabar = require "khabar"
local cli = require "khabar.cli"
local json = require "khabar.json"

local usage = [[
usage: khabar sentences [--pretty] [FILE]

Splits FILE (default: standard input) into sentences and prints a JSON array
of {start, stop, text}: start and stop are 1-based inclusive byte offsets
into the input. A sentence ends after . ! ? ؟ … (with the closing quotes or
brackets that follow) and at line breaks, never inside numbers (3.5), URLs,
abbreviations (د. Mr.) or quotations.

  --pretty   indent the JSON]]

return {
  summary = "print the sentences of a text as JSON spans",
  usage = usage,
  run = function(args, env)
    local opts, text = cli.parse_text_command(args, { pretty = "flag" }, env.stdin)
    if not opts then return nil, text end
    local spans, message = khabar.sentences(text)
    if not spans then return nil, message end
    for _, span in ipairs(spans) do span.text = text:sub(span.start, span.stop) end
    env.stdout:write(json.encode(json.array(spans), opts.pretty), "\n")
    return 0
  end,
}
