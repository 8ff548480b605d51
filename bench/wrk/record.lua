-- wrk script for bench/record.sh: POSTs the inspections in BODIES (one JSON per line, after the account name on line 1),
-- each thread starting at a different line, with the bearer token in TOKEN.
local bodies = {}
local first = true
for line in io.lines(os.getenv("BODIES")) do
  if first then first = false else bodies[#bodies + 1] = line end
end
local token = os.getenv("TOKEN")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 997)
end

local n = 0
function request()
  n = n + 1
  local body = bodies[(offset + n) % #bodies + 1]
  return wrk.format("POST", "/api/inspections", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end
