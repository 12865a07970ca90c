-- GET /v1/referrals/{id}/status, rotating over referrals and the keys of both their parties.
-- Rows: key <tab> referral id (the key's agency is party to the referral).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local rows, n

setup = common.setup
done = common.done

function init(args)
  rows = common.rows(args[1])
  n = (thread_id or 1) * 7919
end

function request()
  n = n + 1
  local row = rows[n % #rows + 1]
  return wrk.format("GET", "/v1/referrals/" .. row[2] .. "/status", common.headers(row[1]))
end
