-- POST /v1/referrals with a fresh Idempotency-Key each time, as a client sends it, rotating over
-- several agencies' keys, each referring to another agency. Rows: key <tab> recipient agency id.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local rows, n, run

setup = common.setup
done = common.done

local body = [[{"toAgencyId":"%s","urgency":"urgent","violenceTypes":["physical"],]] ..
  [["servicesRequested":["psychosocial"],"reason":"Benchmark referral.",]] ..
  [["subject":{"initials":"B.M.","sex":"female","ageYears":30},"legalBasis":"consent",]] ..
  [["consent":{"givenBy":"subject","obtainedAt":"%s","obtainedBy":"Bench","scope":"benchmark"}}]]

function init(args)
  rows = common.rows(args[1])
  n = thread_id or 1
  -- Keys must not repeat across runs against the same API (a repeat is answered as a replay):
  -- every run starts in a later second than the last one, which lasted at least a second.
  run = tostring(os.time())
end

function request()
  n = n + 1
  local row = rows[n % #rows + 1]
  local headers = common.headers(row[1])
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, thread_id or 1, n)
  local obtained = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 3600)
  return wrk.format("POST", "/v1/referrals", headers, string.format(body, row[2], obtained))
end
