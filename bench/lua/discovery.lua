-- Scenario: GET {issuer}/.well-known/openid-configuration. No per-response Lua (keeps wrk
-- cheap); non-2xx/3xx answers are counted by wrk itself (status errors).
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

wrk.method = "GET"
wrk.path = common.env("BENCH_REALM_PATH") .. "/.well-known/openid-configuration"
wrk.headers["Accept"] = "application/json"

setup = common.setup
done = common.done
