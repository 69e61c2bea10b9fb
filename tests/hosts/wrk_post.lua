-- wrk script for make bench-openresty: POSTs the file named by KHABAR_BODY.
-- luacheck: globals wrk
local f = assert(io.open(os.getenv("KHABAR_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
