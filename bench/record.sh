#!/usr/bin/env bash
# Issue 5's budgets, end to end on PostgreSQL with the province's 10 million inspections and 500,000 targets:
#   1. recording an inspection through the API, every check included: >= 2,000 per second with wrk at p99 < 50 ms,
#      next to pgbench's single-row inserts on the same server in the same run (the ratio is reported);
#   2. a township's inspection list, filtered and paged: p95 < 50 ms (read by another township than the one recording) (wrk's latency includes the loopback, so it is an
#      upper bound of the server time);
#   3. a random draw over the bench district's 50,000 targets, end to end (POST /api/random-plans/{id}/draw): < 1 s; the plan's
#      matter comes from the published list the API gives (LAW 26), and when the province has none the office lists and publishes
#      the recorded bodies' first matter (bench/wrk/draw.py says so on stderr).
#
#   bench/record.sh          # needs a generated PostgreSQL province, see docs/performance.md
#   PG_PORT=5432 PG_DATABASE=province DURATION=30s bench/record.sh
#   (also PG_HOST, RECORD_DATABASE, THREADS, CONNECTIONS, LIST_CONNECTIONS, WARMUP, ENTRUST_PORT, QUIET_LOAD, QUIET_WAIT)
#
# The run records into a copy of the province (RECORD_DATABASE, `CREATE DATABASE … TEMPLATE province STRATEGY FILE_COPY`: about a
# minute for the 13 GB province) and drops the copy at the end, so the province's current month stays a real one. Deleting what a run
# recorded would not do: its audit entries are chained and append-only (ADR 0002, 0006), interleaved with the gaps and notifications
# the scans derived from them. The copy needs the province without other sessions while it is made (the lead's measurements wait).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-55480}"
PG_DATABASE="${PG_DATABASE:-province}"
PG_USER="${PG_USER:-postgres}"
RECORD_DATABASE="${RECORD_DATABASE:-${PG_DATABASE}_record}"
CONNECTION="Host=$PG_HOST;Port=$PG_PORT;Username=$PG_USER;Database=$RECORD_DATABASE;Pooling=true;Maximum Pool Size=200"
WORK="${RECORD_WORK:-/tmp/entrust-record}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
LIST_CONNECTIONS="${LIST_CONNECTIONS:-8}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-60s}"
ENTRUST_PORT="${ENTRUST_PORT:-5183}"
PASSWORD="${BENCH_PASSWORD:-Bench2026}"
QUIET_LOAD="${QUIET_LOAD:-1.0}"
QUIET_WAIT="${QUIET_WAIT:-0}"
BASE="http://127.0.0.1:$ENTRUST_PORT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v pgbench >/dev/null || PATH="$PATH:$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
mkdir -p "$WORK"
PIDS=()
COPIED=0
psql_() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt "$@"; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$COPIED" = 1 ]; then psql_ -d postgres -c "drop database if exists \"$RECORD_DATABASE\" with (force)" && echo "   dropped $RECORD_DATABASE"; fi
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build -c Release "$ROOT/src/Entrust.Web" -v q -nologo >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
dotnet build -c Release "$ROOT/bench/Entrust.Bench" -v q -nologo >>"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
echo "== $RECORD_DATABASE: a copy of $PG_DATABASE to record into (dropped at the end)"
[ "$RECORD_DATABASE" != "$PG_DATABASE" ] || { echo "RECORD_DATABASE must not be $PG_DATABASE" >&2; exit 1; }
psql_ -d postgres -c "drop database if exists \"$RECORD_DATABASE\" with (force)"
COPIED=1
COPY_START=$(date +%s)
psql_ -d postgres -c "create database \"$RECORD_DATABASE\" template \"$PG_DATABASE\" strategy file_copy" \
  || { echo "could not copy $PG_DATABASE: no other session may be connected to it while it is copied" >&2; exit 1; }
echo "   copied in $(( $(date +%s) - COPY_START )) s"
# The copy's gigabytes may still sit in the page cache, unwritten (a server with fsync off, as the dev one): written out during
# the run, they took a third of the recording rate (2026-12-05: 1,563/s, then 2,393/s once written). Write them out first.
SYNC_START=$(date +%s); sync; echo "   written out in $(( $(date +%s) - SYNC_START )) s"
echo "   $(psql_ -d "$RECORD_DATABASE" -c 'select count(*) from "Inspections"') inspections, $(psql_ -d "$RECORD_DATABASE" -c 'select count(*) from "Targets"') targets in $RECORD_DATABASE"

echo "== request bodies"
dotnet "$ROOT/bench/Entrust.Bench/bin/Release/net10.0/Entrust.Bench.dll" record-bodies --connection "$CONNECTION" --out "$WORK/bodies.txt" --count 5000
ACCOUNT=$(head -n 1 "$WORK/bodies.txt")
# The list is read by the district's second township: the first one's month fills up with what this script records.
LIST_ACCOUNT=$(psql_ -d "$RECORD_DATABASE" -c "
  select u.\"UserName\" from \"AspNetUsers\" u join \"Townships\" t on t.\"Id\" = u.\"TownshipId\"
  where u.\"Role\" = 'township' and t.\"Id\" = (
    select x.\"Id\" from \"Townships\" x join \"Districts\" d on d.\"Id\" = x.\"DistrictId\"
    where d.\"Code\" = '500112' order by x.\"Code\" offset 1 limit 1)
  order by u.\"UserName\" limit 1")

