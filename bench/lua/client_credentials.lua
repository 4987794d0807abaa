-- Scenario: client_credentials grant (POST {issuer}/oauth2/token, HTTP Basic client auth).
-- Env: BENCH_LUA_DIR, BENCH_REALM_PATH (/realms/bench), BENCH_CC_CLIENT, BENCH_CC_SECRET,
--      BENCH_CC_SCOPE.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

wrk.method = "POST"
wrk.path = common.env("BENCH_REALM_PATH") .. "/oauth2/token"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = common.basic(common.env("BENCH_CC_CLIENT"), common.env("BENCH_CC_SECRET"))
wrk.body = "grant_type=client_credentials&scope=" .. common.urlencode(common.env("BENCH_CC_SCOPE", "bench.read"))

setup = common.setup
done = common.done

function response(status, headers, body)
  common.check(status, body, '"access_token"')
end
