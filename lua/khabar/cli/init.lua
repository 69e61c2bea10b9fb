--- The CLI's dispatcher and the helpers its subcommands share.
-- A subcommand is a module khabar.cli.<name> returning
-- { summary = "one line", usage = "text for --help", run = function(args, env) }
-- where env = {stdin, stdout, stderr, read_input = function(args) }; run returns
-- an exit code, or nil, message for an error.
local cli = {}
local unpack = table.unpack or unpack -- luacheck: ignore

cli.commands = { "version", "normalize", "transliterate", "tokenize", "sentences",
                 "entities", "tag-conll", "analyze", "batch", "render" }

local function load_command(name)
  for _, known in ipairs(cli.commands) do
    if known == name then
      local ok, command = pcall(require, "khabar.cli." .. name:gsub("%-", "_"))
      if ok then return command end
      if not tostring(command):find("module 'khabar.cli", 1, true) then error(command, 0) end
    end
  end
  return nil
end

local function usage(stdout)
  stdout:write("usage: khabar COMMAND [OPTIONS] [FILE]\n\ncommands:\n")
  for _, name in ipairs(cli.commands) do
    local command = load_command(name)
    if command then stdout:write(string.format("  %-14s %s\n", name, command.summary)) end
  end
  stdout:write("\n'khabar COMMAND --help' describes a command. FILE defaults to standard input.\n")
end

--- Splits arguments into options (--name value, --flag) and positionals,
-- following a spec {name = "flag"|"value"}. Returns nil, message on error.
function cli.parse(args, spec)
  local opts, positional, i = {}, {}, 1
  while i <= #args do
    local a = args[i]
    local name, inline = a:match("^%-%-([%w%-]+)=(.*)$")
    name = name or a:match("^%-%-([%w%-]+)$")
    if name then
      local kind = spec[name]
      if not kind then return nil, "unknown option --" .. name end
      if kind == "value" then
        local value = inline
        if not value then
          i = i + 1
          value = args[i]
        end
        if not value then return nil, "option --" .. name .. " needs a value" end
        opts[name] = value
      else
        opts[name] = true
      end
    elseif a == "-" or a:sub(1, 1) ~= "-" then
      positional[#positional + 1] = a
    else
      return nil, "unknown option " .. a
    end
    i = i + 1
  end
  return opts, positional
end

--- Parses the arguments of a command that reads one text (FILE or standard
-- input) and reads it. Returns opts, text; or nil, message.
function cli.parse_text_command(args, spec, stdin)
  local opts, rest = cli.parse(args, spec)
  if not opts then return nil, rest end
  if #rest > 1 then return nil, "takes at most one FILE" end
  local text, err = cli.read_input(rest[1], stdin)
  if not text then return nil, err end
  return opts, text
end

--- Reads the whole input: the named file, or standard input.
function cli.read_input(path, stdin)
  if not path or path == "-" then return stdin:read("a") or "" end
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text = f:read("a") or ""
  f:close()
  return text
end

--- Checks a --date value (YYYY-MM-DD), shared by every command that takes one.
function cli.check_date(date)
  if date == nil then return true end
  local y, m, d = date:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if not y or m < 1 or m > 12 or d < 1 or d > 31 then
    return nil, "bad --date '" .. date .. "': expected YYYY-MM-DD"
  end
  return true
end

function cli.main(args, stdin, stdout, stderr)
  local name = args[1]
  if not name or name == "--help" or name == "-h" or name == "help" then
    usage(stdout)
    return name and 0 or 2
  end
  local command = load_command(name)
  if not command then
    stderr:write("khabar: unknown command '", name, "' (try khabar --help)\n")
    return 2
  end
  local rest = { unpack(args, 2) }
  for _, a in ipairs(rest) do
    if a == "--help" or a == "-h" then
      stdout:write(command.usage, "\n")
      return 0
    end
  end
  local env = { stdin = stdin, stdout = stdout, stderr = stderr }
  local ok, code, message = pcall(command.run, rest, env)
  if not ok then
    stderr:write("khabar ", name, ": ", tostring(code), "\n")
    return 1
  end
  if code == nil then
    stderr:write("khabar ", name, ": ", tostring(message), "\n")
    return 1
  end
  return code
end

return cli
