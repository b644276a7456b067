-- The agent's HTML pages with a browser session (issue 22): the queue (/cases), a case page (/cases/{id})
-- and the search page (/cases?q=<2-character word>, the ten words of load.py). The session cookie comes on
-- the command line (log in through the form: GET /login for the CSRF cookie and token, then POST /login;
-- Benchmarks/load.py --web-session does that); case ids from a file.
--   wrk -t2 -c8 -d10s -s Benchmarks/wrk/pages.lua -H "Cookie: kefu_session=$SESSION" http://127.0.0.1:8099 \
--       -- scenario=page-case ids=/tmp/case-ids.txt
-- A page that answers with a redirect (to /login: the session is not accepted) counts as an error.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local kefu = dofile(dir .. "common.lua")

local SEARCH_WORDS = {"退货", "宽带", "话费", "发票", "维修", "安装", "套餐", "投诉", "退款", "信号"}
local make
local i = 0

function init(args)
  local o = kefu.options(args)
  local scenario = o.scenario or "page-queue"
  math.randomseed(os.time() * 100 + (thread_id or 0))
  local ids = kefu.lines(o.ids)
  if scenario == "page-queue" then
    make = function() return "/cases" end
  elseif scenario == "page-case" then
    if #ids == 0 then error("pages.lua: scenario=page-case needs ids=<file of case ids>") end
    make = function() return "/cases/" .. ids[math.random(#ids)] end
  elseif scenario == "page-search" then
    local list = {}
    for _, w in ipairs(SEARCH_WORDS) do table.insert(list, kefu.query("/cases", {{"q", w}})) end
    make = function(n) return list[(n % #list) + 1] end
  else
    error("pages.lua: unknown scenario " .. scenario)
  end
  wrk.headers["Accept"] = "text/html"
  i = thread_id or 0
end

function request()
  i = i + 1
  return wrk.format("GET", make(i))
end

function response(status) kefu.count(status) end
