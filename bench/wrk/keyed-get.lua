-- GET of one path (the inbox list, the event poll) rotating over several agencies' keys.
-- Arguments after `--`: the rows file (one key per line) and the path.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local rows, path, n

setup = common.setup
done = common.done

function init(args)
  rows = common.rows(args[1])
  path = assert(args[2], "no path given")
  n = thread_id or 1
end

function request()
  n = n + 1
  return wrk.format("GET", path, common.headers(rows[n % #rows + 1][1]))
end
