-- Scenario: refresh_token grant with rotation (POST {issuer}/oauth2/token, HTTP Basic).
--
-- Refresh tokens rotate on every use and presenting a used one revokes the whole grant, so
-- no token may ever be sent twice, not even concurrently. Each wrk thread owns a disjoint
-- pool of tokens (the seed file, dealt round-robin): request() pops one, response() pushes
-- the rotated token from the JSON body. A connection has at most one request in flight, so
-- a pool larger than the connections of its thread never runs dry unless requests fail.
-- done() writes the tokens left in every pool to BENCH_REFRESH_POOL_OUT, so the next run
-- continues with unused tokens (tokens in flight when wrk stops are lost: at most one per
-- connection per run).
-- Env: BENCH_LUA_DIR, BENCH_REALM_PATH, BENCH_RP_CLIENT, BENCH_RP_SECRET,
--      BENCH_REFRESH_POOL (input file), BENCH_REFRESH_POOL_OUT (output file), BENCH_THREADS.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local path = common.env("BENCH_REALM_PATH") .. "/oauth2/token"
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Accept"] = "application/json",
  ["Authorization"] = common.basic(common.env("BENCH_RP_CLIENT"), common.env("BENCH_RP_SECRET")),
}

-- Main state: deal the seed tokens to the threads.
local seed = nil
local function load_seed()
  seed = {}
  local file = assert(io.open(common.env("BENCH_REFRESH_POOL"), "r"))
  for line in file:lines() do
    if line ~= "" then table.insert(seed, line) end
  end
  file:close()
end

function setup(thread)
  if seed == nil then load_seed() end
  common.setup(thread)
  local n = tonumber(common.env("BENCH_THREADS"))
  local me = thread:get("thread_no")
  local mine = {}
  for i = me, #seed, n do table.insert(mine, seed[i]) end
  thread:set("pool", mine)
end

-- Thread state.
pool = {}
starved = 0
local sent = 0

function request()
  local token = table.remove(pool)
  if token == nil then
    -- Never reuse a token: send a request that must fail, and count it.
    starved = starved + 1
    sent = sent + 1
    token = "bench-pool-exhausted-" .. sent
  end
  return wrk.format("POST", path, headers,
    "grant_type=refresh_token&refresh_token=" .. common.urlencode(token))
end

function response(status, headers, body)
  if common.check(status, body, '"refresh_token"') then
    local token = string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
    if token then table.insert(pool, token) end
  end
end

function done(summary, latency, requests)
  common.done(summary, latency, requests)
  local out = assert(io.open(common.env("BENCH_REFRESH_POOL_OUT"), "w"))
  local left, hungry = 0, 0
  for _, thread in ipairs(common.threads) do
    for _, token in ipairs(thread:get("pool") or {}) do
      out:write(token, "\n")
      left = left + 1
    end
    hungry = hungry + (thread:get("starved") or 0)
  end
  out:close()
  io.write(string.format("BENCH_POOL left=%d starved=%d\n", left, hungry))
end
