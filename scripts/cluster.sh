#!/usr/bin/env bash
# Three nodes of Entrust on one PostgreSQL behind nginx (round robin), for trying what issue 19 asks of several nodes.
#
#   scripts/cluster.sh up          build, create a fresh database "cluster" (demo district), start nodes 1-3 and nginx
#   scripts/cluster.sh down        stop nginx and the nodes this script started
#   scripts/cluster.sh kill NODE   kill -9 one node (1, 2 or 3), as a crash would
#   scripts/cluster.sh test        the cross-node cache check: an agreement terminated on node 1 is refused on nodes 2 and 3
#                                  at once, with a token node 1 issued; ends with a PASS or FAIL line
#   scripts/cluster.sh drill       30 s of wrk (reads and inspection writes) through nginx, node 2 killed -9 after 10 s:
#                                  the errors clients saw, acknowledged writes all stored, sessions alive (wrk: apt-get install wrk)
#
# Nodes listen on 127.0.0.1:5101-5103, nginx on 127.0.0.1:5100. ENTRUST_CLUSTER_POSTGRES names the server (default: the dev
# PostgreSQL on port 55433); nginx comes from Debian's package (apt-get install nginx-light). State, logs and pids live in
# $ENTRUST_CLUSTER_DIR (default /tmp/entrust-cluster). Not a load test.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SERVER="${ENTRUST_CLUSTER_POSTGRES:-Host=127.0.0.1;Port=55433;Username=postgres}"
STATE="${ENTRUST_CLUSTER_DIR:-/tmp/entrust-cluster}"
CONFIG="${CONFIG:-Release}"
DLL="$ROOT/src/Entrust.Web/bin/$CONFIG/net10.0/Entrust.Web.dll"
PASSWORD="${ENTRUST_DEMO_PASSWORD:-Entrust2026}"
BALANCER=5100
NODES=(1 2 3)

port() { echo $((5100 + $1)); }

# psql's own settings from the connection string.
pg() {
    local host port user
    host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$SERVER")
    port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$SERVER")
    user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$SERVER")
    psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -v ON_ERROR_STOP=1 -qAt "$@"
}

node_env() {
    export ASPNETCORE_ENVIRONMENT=Production
    export Database__Provider=Postgres
    export ConnectionStrings__Entrust="$SERVER;Database=cluster"
    export Demo__LoadWhenEmpty=true
    export ENTRUST_DEMO_PASSWORD="$PASSWORD"
    # The drill and the checks sign in once: a day-long access token (the platform's 15 minutes would end a long drill).
    export Sessions__AccessTokenMinutes="${Sessions__AccessTokenMinutes:-1440}"
}

wait_ready() { # URL, seconds
    local i
    for ((i = 0; i < $2 * 5; i++)); do
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1/health/ready" || true)" == 200 ]]; then return 0; fi
        sleep 0.2
    done
    echo "not ready after $2 s: $1" >&2
    return 1
}

start_node() {
    local n=$1
    node_env
    nohup dotnet "$DLL" --urls "http://127.0.0.1:$(port "$n")" >"$STATE/node$n.log" 2>&1 &
    echo $! >"$STATE/node$n.pid"
    wait_ready "http://127.0.0.1:$(port "$n")" 120
    echo "node $n ready on $(port "$n") (pid $(cat "$STATE/node$n.pid"))"
}

nginx_conf() {
    cat >"$STATE/nginx.conf" <<EOF
worker_processes 1;
pid $STATE/nginx.pid;
error_log $STATE/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log $STATE/nginx-access.log;
    client_body_temp_path $STATE/tmp;
    proxy_temp_path $STATE/tmp;
    upstream entrust {
$(for n in "${NODES[@]}"; do echo "        server 127.0.0.1:$(port "$n") max_fails=1 fail_timeout=2s;"; done)
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$BALANCER;
        client_max_body_size 50m;
        location / {
            proxy_pass http://entrust;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # A node that died: the request goes to the next one (only what is safe to repeat, as nginx decides by default).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 1s;
        }
    }
}
EOF
}

