-- Shared by the API scenarios (create.lua, status.lua, keyed-get.lua, get.lua) and trivial.lua.
-- The benchmark writes the rows a scenario rotates through to a tab-separated file whose path
-- follows `--` on wrk's command line. Each wrk thread starts at its own offset so threads do not
-- walk the rows in step, and done() prints one line, WRK_RESULT {json}, that the benchmark reads.
local common = {}

function common.rows(path)
  local rows = {}
  for line in io.lines(path) do
    if #line > 0 then
      local row = {}
      for field in string.gmatch(line, "[^\t]+") do
        row[#row + 1] = field
      end
      rows[#rows + 1] = row
    end
  end
  assert(#rows > 0, "no rows in " .. path)
  return rows
end

-- Called once per thread from the script's setup(): a distinct offset and id for each thread.
local threads = 0
function common.setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function common.headers(key)
  return { ["Authorization"] = "Bearer " .. key, ["Accept"] = "application/json" }
end

-- Latencies are in microseconds; status errors are answers outside 2xx/3xx.
function common.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationMicros":%d,"p50Micros":%d,"p99Micros":%d,"meanMicros":%.1f,' ..
    '"statusErrors":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    e.status, e.connect, e.read, e.write, e.timeout))
end

return common