source "$ROOT/bench/wrk/common.sh"

echo "== migrations"
( cd "$ROOT/src/Entrust.Web/bin/Release/net10.0" && dotnet Entrust.Web.dll migrate --Database:Provider=Postgres \
    --ConnectionStrings:Entrust="$CONNECTION" ) >"$WORK/migrate.log" 2>&1 || { tail -20 "$WORK/migrate.log"; exit 1; }

echo "== Entrust on 127.0.0.1:$ENTRUST_PORT against PostgreSQL $PG_HOST:$PG_PORT/$RECORD_DATABASE"
( cd "$ROOT/src/Entrust.Web/bin/Release/net10.0" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Entrust.Web.dll \
    --urls "$BASE" --Database:Provider=Postgres --ConnectionStrings:Entrust="$CONNECTION" ) >"$WORK/entrust.log" 2>&1 &
PIDS+=($!)
wait_for "$BASE/health" 120
export TOKEN; TOKEN=$(token "$ACCOUNT")
export BODIES="$WORK/bodies.txt"
BEFORE=$(psql_ -d "$RECORD_DATABASE" -c 'select count(*) from "Inspections"')

echo "   recording as $ACCOUNT: warm-up $WARMUP"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/wrk/record.lua" "$BASE" >"$WORK/wrk-record-warmup.txt"
wait_quiet
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/wrk/record.lua" "$BASE" | tee "$WORK/wrk-record.txt"
AFTER=$(psql_ -d "$RECORD_DATABASE" -c 'select count(*) from "Inspections"')

echo "   the list, read by $LIST_ACCOUNT: warm-up 10s"
TOKEN=$(token "$LIST_ACCOUNT")
wrk -t"$THREADS" -c"$LIST_CONNECTIONS" -d10s -s "$ROOT/bench/wrk/list.lua" "$BASE" >"$WORK/wrk-list-warmup.txt"
wait_quiet
wrk -t"$THREADS" -c"$LIST_CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/wrk/list.lua" "$BASE" | tee "$WORK/wrk-list.txt"

echo "== random draw over the bench district's register"
OFFICE_TOKEN=$(token bench.office)
DRAW_MS=$(python3 "$ROOT/bench/wrk/draw.py" "$BASE" "$OFFICE_TOKEN" "$WORK")
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

echo "== pgbench: single-row inserts, $CONNECTIONS clients, $DURATION"
psql_ -d postgres -c "drop database if exists entrust_pgbench" -c "create database entrust_pgbench"
pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -i -s 1 -q entrust_pgbench >"$WORK/pgbench-init.log" 2>&1
echo "insert into pgbench_history (tid, bid, aid, delta, mtime) values (1, 1, :client_id, 1, now());" >"$WORK/insert.sql"
wait_quiet
pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -f "$WORK/insert.sql" -c "$CONNECTIONS" -j "$THREADS" -T "${DURATION%s}" entrust_pgbench \
  | tee "$WORK/pgbench.txt"
psql_ -d postgres -c "drop database entrust_pgbench"

read -r R_RPS R_P50 R_P90 R_P99 R_NON2XX <<<"$(summary "$WORK/wrk-record.txt")"
L_P95=$(p95 "$WORK/wrk-list.txt")
read -r L_RPS L_P50 L_P90 L_P99 L_NON2XX <<<"$(summary "$WORK/wrk-list.txt")"
PGB_TPS=$(awk '/^tps/ { printf "%.0f", $3 }' "$WORK/pgbench.txt")
RATIO=$(awk -v e="$R_RPS" -v b="$PGB_TPS" 'BEGIN { printf "%.1f", e * 100 / b }')
R_VERDICT=$(awk -v r="$R_RPS" -v p="$R_P99" -v n="$R_NON2XX" 'BEGIN { print (r >= 2000 && p < 50 && n == 0) ? "PASS" : "FAIL" }')
L_VERDICT=$(awk -v p="$L_P95" -v n="$L_NON2XX" 'BEGIN { print (p < 50 && n == 0) ? "PASS" : "FAIL" }')
D_VERDICT=$(awk -v d="$DRAW_MS" 'BEGIN { print (d < 1000) ? "PASS" : "FAIL" }')
cat <<REPORT | tee "$WORK/summary.txt"

== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL $PG_HOST:$PG_PORT/$RECORD_DATABASE, a copy of $PG_DATABASE ($BEFORE inspections before the run)
POST /api/inspections   $R_RPS req/s  p50 $R_P50 ms  p90 $R_P90 ms  p99 $R_P99 ms  non-2xx $R_NON2XX  ($((AFTER - BEFORE)) recorded, warm-up included)
pgbench insert          $PGB_TPS tps ($CONNECTIONS clients)   Entrust / pgbench: $RATIO %
  budget (>= 2000/s at p99 < 50 ms): $R_VERDICT
GET /api/inspections    $L_RPS req/s  p50 $L_P50 ms  p90 $L_P90 ms  p95 ~$L_P95 ms  p99 $L_P99 ms  non-2xx $L_NON2XX  ($LIST_CONNECTIONS connections)
  budget (p95 < 50 ms): $L_VERDICT
POST draw (50,000)      $DRAW_MS ms (median of the runs in $WORK/draw.txt)   budget (< 1 s): $D_VERDICT
REPORT