up() {
    command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 1; }
    down >/dev/null 2>&1 || true
    mkdir -p "$STATE/tmp"
    (cd "$ROOT" && dotnet build -c "$CONFIG" src/Entrust.Web 2>&1 | tail -2)
    pg -d postgres -c 'DROP DATABASE IF EXISTS cluster WITH (FORCE)' -c "CREATE DATABASE cluster ENCODING 'UTF8' TEMPLATE template0"
    (node_env && dotnet "$DLL" migrate >"$STATE/migrate.log" 2>&1)
    # Node 1 alone first: it loads the demo district and creates the key ring; the others find both.
    for n in "${NODES[@]}"; do start_node "$n"; done
    nginx_conf
    nginx -c "$STATE/nginx.conf" -p "$STATE"
    wait_ready "http://127.0.0.1:$BALANCER" 10
    echo "balancer on http://127.0.0.1:$BALANCER (round robin over ${#NODES[@]} nodes)"
}

down() {
    if [[ -f "$STATE/nginx.pid" ]]; then
        nginx -c "$STATE/nginx.conf" -p "$STATE" -s quit || true
        rm -f "$STATE/nginx.pid"
    fi
    for n in "${NODES[@]}"; do
        if [[ -f "$STATE/node$n.pid" ]]; then
            kill "$(cat "$STATE/node$n.pid")" 2>/dev/null || true
            rm -f "$STATE/node$n.pid"
        fi
    done
    echo "cluster stopped"
}

kill_node() {
    local n=${1:?which node: 1, 2 or 3}
    [[ -f "$STATE/node$n.pid" ]] || { echo "node $n is not running" >&2; exit 1; }
    kill -9 "$(cat "$STATE/node$n.pid")"
    rm -f "$STATE/node$n.pid"
    echo "node $n killed"
}

# The cross-node cache check. Node 2 and node 3 are asked first, so each keeps 歇马镇's agreements in memory; node 1 then
# terminates the one that entitles 歇马镇 to 森林防火检查 (198-04); the very next question on nodes 2 and 3 must be refused.
check() {
    local one="http://127.0.0.1:5101" token township matter today question agreement n allowed failed=0
    token=$(curl -sf "$one/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"userName\":\"office\",\"password\":\"$PASSWORD\"}" | jq -r .accessToken)
    township=$(curl -sf "$one/api/townships?pageSize=100" -H "Authorization: Bearer $token" | jq -r '(if type == "array" then . else .items end)[] | select(.name=="歇马镇") | .id')
    matter=$(curl -sf "$one/api/matters?q=198-04&pageSize=50" -H "Authorization: Bearer $token" | jq -r '.items[] | select(.code=="198-04") | .id')
    today=$(TZ=Asia/Shanghai date +%F)
    question="/api/entitlements?township=$township&matter=$matter&authority=InspectionOnly&date=$today"
    for n in 2 3; do
        allowed=$(curl -sf "http://127.0.0.1:$(port "$n")$question" -H "Authorization: Bearer $token" | jq -r .allowed)
        if [[ "$allowed" != true ]]; then
            echo "FAIL: node $n answers allowed=$allowed before the termination (run 'up' for a fresh database)"
            return 1
        fi
    done
    agreement=$(curl -sf "$one$question" -H "Authorization: Bearer $token" | jq -r .agreementId)
    curl -sf "$one/api/agreements/$agreement/terminate" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"terminatedOn\":\"$today\",\"reason\":\"集群缓存检查\"}" >/dev/null
    for n in 2 3; do
        allowed=$(curl -sf "http://127.0.0.1:$(port "$n")$question" -H "Authorization: Bearer $token" | jq -r .allowed)
        echo "node $n after the termination on node 1: allowed=$allowed"
        [[ "$allowed" == false ]] || failed=1
    done
    allowed=$(curl -sf "http://127.0.0.1:$BALANCER$question" -H "Authorization: Bearer $token" | jq -r .allowed)
    echo "through the balancer: allowed=$allowed"
    [[ "$allowed" == false ]] || failed=1
    if ((failed)); then echo "FAIL: a node still answered from its old cache"; return 1; fi
    echo "PASS: the termination on node 1 was refused on nodes 2 and 3 at once, with node 1's token"
}

