-- GET of one path without a key (the liveness probe): the API's own pipeline, without
-- authentication or the database. Arguments after `--`: the path.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local path

setup = common.setup
done = common.done

function init(args)
  path = assert(args[1], "no path given")
end

function request()
  return wrk.format("GET", path, { ["Accept"] = "application/json" })
end
