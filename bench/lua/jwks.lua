-- Scenario: GET {issuer}/oauth2/jwks. No per-response Lua; wrk counts non-2xx/3xx answers.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

wrk.method = "GET"
wrk.path = common.env("BENCH_REALM_PATH") .. "/oauth2/jwks"
wrk.headers["Accept"] = "application/json"

setup = common.setup
done = common.done