# The kill-under-load drill (issue 19): 30 s of wrk through nginx, one thread reading the inspection list as the office, one
# recording inspections as 歇马镇 (the matter, targets and officers of the demo's latest routine inspection there); node 2 is
# killed with -9 ten seconds in. It prints the answers and errors each thread saw, when the errors were, whether every
# inspection that got a 201 is in the database, whether the tokens issued before the kill still open the API (sessions
# survive) and whether the audit chain verifies; node 2 is started again at the end. DURATION and KILL_AFTER (seconds) change it.
drill() {
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
    local lb="http://127.0.0.1:$BALANCER" duration=${DURATION:-30} after=${KILL_AFTER:-10} township sample body before written killed
    [[ -f "$STATE/node2.pid" ]] || { echo "node 2 is not running: run 'up' first" >&2; exit 1; }
    login() { curl -sf "$lb/api/auth/login" -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$PASSWORD\"}" | jq -r .accessToken; }
    export READ_TOKEN WRITE_TOKEN WRITE_BODY
    READ_TOKEN=$(login office)
    WRITE_TOKEN=$(login town.xiema)
    township=$(pg -d cluster -c "SELECT \"Id\" FROM \"Townships\" WHERE \"Name\" = '歇马镇'")
    sample=$(pg -d cluster -c "SELECT i.\"MatterId\" || '|' ||
          (SELECT string_agg('\"' || t.\"TargetId\" || '\"', ',') FROM \"InspectionTargets\" t WHERE t.\"InspectionId\" = i.\"Id\") || '|' ||
          (SELECT string_agg('\"' || o.\"OfficerId\" || '\"', ',') FROM \"InspectionOfficers\" o WHERE o.\"InspectionId\" = i.\"Id\")
        FROM \"Inspections\" i WHERE i.\"TownshipId\" = '$township' AND i.\"CampaignId\" IS NULL AND i.\"RandomPlanId\" IS NULL
          AND i.\"ReinspectionOfOrderId\" IS NULL AND cardinality(i.\"JointDepartmentIds\") = 0
        ORDER BY i.\"StartedAt\" DESC LIMIT 1")
    IFS='|' read -r matter targets officers <<<"$sample"
    WRITE_BODY="{\"matterId\":\"$matter\",\"kind\":\"Routine\",\"startedAt\":\"$(date -u -d '-1 hour' +%FT%TZ)\",\"targetIds\":[$targets],\"officerIds\":[$officers],\"findings\":\"集群演练：检查通道与消防器材，未发现问题。\",\"result\":\"NoProblem\"}"
    local probe
    probe=$(curl -s -o "$STATE/drill-probe.json" -w '%{http_code}' "$lb/api/inspections" -H "Authorization: Bearer $WRITE_TOKEN" -H 'Content-Type: application/json' -d "$WRITE_BODY")
    [[ "$probe" == 201 ]] || { echo "FAIL: the sample inspection is refused ($probe): $(cat "$STATE/drill-probe.json")"; return 1; }
    before=$(pg -d cluster -c 'SELECT count(*) FROM "Inspections"')
    echo "load before: $(uptime)"
    wrk -t2 -c16 -d"${duration}s" -s "$ROOT/scripts/cluster-drill.lua" "$lb" >"$STATE/drill-wrk.txt" &
    local wrk_pid=$!
    sleep "$after"
    killed=$(date +%s)
    kill_node 2
    wait "$wrk_pid"
    echo "load after:  $(uptime)"
    cat "$STATE/drill-wrk.txt"
    echo "node 2 killed at $killed"
    written=$(pg -d cluster -c 'SELECT count(*) FROM "Inspections"')
    local acknowledged failed=0
    acknowledged=$(awk '$1 == "writes" { print $4 }' "$STATE/drill-wrk.txt")
    echo "inspections acknowledged (201): $acknowledged; rows added: $((written - before))"
    ((written - before >= acknowledged)) || { echo "an acknowledged inspection is missing"; failed=1; }
    for who in READ_TOKEN WRITE_TOKEN; do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "$lb/api/me" -H "Authorization: Bearer ${!who}")" == 200 ]] || { echo "a token issued before the kill is refused"; failed=1; }
    done
    [[ "$(curl -sf "$lb/api/audit/verify" -H "Authorization: Bearer $READ_TOKEN" | jq -r .intact)" == true ]] || { echo "the audit chain does not verify"; failed=1; }
    start_node 2
    if ((failed)); then echo "FAIL"; return 1; fi
    echo "PASS: every acknowledged inspection is in the database, sessions survived, the audit chain verifies (errors above)"
}

case "${1:-}" in
up) up ;;
down) down ;;
kill) kill_node "${2:-}" ;;
test) check ;;
drill) drill ;;
*)
    echo "usage: $0 up|down|kill NODE|test|drill" >&2
    exit 2
    ;;
esac
