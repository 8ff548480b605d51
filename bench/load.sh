#!/usr/bin/env bash
# Load test, end to end: 3,000 authenticated GET /api/matters pages per second at p99 < 20 ms (issue 2's budget),
# next to a bare ASP.NET Core JSON endpoint measured in the same run with the same wrk settings.
#
#   bench/load.sh                      # generates the province first if it is missing
#   DURATION=10s WARMUP=10s bench/load.sh
#   ENTRUST_BIN=/tmp/other-build bench/load.sh   # a build made elsewhere (e.g. before a change), not rebuilt here
#   (also THREADS, CONNECTIONS, ENTRUST_PORT, BARE_PORT, QUERY, QUIET_LOAD, QUIET_WAIT, SCAN_WAIT: 0 skips the wait for the first gap scan)
#
# Both servers run Release builds on 127.0.0.1 only and are stopped when the script ends. wrk shares the cores with the
# server, as it would on the 2-core reference machine. The warm-up is long because the runtime keeps recompiling hot
# methods (tiered compilation) for the first 20-30 s under load. The machine may be shared: the script waits (up to
# QUIET_WAIT seconds) for the 1-minute load average to drop below QUIET_LOAD, and reports how much CPU other processes
# took during each run, so that a result measured next to someone's build can be told apart.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${ENTRUST_BENCH_DATA:-/tmp/entrust-province/data}"
WORK="${LOAD_WORK:-/tmp/entrust-load}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-30s}"
ENTRUST_PORT="${ENTRUST_PORT:-5181}"
BARE_PORT="${BARE_PORT:-5182}"
USER_NAME="${BENCH_USER:-bench.office}"
PASSWORD="${BENCH_PASSWORD:-Bench2026}"
QUERY="${QUERY:-/api/matters?pageSize=20}"
QUIET_LOAD="${QUIET_LOAD:-1.0}"
QUIET_WAIT="${QUIET_WAIT:-0}"
ENTRUST_BIN="${ENTRUST_BIN:-}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
for port in "$ENTRUST_PORT" "$BARE_PORT"; do
  if ss -ltn | grep -q "127.0.0.1:$port "; then echo "port $port is taken; set ENTRUST_PORT / BARE_PORT" >&2; exit 1; fi
done
mkdir -p "$WORK"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== build (Release)"
if [ -z "$ENTRUST_BIN" ]; then
  dotnet build -c Release "$ROOT/src/Entrust.Web" -v q -nologo >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
  ENTRUST_BIN="$ROOT/src/Entrust.Web/bin/Release/net10.0"
fi
dotnet build -c Release "$ROOT/bench/BareJson" -v q -nologo >>"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
if [ ! -f "$DATA/entrust.db" ]; then
  echo "== generate the province into $DATA"
  dotnet run -c Release --project "$ROOT/bench/Entrust.Bench" -- generate --provider sqlite --out "$DATA"
fi

# A copy, so that the run leaves the generated database as it was.
rm -rf "$WORK/data" && mkdir -p "$WORK/data" && cp "$DATA/entrust.db" "$WORK/data/"

source "$ROOT/bench/wrk/common.sh"

busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Runs wrk against a server and prints "<server %CPU> <wrk %CPU> <others %CPU>" (percent of one core) to $3.
measure() { # server pid, url, cpu file, wrk output, wrk args…
  local pid=$1 url=$2 cpu=$3 out=$4; shift 4
  local hz; hz=$(getconf CLK_TCK)
  local b0 s0 b1 s1 secs wrk_cpu
  b0=$(busy_ticks); s0=$(proc_ticks "$pid"); local t0; t0=$(date +%s.%N)
  { TIMEFORMAT='%U %S'; time wrk "$@" "$url" >"$out"; } 2>"$out.time"
  b1=$(busy_ticks); s1=$(proc_ticks "$pid"); secs=$(echo "$(date +%s.%N) - $t0" | bc -l)
  wrk_cpu=$(awk '{ print $1 + $2 }' "$out.time")
  awk -v b=$((b1 - b0)) -v s=$((s1 - s0)) -v w="$wrk_cpu" -v hz="$hz" -v t="$secs" 'BEGIN {
    server = s / hz / t * 100; wrk = w / t * 100; all = b / hz / t * 100; other = all - server - wrk; if (other < 0) other = 0
    printf "%.0f %.0f %.0f\n", server, wrk, other }' >"$cpu"
}

echo "== Entrust ($ENTRUST_BIN) on 127.0.0.1:$ENTRUST_PORT against a copy of $DATA"
# The build output is the content root, so appsettings.json (quiet logging) applies as in production. The token is taken once:
# its life is a day here (Sessions__AccessTokenMinutes, exported by bench/wrk/common.sh), so a long run keeps it valid.
( cd "$ENTRUST_BIN" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Entrust.Web.dll \
    --urls "http://127.0.0.1:$ENTRUST_PORT" --Database:DataDirectory="$WORK/data" ) >"$WORK/entrust.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$ENTRUST_PORT/health" 60
