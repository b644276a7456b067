-- Creating cases through POST /api/v1/cases, with the bodies Benchmarks/load.py posts (issue 22): a random
-- type, channel, priority, subject and 1–3 sentences; half for an existing customer (customer_id, from a
-- file of ids), half for a new one (name and a random mobile number; the API reuses a customer with that
-- number). The bearer token (POST /api/v1/auth/login) comes on the command line.
--   wrk -t1 -c1 -d10s -s Benchmarks/wrk/create.lua -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8099 \
--       -- customers=/tmp/customer-ids.txt
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local kefu = dofile(dir .. "common.lua")

local TYPES = {"consultation", "query", "complaint", "suggestion", "fault_report", "service_request", "proactive",
               "tariff_dispute", "redemption", "other"}
local CHANNELS = {"phone", "visit", "web", "chat", "wechat", "qq", "letter", "email"}
local PRIORITIES = {"low", "normal", "high", "urgent"}
local SUBJECTS = {"宽带无法上网", "申请退货", "话费扣费异常", "补开发票", "预约上门维修", "咨询套餐资费", "投诉服务态度", "积分兑换未到账"}
local SENTENCES = {"客户来电反映宽带经常断线，要求尽快处理。", "客户说我要退货，要求退款。", "客户称上月话费多扣了30元。",
                   "客户要求开具发票。", "已告知客户处理时限。", "客户希望工程师明天上门安装。"}
local SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"}
local GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "秀英", "建华", "子轩", "雨涵"}
local PREFIXES = {"138", "139", "186", "159", "177"}

local customers = {}

local function pick(list) return list[math.random(#list)] end

-- 1–3 different sentences, in random order (load.py: rng.sample).
local function description()
  local order = {}
  for k = 1, #SENTENCES do order[k] = k end
  for k = #order, 2, -1 do local j = math.random(k); order[k], order[j] = order[j], order[k] end
  local text = {}
  for k = 1, math.random(1, 3) do text[k] = SENTENCES[order[k]] end
  return table.concat(text)
end

local function body()
  local s = kefu.json_string
  local fields = {'"type": ' .. s(pick(TYPES)), '"channel": ' .. s(pick(CHANNELS)), '"priority": ' .. s(pick(PRIORITIES)),
                  '"subject": ' .. s(pick(SUBJECTS)), '"description": ' .. s(description())}
  if #customers > 0 and math.random() < 0.5 then
    table.insert(fields, '"customer_id": ' .. s(pick(customers)))
  else
    local phone = pick(PREFIXES) .. string.format("%08d", math.random(0, 99999999))
    table.insert(fields, '"customer": {"name": ' .. s(pick(SURNAMES) .. pick(GIVEN)) .. ', "phone": ' .. s(phone) .. '}')
  end
  return "{" .. table.concat(fields, ", ") .. "}"
end

function init(args)
  customers = kefu.lines(kefu.options(args).customers)
  math.randomseed(os.time() * 100 + (thread_id or 0))
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format("POST", "/api/v1/cases", nil, body())
end

function response(status) kefu.count(status) end
