-- GET /v1/events?limit=100 from the start of each agency's feed (a full page of events),
-- rotating over several agencies' keys. Rows: key.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local rows, n

setup = common.setup
done = common.done

function init(args)
  rows = common.rows(args[1])
  n = thread_id or 1
end

function request()
  n = n + 1
  return wrk.format("GET", "/v1/events?limit=100", common.headers(rows[n % #rows + 1][1]))
end
