-- wrk script: POSTs one request per line of LINES ("PATH<TAB>JSON BODY"), thread k taking lines k, k+T, k+2T … (T threads), so
-- no two requests act on the same record; with the bearer token in TOKEN. Stops a thread when its lines run out.
local lines = {}
for line in io.lines(os.getenv("LINES")) do lines[#lines + 1] = line end
local token = os.getenv("TOKEN")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init()
  step = tonumber(os.getenv("THREADS") or "2")
  next_line = id
end

function request()
  local line = lines[next_line]
  if line == nil then
    wrk.thread:stop()
    return wrk.format("GET", "/health")
  end
  next_line = next_line + step
  local tab = line:find("\t")
  return wrk.format("POST", line:sub(1, tab - 1), {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, line:sub(tab + 1))
end
