-- wrk script for bench/record.sh: a township's inspection list as its users page through it, filtered by month, result and
-- kind in turn, with the bearer token in TOKEN.
local token = os.getenv("TOKEN")
local months = { "2026-11", "2026-10", "2026-09", "2026-06", "2025-12", "2025-03", "2024-07" }
local filters = { "", "&result=RectificationOrdered", "&kind=Joint", "&result=NoProblem&page=3" }
local n = 0
function request()
  n = n + 1
  local path = "/api/inspections?pageSize=20&month=" .. months[n % #months + 1] .. filters[math.floor(n / #months) % #filters + 1]
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
