std = "min"
read_globals = { "jit", table = { fields = { "unpack" } } }
max_line_length = 120
files["spec/**/*.lua"] = { std = "min+busted" }
files["examples/openresty/**/*.lua"] = { std = "ngx_lua" }
files["examples/nvim/**/*.lua"] = { read_globals = { "vim" } }
files["lua/khabar/nvim.lua"] = { read_globals = { "vim" } }
files["bin/khabar"] = { std = "max" }
files["bench/**/*.lua"] = { std = "max" }
files["tools/**/*.lua"] = { std = "max" }
