-- Scenario: token introspection (RFC 7662), POST {issuer}/oauth2/introspect with HTTP Basic
-- client auth and a pre-issued, still valid access token. A response counts as expected
-- only when it is 200 and says "active":true (an inactive answer is cheaper and would
-- flatter the figure).
-- Env: BENCH_LUA_DIR, BENCH_REALM_PATH, BENCH_CC_CLIENT, BENCH_CC_SECRET, BENCH_ACCESS_TOKEN.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

wrk.method = "POST"
wrk.path = common.env("BENCH_REALM_PATH") .. "/oauth2/introspect"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = common.basic(common.env("BENCH_CC_CLIENT"), common.env("BENCH_CC_SECRET"))
wrk.body = "token=" .. common.urlencode(common.env("BENCH_ACCESS_TOKEN")) .. "&token_type_hint=access_token"

setup = common.setup
done = common.done

function response(status, headers, body)
  common.check(status, body, '"active":true')
end
