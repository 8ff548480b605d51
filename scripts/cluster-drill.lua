-- wrk script for `scripts/cluster.sh drill`: thread 1 reads (GET /api/inspections as READ_TOKEN's account), thread 2 records
-- inspections (POST /api/inspections with WRITE_BODY as WRITE_TOKEN's account). Each thread counts its answers by status and the
-- first and last second (wall clock) in which it saw an error; done() prints one line per thread:
--   reads|writes <answers> ok <2xx> errors <other statuses> first-error <epoch s or -> last-error <epoch s or ->
-- wrk's own summary adds the socket errors (a connection the killed node closed, counted apart from statuses).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("kind", #threads == 1 and "reads" or "writes")
end

function init(args)
  answers, ok, failed, first_error, last_error = 0, 0, 0, 0, 0
  read_token = os.getenv("READ_TOKEN")
  write_token = os.getenv("WRITE_TOKEN")
  body = os.getenv("WRITE_BODY")
end

function request()
  if kind == "reads" then
    return wrk.format("GET", "/api/inspections?pageSize=20", { ["Authorization"] = "Bearer " .. read_token })
  end
  return wrk.format("POST", "/api/inspections", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. write_token,
  }, body)
end

function response(status, headers, answer)
  answers = answers + 1
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    failed = failed + 1
    local now = os.time()
    if first_error == 0 then first_error = now end
    last_error = now
  end
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    local first, last = t:get("first_error"), t:get("last_error")
    io.write(string.format("%s %d ok %d errors %d first-error %s last-error %s\n", t:get("kind"), t:get("answers"), t:get("ok"),
      t:get("failed"), first == 0 and "-" or tostring(first), last == 0 and "-" or tostring(last)))
  end
end
