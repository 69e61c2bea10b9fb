--- khabar tokenize: the tokens of a file or of standard input, as JSON.
local khabar = require "khabar"
local cli = require "khabar.cli"
local json = require "khabar.json"

local usage = [[
usage: khabar tokenize [--pretty] [FILE]

Tokenizes FILE (default: standard input) and prints a JSON array of tokens
{text, start, stop, kind, norm, prefix, stem, suffix, stem_start, stem_stop}:
start and stop are 1-based inclusive byte offsets into the input; kind is
word, number, punct, latin, symbol, url, email, mention or hashtag; norm is
the search form, split into prefix (proclitics), stem and suffix (enclitic
pronoun); stem_start..stem_stop is the stem in the input.

  --pretty   indent the JSON]]

return {
  summary = "print the tokens of a text as JSON (clitics split off)",
  usage = usage,
  run = function(args, env)
    local opts, text = cli.parse_text_command(args, { pretty = "flag" }, env.stdin)
    if not opts then return nil, text end
    local tokens, message = khabar.tokenize(text)
    if not tokens then return nil, message end
    env.stdout:write(json.encode(json.array(tokens), opts.pretty), "\n")
    return 0
  end,
}
