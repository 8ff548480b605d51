-- wrk script for `scripts/cluster.sh drill`. Run it with one connection per thread (wrk -tN -cN): a thread's requests and answers
-- then alternate on its one connection, so the thread knows which write an answer (or a lost answer) belongs to.
--
--   threads 1..READERS  read: GET /api/inspections?pageSize=20 as READ_TOKEN's account
--   the last thread     files cases (POST /api/cases, CASE_BODY) when CASE_BODY is set
--   the other threads   record inspections (POST /api/inspections, INSPECTION_BODY)
--
-- Every write carries an Idempotency-Key of its own ("{key}" in the body is replaced by it, so the stored row names its key).
-- A write stays pending until it gets an answer of 2xx or a refusal (4xx other than 409 and 429); after a 5xx, a 409, a 429 or
-- no answer at all (the connection broke, wrk reconnects) the thread sends the same write with the same key again, as a phone
-- that lost the answer would. Each acknowledged key is appended to ACK_DIR/acked-<thread>.txt ("kind key status replayed");
-- done() writes the keys still pending when wrk stopped to ACK_DIR/pending.txt, and prints one line per thread:
--   <kind> answers <n> ok <2xx> errors <5xx/409/429> refused <other 4xx> writes <keys> retries <n> replayed <n>
--     first-error <epoch ms or -> last-error <epoch ms or ->
-- wrk's own summary adds the socket errors (a connection the killed node closed, counted apart from statuses).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } drill_timeval;
  int gettimeofday(drill_timeval *tv, void *tz);
]]
local tv = ffi.new("drill_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  local n, readers = #threads, tonumber(os.getenv("READERS") or "1")
  thread:set("index", n)
  thread:set("kind", n <= readers and "reads" or "inspections")
end

function init(args)
  answers, ok, failed, refused, keys, retries, replayed, first_error, last_error = 0, 0, 0, 0, 0, 0, 0, 0, 0
  pending = nil
  run = os.getenv("RUN")
  read_token = os.getenv("READ_TOKEN")
  write_token = os.getenv("WRITE_TOKEN")
  template = os.getenv("INSPECTION_BODY")
  path = "/api/inspections"
  local cases = os.getenv("CASE_BODY")
  if kind == "inspections" and cases and cases ~= "" and index == tonumber(os.getenv("THREADS")) then
    kind, template, path = "cases", cases, "/api/cases"
  end
  if kind ~= "reads" then
    acked = io.open(os.getenv("ACK_DIR") .. "/acked-" .. index .. ".txt", "a")
  end
end

function request()
  if kind == "reads" then
    return wrk.format("GET", "/api/inspections?pageSize=20", { ["Authorization"] = "Bearer " .. read_token })
  end
  if pending then
    retries = retries + 1
  else
    keys = keys + 1
    pending = string.format("%s-%04x-4000-8000-%012x", run, index, keys)
  end
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. write_token,
    ["Idempotency-Key"] = pending,
  }, (template:gsub("{key}", pending)))
end

local function error_seen()
  failed = failed + 1
  local t = now_ms()
  if first_error == 0 then first_error = t end
  last_error = t
end

function response(status, headers, answer)
  answers = answers + 1
  if status >= 200 and status < 300 then
    ok = ok + 1
    if kind ~= "reads" then
      local again = headers["Idempotent-Replayed"] ~= nil
      if again then replayed = replayed + 1 end
      acked:write(string.format("%s %s %d %s\n", kind, pending, status, again and "replayed" or "-"))
      acked:flush()
      pending = nil
    end
  elseif kind == "reads" or status >= 500 or status == 409 or status == 429 then
    error_seen() -- a write keeps its key and goes again
  else
    refused = refused + 1
    error_seen()
    io.stderr:write(string.format("%s refused %d: %s\n", kind, status, answer:sub(1, 300)))
    pending = nil
  end
end

function done(summary, latency, requests)
  local left = io.open(os.getenv("ACK_DIR") .. "/pending.txt", "w")
  for _, t in ipairs(threads) do
    local first, last, key = t:get("first_error"), t:get("last_error"), t:get("pending")
    if key then left:write(string.format("%s %s\n", t:get("kind"), key)) end
    io.write(string.format("%s answers %d ok %d errors %d refused %d writes %d retries %d replayed %d first-error %s last-error %s\n",
      t:get("kind"), t:get("answers"), t:get("ok"), t:get("failed"), t:get("refused"), t:get("keys"), t:get("retries"),
      t:get("replayed"), first == 0 and "-" or string.format("%d", first), last == 0 and "-" or string.format("%d", last)))
  end
  left:close()
end
