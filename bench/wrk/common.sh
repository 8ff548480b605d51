# Shell helpers shared by bench/load.sh, bench/record.sh and bench/cases.sh (sourced; BASE, PASSWORD, QUIET_LOAD, QUIET_WAIT set by the caller).

# Access tokens last 15 minutes (Sessions:AccessTokenMinutes) and these runs sign in once: the servers the scripts start after
# sourcing this file inherit a day-long token life (the longest the platform allows), so a long run never meets a 401.
export Sessions__AccessTokenMinutes="${Sessions__AccessTokenMinutes:-1440}"

wait_for() { # url, seconds
  for _ in $(seq 1 $(( $2 * 20 ))); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; return 1
}

# Waits (up to QUIET_WAIT seconds) for the 1-minute load average to drop below QUIET_LOAD, and says what it was.
wait_quiet() {
  local waited=0
  while awk -v max="$QUIET_LOAD" '{ exit !($1 >= max) }' /proc/loadavg && [ "$waited" -lt "$QUIET_WAIT" ]; do
    sleep 10; waited=$((waited + 10))
  done
  echo "   load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}

token() { # user
  curl -fsS -X POST "$BASE/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$1\",\"password\":\"$PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

# wrk's Requests/sec, latency percentiles in ms and non-2xx count.
summary() { # file
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) } /^ +90%/ { p90 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { non2xx = $NF }
    END { printf "%.0f %.2f %.2f %.2f %s\n", rps, p50, p90, p99, (non2xx == "" ? 0 : non2xx) }' "$1"
}

# p95 from wrk --latency (which prints 50/75/90/99): interpolated between 90 and 99, an upper bound when the tail grows.
p95() { # file
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +90%/ { p90 = ms($2) } /^ +99%/ { p99 = ms($2) }
    END { printf "%.2f\n", p90 + (p99 - p90) * 5 / 9 }' "$1"
}
