-- Shared by the Kefu wrk scripts (loaded with dofile from the script's own folder): per-thread status
-- counts, a thread id for each thread's random seed, and one machine-readable result line at the end
-- ("KEFU_WRK {json}") that Benchmarks/load.py reads — wrk's own text output gives no per-status counts.
local M = {}

local threads = {}
local next_id = 0

-- In the main Lua state, once per thread: remember the thread to read its counts in done().
function setup(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
  table.insert(threads, thread)
end

-- Each thread's own state (the globals below live once per thread).
statuses = {}

-- Counts every answer by status. Defining response() makes wrk hand each answer to Lua, which costs a
-- little; scripts that measure the client's ceiling can set M.count_statuses = false before loading.
function M.count(status)
  statuses[status] = (statuses[status] or 0) + 1
end

-- Lines of a file (ids, one per line), or an empty list when the file is absent.
function M.lines(path)
  local list = {}
  if path == nil or path == "" then return list end
  local f = io.open(path, "r")
  if f == nil then return list end
  for line in f:lines() do
    if line ~= "" then table.insert(list, line) end
  end
  f:close()
  return list
end

-- key=value script arguments (after "--" on wrk's command line).
function M.options(args)
  local o = {}
  for _, a in ipairs(args or {}) do
    local k, v = a:match("^([%w_%-]+)=(.*)$")
    if k then o[k] = v else table.insert(o, a) end
  end
  return o
end

function M.urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- The same form as Python's urllib.parse.urlencode of an ordered list of pairs (load.py's q()).
function M.query(path, pairs_list)
  local parts = {}
  for _, kv in ipairs(pairs_list) do
    table.insert(parts, M.urlencode(kv[1]) .. "=" .. M.urlencode(tostring(kv[2])))
  end
  return path .. "?" .. table.concat(parts, "&")
end

local function json_string(s)
  return '"' .. tostring(s):gsub('[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end
M.json_string = json_string

function done(summary, latency, requests)
  local merged = {}
  for _, t in ipairs(threads) do
    local counts = t:get("statuses") or {}
    for status, n in pairs(counts) do merged[status] = (merged[status] or 0) + n end
  end
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.timeout
  local parts = {}
  for status, n in pairs(merged) do table.insert(parts, string.format('"%d": %d', status, n)) end
  io.write(string.format(
    'KEFU_WRK {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"failed": %d, "non2xx3xx": %d, "counted": %s, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    failed, e.status, next(merged) and "true" or "false", table.concat(parts, ", ")))
end

return M
