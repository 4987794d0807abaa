-- Shared helpers for the wrk scenarios of bench/run.sh (loaded with dofile).
--
-- Every scenario ends with done() printing one machine-readable line that run.sh parses:
--   BENCH requests=N duration_us=N rps=R p50_us=N p99_us=N connect=N read=N write=N
--         status=N timeout=N unexpected=N
-- plus, when a response() check is active, BENCH_STATUS lines (count per HTTP status) and
-- one BENCH_SAMPLE line with the first unexpected response (status and start of the body).

local M = {}

local threads = {}

-- Main state: called once per wrk thread, before that thread starts.
function M.setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

-- Thread state: bookkeeping of unexpected responses (filled by M.check).
statuses = {}
unexpected = 0
sample = nil

-- Counts the response; a response is expected when status is 200 and, if given, the body
-- contains the plain string `needle`. Returns true when expected.
function M.check(status, body, needle)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status == 200 and (needle == nil or (body and string.find(body, needle, 1, true))) then
    return true
  end
  unexpected = unexpected + 1
  if sample == nil then
    local text = body or ""
    text = string.gsub(string.sub(text, 1, 300), "[\r\n]", " ")
    sample = "status=" .. status .. " body=" .. text
  end
  return false
end

-- Main state: the summary line, and the per-thread status counts.
function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local rps = 0
  if seconds > 0 then rps = summary.requests / seconds end
  local total_unexpected = 0
  local counts = {}
  local first_sample = nil
  for _, thread in ipairs(threads) do
    total_unexpected = total_unexpected + (thread:get("unexpected") or 0)
    local st = thread:get("statuses") or {}
    for k, v in pairs(st) do counts[k] = (counts[k] or 0) + v end
    local s = thread:get("sample")
    if first_sample == nil and s ~= nil then first_sample = s end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d unexpected=%d\n",
    summary.requests, summary.duration, rps, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout, total_unexpected))
  local parts = {}
  for k, v in pairs(counts) do table.insert(parts, k .. "=" .. v) end
  table.sort(parts)
  if #parts > 0 then io.write("BENCH_STATUS " .. table.concat(parts, " ") .. "\n") end
  if first_sample ~= nil then io.write("BENCH_SAMPLE " .. first_sample .. "\n") end
  M.threads = threads
end

-- application/x-www-form-urlencoded escaping.
function M.urlencode(s)
  return (string.gsub(s, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Base64 (for HTTP Basic), without depending on any Lua module.
local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
function M.base64(data)
  return ((data:gsub(".", function(x)
    local r, b = "", x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return b64chars:sub(c + 1, c + 1)
  end) .. ({ "", "==", "=" })[#data % 3 + 1])
end

-- HTTP Basic client authentication (RFC 6749 section 2.3.1: form-encode, then base64).
function M.basic(client_id, secret)
  return "Basic " .. M.base64(M.urlencode(client_id) .. ":" .. M.urlencode(secret))
end

function M.env(name, fallback)
  local v = os.getenv(name)
  if v == nil or v == "" then
    if fallback == nil then error("environment variable " .. name .. " is not set") end
    return fallback
  end
  return v
end

return M
