#!/usr/bin/env bash
# Issue 6's budgets, end to end on PostgreSQL with the province's one million cases (bench/Entrust.Bench add-cases):
#   1. a transition through the API (POST /api/cases/{id}/investigate, every check included): p95 < 20 ms;
#   2. the deadline list (GET /api/cases/deadlines) of a district (bench.office): < 100 ms; of the province (bench.admin): < 1 s.
#
#   bench/cases.sh           # PG_PORT, PG_DATABASE, DURATION, CONNECTIONS … as bench/record.sh
#
# Each transition takes one of the bench township's queued cases (filed, not yet investigated) once; the run moves a few
# thousand of the 30,000 forward, so it can be run several times on one generated province.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-55480}"
PG_DATABASE="${PG_DATABASE:-province}"
PG_USER="${PG_USER:-postgres}"
CONNECTION="Host=$PG_HOST;Port=$PG_PORT;Username=$PG_USER;Database=$PG_DATABASE;Pooling=true;Maximum Pool Size=200"
WORK="${CASES_WORK:-/tmp/entrust-cases}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-8}"
DURATION="${DURATION:-20s}"
ENTRUST_PORT="${ENTRUST_PORT:-5184}"
PASSWORD="${BENCH_PASSWORD:-Bench2026}"
QUIET_LOAD="${QUIET_LOAD:-1.0}"
QUIET_WAIT="${QUIET_WAIT:-0}"
BASE="http://127.0.0.1:$ENTRUST_PORT"
mkdir -p "$WORK"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
psql_() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" -v ON_ERROR_STOP=1 -qAt "$@"; }
source "$ROOT/bench/wrk/common.sh"

echo "== build (Release)"
dotnet build -c Release "$ROOT/src/Entrust.Web" -v q -nologo >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
dotnet build -c Release "$ROOT/bench/Entrust.Bench" -v q -nologo >>"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
echo "   $(psql_ -c 'select count(*) from "Cases"') cases in $PG_DATABASE"

# The bench township's account (bench/Entrust.Bench record-bodies names it) and its queued cases with their two officers.
dotnet "$ROOT/bench/Entrust.Bench/bin/Release/net10.0/Entrust.Bench.dll" record-bodies --connection "$CONNECTION" --out "$WORK/account.txt" --count 1 >/dev/null
ACCOUNT=$(head -n 1 "$WORK/account.txt")
TODAY=$(TZ=Asia/Shanghai date +%F)
psql_ -F $'\t' -c "
  select '/api/cases/' || c.\"Id\" || '/investigate',
         json_build_object('on', '$TODAY', 'officerIds', json_agg(o.\"OfficerId\"))
  from \"Cases\" c join \"CaseOfficers\" o on o.\"CaseId\" = c.\"Id\" and o.\"Step\" = 0
  join \"AspNetUsers\" u on u.\"TownshipId\" = c.\"TownshipId\" and u.\"UserName\" = '$ACCOUNT'
  where c.\"State\" = 0 and c.\"FiledOn\" >= date '$TODAY' - 30
  group by c.\"Id\" order by c.\"Id\"" >"$WORK/lines.txt"
echo "   $(wc -l <"$WORK/lines.txt") queued cases of $ACCOUNT's township to investigate"

echo "== Entrust on $BASE against PostgreSQL $PG_HOST:$PG_PORT/$PG_DATABASE"
( cd "$ROOT/src/Entrust.Web/bin/Release/net10.0" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Entrust.Web.dll \
    --urls "$BASE" --Database:Provider=Postgres --ConnectionStrings:Entrust="$CONNECTION" ) >"$WORK/entrust.log" 2>&1 &
PIDS+=($!)
wait_for "$BASE/health" 120
export TOKEN THREADS LINES="$WORK/lines.txt"
TOKEN=$(token "$ACCOUNT")

echo "   warm-up: the first 2,000 cases"
head -n 2000 "$WORK/lines.txt" >"$WORK/warmup.txt"
LINES="$WORK/warmup.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d30s -s "$ROOT/bench/wrk/post-lines.lua" "$BASE" >"$WORK/wrk-step-warmup.txt"
tail -n +2001 "$WORK/lines.txt" >"$WORK/measured.txt"
wait_quiet
LINES="$WORK/measured.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/wrk/post-lines.lua" "$BASE" | tee "$WORK/wrk-step.txt"

echo "== deadline lists"
OFFICE=$(token bench.office)
ADMIN=$(token bench.admin)
for who in office admin; do
  t=$OFFICE; [ "$who" = admin ] && t=$ADMIN
  curl -fsS -o "$WORK/deadlines-$who.json" -H "Authorization: Bearer $t" "$BASE/api/cases/deadlines"
  wrk -t1 -c1 -d5s -H "Authorization: Bearer $t" "$BASE/api/cases/deadlines" >/dev/null
  wait_quiet
  wrk -t1 -c1 -d"$DURATION" --latency -H "Authorization: Bearer $t" "$BASE/api/cases/deadlines" | tee "$WORK/wrk-deadlines-$who.txt"
done

read -r S_RPS S_P50 S_P90 S_P99 S_NON2XX <<<"$(summary "$WORK/wrk-step.txt")"
S_P95=$(p95 "$WORK/wrk-step.txt")
read -r O_RPS O_P50 O_P90 O_P99 _ <<<"$(summary "$WORK/wrk-deadlines-office.txt")"
read -r A_RPS A_P50 A_P90 A_P99 _ <<<"$(summary "$WORK/wrk-deadlines-admin.txt")"
O_P95=$(p95 "$WORK/wrk-deadlines-office.txt"); A_P95=$(p95 "$WORK/wrk-deadlines-admin.txt")
rows() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%d rows (%d overdue)" % (len(d["items"]), d["overdue"]))' "$1"; }
cat <<REPORT | tee "$WORK/summary.txt"

== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL $PG_HOST:$PG_PORT/$PG_DATABASE, $(psql_ -c 'select count(*) from "Cases"') cases
POST investigate        $S_RPS req/s  p50 $S_P50 ms  p95 ~$S_P95 ms  p99 $S_P99 ms  non-2xx $S_NON2XX ($CONNECTIONS connections)
  budget (p95 < 20 ms): $(awk -v p="$S_P95" -v n="$S_NON2XX" 'BEGIN { print (p < 20 && n == 0) ? "PASS" : "FAIL" }')
deadlines, district     p50 $O_P50 ms  p95 ~$O_P95 ms  p99 $O_P99 ms  $(rows "$WORK/deadlines-office.json")   budget (< 100 ms): $(awk -v p="$O_P95" 'BEGIN { print (p < 100) ? "PASS" : "FAIL" }')
deadlines, province     p50 $A_P50 ms  p95 ~$A_P95 ms  p99 $A_P99 ms  $(rows "$WORK/deadlines-admin.json")   budget (< 1 s): $(awk -v p="$A_P95" 'BEGIN { print (p < 1000) ? "PASS" : "FAIL" }')
REPORT
