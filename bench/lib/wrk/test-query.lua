-- Posts TestQuery over and over and checks every response: status 200, no "errors",
-- and exactly the byte size of the verified answer. Counters live per wrk thread and are
-- summed in done(), which prints one machine-readable line for bench/lib/wrk.mjs.
-- `sent` also counts the requests still in flight when wrk stops: the gateway finishes those
-- after the window, and the bench charges their CPU and subgraph fetches to the window.
local expected_bytes = tonumber(os.getenv("BENCH_EXPECTED_BYTES"))
local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

sent, bad_status, bad_size, graphql_errors, sampled = 0, 0, 0, 0, false

local prepared
function request()
  -- Built on first use: wrk has set the Host header by then.
  prepared = prepared or wrk.format()
  sent = sent + 1
  return prepared
end

function response(status, headers, body)
  local bad = false
  if status ~= 200 then bad_status = bad_status + 1; bad = true
  elseif string.find(body, '"errors"', 1, true) then graphql_errors = graphql_errors + 1; bad = true
  elseif #body ~= expected_bytes then bad_size = bad_size + 1; bad = true end
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
