local khabar = require "khabar"
local cli = require "khabar.cli"
local render = require "khabar.render"

--- The analysis to draw: khabar.analyze when the engine has it, else the
-- entities alone (an engine built without events), else nothing.
local function analyse(text, date)
  if khabar.analyze then return khabar.analyze(text, { date = date }) end
  if khabar.entities then
    local entities, err = khabar.entities(text, { date = date })
    if not entities then return nil, err end
    return { entities = entities, events = {} }
  end
  return { entities = {}, events = {} }
end

return {
  summary = "an HTML page of the article with its entities and events",
  usage = [[usage: khabar render [--date YYYY-MM-DD] [--title TEXT] [FILE] > page.html

Writes one self-contained right-to-left HTML page: the article with its
entities highlighted by type (hover shows the canonical name, country and
value), a legend, and a table of the events linked to their triggers.
--date is the publication date, which resolves relative dates (الاثنين).]],
  run = function(args, env)
    local opts, files = cli.parse(args, { date = "value", title = "value" })
    if not opts then return nil, files end
    if #files > 1 then return nil, "takes at most one FILE" end
    local ok, err = cli.check_date(opts.date)
    if not ok then return nil, err end
    local text
    text, err = cli.read_input(files[1], env.stdin)
    if not text then return nil, err end
    local analysis
    analysis, err = analyse(text, opts.date)
    if not analysis then return nil, err end
    local title = opts.title or (files[1] and files[1] ~= "-" and files[1]:match("([^/]+)$")) or "khabar"
    env.stdout:write(render.page(text, analysis, {
      title = title, date = opts.date, generator = "khabar " .. khabar._VERSION,
    }))
    return 0
  end,
}
