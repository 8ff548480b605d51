#!/usr/bin/env bash
# Cold start to the first page on SQLite (issue 2's budget: < 5 s). Starts the Release build as a new process and
# polls GET /Account/Login until it answers 200, RUNS times each against
#   province: a fresh copy of the generated province (40 districts, 20,000 users), and
#   empty:    an empty data directory (the app creates the database, migrates it and loads the demo district).
#
#   bench/coldstart.sh            RUNS=5 PORT=5183 PAGE=/Account/Login
#
# "Cold" means a new process: the runtime, the app and EF start from nothing. The operating system's file cache is
# warm after the first run; DROP_CACHES=1 empties it before each run (needs root and a kernel that allows it).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${ENTRUST_BENCH_DATA:-/tmp/entrust-province/data}"
WORK="${COLDSTART_WORK:-/tmp/entrust-coldstart}"
RUNS="${RUNS:-5}"
PORT="${PORT:-5183}"
PAGE="${PAGE:-/Account/Login}"
BIN="$ROOT/src/Entrust.Web/bin/Release/net10.0"

if ss -ltn | grep -q "127.0.0.1:$PORT "; then echo "port $PORT is taken; set PORT" >&2; exit 1; fi
echo "== build (Release)"
mkdir -p "$WORK"
dotnet build -c Release "$ROOT/src/Entrust.Web" -v q -nologo >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log"; exit 1; }
if [ ! -f "$DATA/entrust.db" ]; then
  dotnet run -c Release --project "$ROOT/bench/Entrust.Bench" -- generate --provider sqlite --out "$DATA"
fi

one_start() { # case, run → prints milliseconds to the first 200
  local dir="$WORK/$1-$2"
  rm -rf "$dir" && mkdir -p "$dir"
  [ "$1" = province ] && cp "$DATA/entrust.db" "$dir/"
  if [ "${DROP_CACHES:-0}" = 1 ]; then sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true; fi
  local t0 t1 pid code
  t0=$(date +%s%N)
  ( cd "$BIN" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Entrust.Web.dll --urls "http://127.0.0.1:$PORT" \
      --Database:DataDirectory="$dir" ) >"$dir.log" 2>&1 &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$PAGE" 2>/dev/null || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$pid" 2>/dev/null; then echo "the app exited; see $dir.log" >&2; return 1; fi
    if [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 60000 ]; then echo "no 200 from $PAGE within 60 s (last $code)" >&2; kill "$pid"; return 1; fi
    sleep 0.02
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

RESULTS=()
for case in province empty; do
  times=()
  for run in $(seq 1 "$RUNS"); do
    times+=("$(one_start "$case" "$run")")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  worst=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
  RESULTS+=("$(printf '%-9s median %5s ms   worst %5s ms   runs: %s' "$case" "$median" "$worst" "$sorted")")
done

cat <<EOF | tee "$WORK/summary.txt"

== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); start → first 200 from GET $PAGE
$(printf '%s\n' "${RESULTS[@]}")
budget: < 5000 ms
EOF
