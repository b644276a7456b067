-- The read scenarios of Benchmarks/load.py, with the same paths (issue 22): open a case, the queue, the team
-- backlog, breached first, search, phone suffix, approvals, the monthly report. The bearer token comes on the
-- command line; case ids (for "open") from a file, one per line (load.py samples them from list pages).
--   wrk -t2 -c8 -d10s -s Benchmarks/wrk/read.lua -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8099 \
--       -- scenario=open ids=/tmp/case-ids.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local kefu = dofile(dir .. "common.lua")

local SEARCH_WORDS = {"退货", "宽带", "话费", "发票", "维修", "安装", "套餐", "投诉", "退款", "信号"}

local make  -- function(i) -> path
local i = 0

local paths = {
  open = function(ids) return function() return "/api/v1/cases/" .. ids[math.random(#ids)] end end,
  queue = function() local p = kefu.query("/api/v1/cases", {{"assignee_id", "me"}, {"status", "assigned,in_progress"}, {"limit", 50}})
                     return function() return p end end,
  team = function() local p = kefu.query("/api/v1/cases", {{"status", "new,assigned,in_progress,pending_customer"}, {"limit", 50}})
                    return function() return p end end,
  breached = function() local p = kefu.query("/api/v1/cases", {{"breached", "true"}, {"limit", 50}}) return function() return p end end,
  search = function()
    local list = {}
    for _, w in ipairs(SEARCH_WORDS) do table.insert(list, kefu.query("/api/v1/cases", {{"q", w}, {"limit", 50}})) end
    return function(n) return list[(n % #list) + 1] end
  end,
  phone = function() return function() return kefu.query("/api/v1/customers", {{"q", string.format("%04d", math.random(0, 9999))}}) end end,
  approvals = function() local p = kefu.query("/api/v1/approvals", {{"mine", "true"}, {"limit", 50}}) return function() return p end end,
  ["report-month"] = function() return function() return "/api/v1/reports/cases" end end,
}

function init(args)
  local o = kefu.options(args)
  local scenario = o.scenario or "queue"
  math.randomseed(os.time() * 100 + (thread_id or 0))
  local ids = kefu.lines(o.ids)
  if paths[scenario] == nil then error("read.lua: unknown scenario " .. scenario) end
  if scenario == "open" and #ids == 0 then error("read.lua: scenario=open needs ids=<file of case ids>") end
  make = paths[scenario](ids)
  wrk.headers["Accept"] = "application/json"
  i = thread_id or 0
end

function request()
  i = i + 1
  return wrk.format("GET", make(i))
end

function response(status) kefu.count(status) end
