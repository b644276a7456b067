-- A static file through Kefu's whole middleware stack: no database, no session. The fastest thing the
-- server does, so its rate is also the load client's ceiling in the same run (issue 22).
--   wrk -t2 -c32 -d10s -s Benchmarks/wrk/static.lua http://127.0.0.1:8099 [-- path=/js/forms.js]
-- No response() here on purpose: handing every answer to Lua would lower the very ceiling measured; wrk
-- still counts answers ≥ 400 (non2xx3xx) and failed connections.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local kefu = dofile(dir .. "common.lua")

local path = "/js/forms.js"

function init(args)
  path = kefu.options(args).path or path
  wrk.path = path
end