TOKEN=$(curl -fsS -X POST "http://127.0.0.1:$ENTRUST_PORT/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"userName\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
TOTAL=$(curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$ENTRUST_PORT$QUERY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "   $USER_NAME sees $TOTAL matters; one page is $(curl -fsS -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$ENTRUST_PORT$QUERY") bytes"
# The generated province was never scanned for gaps: the first scan of changes (every minute, Gaps:ChangesCron) scans all its
# districts, a one-off catch-up a running district did long ago. Wait for it to end (the scans' count on /metrics stops moving)
# so that the measured window holds only the scans a running district has: those of districts that changed, here none.
if [ "${SCAN_WAIT:-300}" -gt 0 ]; then
  echo "   waiting for the first gap scan of changes to end (at most ${SCAN_WAIT:-300} s)"
  scans() { curl -fsS "http://127.0.0.1:$ENTRUST_PORT/metrics" | awk '/^entrust_gap_scan_duration[a-z_]*_count/ { s += $2 } END { print s + 0 }'; }
  last=-1; still=0; deadline=$((SECONDS + ${SCAN_WAIT:-300}))
  while [ $SECONDS -lt $deadline ]; do
    now=$(scans)
    if [ "$now" -gt 0 ] && [ "$now" = "$last" ]; then still=$((still + 1)); [ $still -ge 3 ] && break; else still=0; fi
    last=$now; sleep 5
  done
  echo "   $(scans) district scans done"
fi
echo "   warm-up $WARMUP"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$ENTRUST_PORT$QUERY" >"$WORK/wrk-entrust-warmup.txt"
wait_quiet
measure "${PIDS[-1]}" "http://127.0.0.1:$ENTRUST_PORT$QUERY" "$WORK/cpu-entrust.txt" "$WORK/wrk-entrust.txt" \
  -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN"
cat "$WORK/wrk-entrust.txt"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

echo "== bare JSON endpoint on 127.0.0.1:$BARE_PORT"
( cd "$ROOT/bench/BareJson/bin/Release/net10.0" && ASPNETCORE_ENVIRONMENT=Production exec dotnet BareJson.dll \
    --urls "http://127.0.0.1:$BARE_PORT" ) >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$BARE_PORT/json" 30
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$BARE_PORT/json" >"$WORK/wrk-bare-warmup.txt"
wait_quiet
measure "${PIDS[-1]}" "http://127.0.0.1:$BARE_PORT/json" "$WORK/cpu-bare.txt" "$WORK/wrk-bare.txt" \
  -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency
cat "$WORK/wrk-bare.txt"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

read -r E_RPS E_P50 E_P90 E_P99 E_NON2XX <<<"$(summary "$WORK/wrk-entrust.txt")"
read -r B_RPS B_P50 B_P90 B_P99 B_NON2XX <<<"$(summary "$WORK/wrk-bare.txt")"
read -r E_SRV E_WRK E_OTHER <"$WORK/cpu-entrust.txt"
read -r B_SRV B_WRK B_OTHER <"$WORK/cpu-bare.txt"
RATIO=$(awk -v e="$E_RPS" -v b="$B_RPS" 'BEGIN { printf "%.1f", e * 100 / b }')
E_US=$(awk -v c="$E_SRV" -v r="$E_RPS" 'BEGIN { printf "%.0f", c / 100 * 1000000 / r }')
B_US=$(awk -v c="$B_SRV" -v r="$B_RPS" 'BEGIN { printf "%.0f", c / 100 * 1000000 / r }')
VERDICT=$(awk -v r="$E_RPS" -v p="$E_P99" -v n="$E_NON2XX" 'BEGIN { print (r >= 3000 && p < 20 && n == 0) ? "PASS" : "FAIL" }')
cat <<EOF | tee "$WORK/summary.txt"

== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency after a $WARMUP warm-up
endpoint                       req/s   p50 ms   p90 ms   p99 ms  non-2xx  server CPU  us CPU/req  wrk CPU  others' CPU
GET $QUERY $(printf '%7s %8s %8s %8s %8s %10s%% %11s %7s%% %11s%%' "$E_RPS" "$E_P50" "$E_P90" "$E_P99" "$E_NON2XX" "$E_SRV" "$E_US" "$E_WRK" "$E_OTHER")
GET /json (bare)               $(printf '%7s %8s %8s %8s %8s %10s%% %11s %7s%% %11s%%' "$B_RPS" "$B_P50" "$B_P90" "$B_P99" "$B_NON2XX" "$B_SRV" "$B_US" "$B_WRK" "$B_OTHER")
(CPU in percent of one core; the machine has $(( $(nproc) * 100 ))%. "others" is every other process on the machine.)
Entrust / bare: $RATIO %   budget (>= 3000 req/s at p99 < 20 ms): $VERDICT
EOF
