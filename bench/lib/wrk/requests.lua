-- Sends a rotation of GraphQL requests (one per line of BENCH_REQUESTS_FILE: a bearer token or
-- "-", a tab, the JSON body), each connection taking the next one in turn, and checks every
-- response: status 200, no "errors", and BENCH_MUST_CONTAIN in the body. Prints the same
-- BENCH_RESULT line as test-query.lua (a body without the marker counts under badSize).
local must_contain = os.getenv("BENCH_MUST_CONTAIN")
local lines = {}
for line in io.lines(os.getenv("BENCH_REQUESTS_FILE")) do
  if #line > 0 then table.insert(lines, line) end
end

sent, bad_status, bad_size, graphql_errors, sampled = 0, 0, 0, 0, false

local prepared, next_index = nil, 1
local function prepare()
  -- Built on first use: wrk has set the Host header by then.
  prepared = {}
  for _, line in ipairs(lines) do
    local tab = string.find(line, "\t", 1, true)
    local token, body = string.sub(line, 1, tab - 1), string.sub(line, tab + 1)
    local headers = { ["Content-Type"] = "application/json" }
    if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
    table.insert(prepared, wrk.format("POST", nil, headers, body))
  end
end

function request()
  if not prepared then prepare() end
  local req = prepared[next_index]
  next_index = next_index % #prepared + 1
  sent = sent + 1
  return req
end

function response(status, headers, body)
  local bad = false
  if status ~= 200 then bad_status = bad_status + 1; bad = true
  elseif string.find(body, '"errors"', 1, true) then graphql_errors = graphql_errors + 1; bad = true
  elseif not string.find(body, must_contain, 1, true) then bad_size = bad_size + 1; bad = true end
  if bad and not sampled then
    sampled = true
    io.write("BENCH_SAMPLE status=" .. status .. " bytes=" .. #body .. " " .. string.sub(body, 1, 300) .. "\n")
  end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function done(summary, latency, requests)
  local n, s, z, g = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    n = n + t:get("sent")
    s = s + t:get("bad_status"); z = z + t:get("bad_size"); g = g + t:get("graphql_errors")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"sent":%d,"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"socketErrors":%d,"badStatus":%d,"badSize":%d,"graphqlErrors":%d}\n',
    n, summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, s, z, g))
end
