#!/usr/bin/env bash
# Three nodes of Entrust on one PostgreSQL behind nginx (round robin), for trying what issue 19 asks of several nodes.
#
#   scripts/cluster.sh up          build, create a fresh database "cluster" (demo district), start nodes 1-3 and nginx
#   scripts/cluster.sh down        stop nginx and the nodes this script started
#   scripts/cluster.sh kill NODE   kill -9 one node (1, 2 or 3), as a crash would
#   scripts/cluster.sh check       the cross-node cache check: an agreement terminated on node 1 is refused on nodes 2 and 3 within a second
#                                  at once, with a token node 1 issued (needs a fresh 'up')
#   scripts/cluster.sh drill       the kill drill: wrk through nginx recording inspections and filing cases, each write with
#                                  an Idempotency-Key and retried with it after an error; node 2 killed -9 ten seconds in;
#                                  then every acknowledged write stored once, nothing half-written, the audit chain verifies,
#                                  the errors at the balancer and the recovery time (wrk: apt-get install wrk)
#   scripts/cluster.sh failover    the same drill, but at KILL_AFTER the PostgreSQL primary is stopped and its standby promoted
#                                  (scripts/standby.sh failover); the nodes must run on both (see docs/operations.md):
#                                    scripts/standby.sh up
#                                    ENTRUST_CLUSTER_POSTGRES='Host=127.0.0.1:55490,127.0.0.1:55491;Username=postgres;Target
#                                      Session Attributes=primary;Host Recheck Seconds=1' scripts/cluster.sh up   (and failover)
#   scripts/cluster.sh throughput  one node asked directly, one node through nginx and three through nginx, same run, each
#                                  twice in mirrored order: authenticated reads and inspection writes per second, PASS when
#                                  the three reach 90 % of the one asked directly (needs 'up')
#   scripts/cluster.sh restart     the nodes drained and started again with this shell's environment (to try DOTNET_ settings)
#   scripts/cluster.sh separate    the control for throughput: nodes 2 and 3 restarted on copies of the database of their own,
#                                  sharing nothing with node 1 but nginx ('restart' puts them back)
#   scripts/cluster.sh test        up, check, drill, down: ends with one PASS or FAIL line (KEEP=1 leaves the cluster up)
#
# Nodes listen on 127.0.0.1:5101-5103, nginx on 127.0.0.1:5100 (and on 5099 for node 1 alone, which 'throughput' measures).
# ENTRUST_CLUSTER_POSTGRES names the server (default: the dev PostgreSQL on port 55433); nginx comes from Debian's package
# (apt-get install nginx-light). State, logs and pids live in $ENTRUST_CLUSTER_DIR (default /tmp/entrust-cluster). Not a load
# test.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SERVER="${ENTRUST_CLUSTER_POSTGRES:-Host=127.0.0.1;Port=55433;Username=postgres}"
STATE="${ENTRUST_CLUSTER_DIR:-/tmp/entrust-cluster}"
CONFIG="${CONFIG:-Release}"
DLL="$ROOT/src/Entrust.Web/bin/$CONFIG/net10.0/Entrust.Web.dll"
PASSWORD="${ENTRUST_DEMO_PASSWORD:-Entrust2026}"
BALANCER=5100
BALANCER_ONE=5099 # node 1 alone through nginx (throughput)
NODES=(1 2 3)

port() { echo $((5100 + $1)); }

# psql's own settings from the connection string: libpq's form of Npgsql's, one host or several ("Host=a:5432,b:5433" becomes
# "host=a,b port=5432,5433"), always on the one that takes writes (target_session_attrs=read-write), as the nodes are.
pg() {
    local hosts port user entry h="" p="" db
    hosts=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$SERVER")
    port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$SERVER")
    user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$SERVER")
    for entry in ${hosts//,/ }; do
        h="$h${h:+,}${entry%%:*}"
        [[ "$entry" == *:* ]] && p="$p${p:+,}${entry##*:}" || p="$p${p:+,}${port:-5432}"
    done
    [[ "$1" == -d ]] && { db=$2; shift 2; }
    psql "host=${h:-127.0.0.1} port=${p:-5432} user=${user:-postgres} dbname=${db:-postgres} target_session_attrs=read-write" \
        -v ON_ERROR_STOP=1 -qAt "$@"
}

node_env() {
    export ASPNETCORE_ENVIRONMENT=Production
    export Database__Provider=Postgres
    export ConnectionStrings__Entrust="$SERVER;Database=${NODE_DATABASE:-cluster}"
    export Demo__LoadWhenEmpty=true
    export ENTRUST_DEMO_PASSWORD="$PASSWORD"
    # The drill and the checks sign in once: a day-long access token (the platform's 15 minutes would end a long drill).
    export Sessions__AccessTokenMinutes="${Sessions__AccessTokenMinutes:-1440}"
    # What the nodes share besides the database: the audit chain's key (each node must seal and verify with the same one) and
    # the data folder (the audit checkpoints), which stands in for shared storage here.
    export Audit__ChainKey="$(cat "$STATE/audit-chain.key")"
    export Database__DataDirectory="${NODE_DATA:-$STATE/data}"
    # Three nodes share this machine's two cores: a thread pool's idle workers spinning (sched_yield) before they sleep took a
    # quarter of a node's CPU once its share of the load was a third (perf, 2026-12-05). Nodes on their own machines need not.
    export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
    # And the workstation collector, not the server one (a heap and collector threads per core, three times over on two cores):
    # one node's writes went up a tenth; three nodes' ratio to one stayed within the runs' spread (docs/performance.md).
    export DOTNET_gcServer="${DOTNET_gcServer:-0}"
    export DOTNET_gcConcurrent="${DOTNET_gcConcurrent:-0}"
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
    # From its own folder, as a deployment runs it: the content root holds appsettings.json (the log levels; without it every
    # SQL command is logged).
    (cd "$(dirname "$DLL")" && exec nohup dotnet "$DLL" --urls "http://127.0.0.1:$(port "$n")" >"$STATE/node$n.log" 2>&1) &
    echo $! >"$STATE/node$n.pid"
    disown # a node killed -9 later is no job of this shell's to report
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
    # The time (epoch s with ms), the answer and the node that gave it: the drill counts the errors at the balancer from here.
    log_format drill '\$msec \$status \$request_time \$request_method \$uri \$upstream_addr';
    access_log $STATE/nginx-access.log drill;
    client_body_temp_path $STATE/tmp;
    proxy_temp_path $STATE/tmp;
    upstream entrust {
$(for n in "${NODES[@]}"; do echo "        server 127.0.0.1:$(port "$n") max_fails=1 fail_timeout=2s;"; done)
        keepalive 32;
    }
    # Node 1 alone behind the same nginx: 'throughput' measures one node with the balancer's hop, so that the balancer's share
    # and the clustering's share of a loss are told apart. Not for users.
    upstream entrust_one {
        server 127.0.0.1:$(port 1);
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$BALANCER_ONE;
        location / {
            proxy_pass http://entrust_one;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
        }
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
    # A fresh database, a fresh data folder: the audit checkpoints kept there name the old database's chain (verify would
    # rightly call the new, shorter chain a deleted tail).
    rm -rf "$STATE/data"
    mkdir -p "$STATE/tmp" "$STATE/data"
    [[ -f "$STATE/audit-chain.key" ]] || head -c 32 /dev/urandom | base64 >"$STATE/audit-chain.key"
    (cd "$ROOT" && dotnet build -c "$CONFIG" src/Entrust.Web 2>&1 | tail -2)
    pg -d postgres -c 'DROP DATABASE IF EXISTS cluster WITH (FORCE)' -c "CREATE DATABASE cluster ENCODING 'UTF8' TEMPLATE template0"
    (node_env && cd "$(dirname "$DLL")" && dotnet "$DLL" migrate >"$STATE/migrate.log" 2>&1)
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
    local n pid i entry stopping=()
    for n in "${NODES[@]}"; do
        if [[ -f "$STATE/node$n.pid" ]]; then
            pid=$(cat "$STATE/node$n.pid")
            kill "$pid" 2>/dev/null && stopping+=("$n:$pid")
            rm -f "$STATE/node$n.pid"
        fi
    done
    # SIGTERM drains a node (its requests, the inspection writer); the host allows 30 s. One still there after 40 s is killed
    # and named: a node once hung in its shutdown after its PostgreSQL went away (the failover drill's pair, stopped after).
    for entry in "${stopping[@]}"; do
        pid=${entry#*:}
        for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            kill -9 "$pid"
            echo "node ${entry%%:*} (pid $pid) did not end 40 s after SIGTERM: killed"
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
# terminates the one that entitles 歇马镇 to 森林防火检查 (198-04); nodes 2 and 3 hear it at the commit (LISTEN/NOTIFY,
# Platform/ReferenceListener.cs) and must refuse within a second (the issue's bound); the script says after how long.
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
    local started waited asks
    for n in 2 3; do
        started=$(date +%s%N)
        for asks in $(seq 1 50); do
            allowed=$(curl -sf "http://127.0.0.1:$(port "$n")$question" -H "Authorization: Bearer $token" | jq -r .allowed)
            [[ "$allowed" == false ]] && break
            (( ($(date +%s%N) - started) < 1000000000 )) || break
            sleep 0.02
        done
        waited=$(( ($(date +%s%N) - started) / 1000000 ))
        echo "node $n after the termination on node 1: allowed=$allowed (asked $asks times over ${waited} ms)"
        [[ "$allowed" == false ]] || failed=1
    done
    allowed=$(curl -sf "http://127.0.0.1:$BALANCER$question" -H "Authorization: Bearer $token" | jq -r .allowed)
    echo "through the balancer: allowed=$allowed"
    [[ "$allowed" == false ]] || failed=1
    if ((failed)); then echo "FAIL: a node still answered from its old cache"; return 1; fi
    echo "PASS: the termination on node 1 was refused on nodes 2 and 3 within a second, with node 1's token"
}

# INSPECTION_BODY: an inspection 歇马镇 may record now (the matter, targets and officers of the demo's latest routine inspection
# there), its findings naming "{key}" (the drill replaces it with the write's Idempotency-Key).
inspection_body() {
    local sample matter targets officers
    sample=$(pg -d cluster -c "SELECT i.\"MatterId\" || '|' ||
          (SELECT string_agg('\"' || t.\"TargetId\" || '\"', ',') FROM \"InspectionTargets\" t WHERE t.\"InspectionId\" = i.\"Id\") || '|' ||
          (SELECT string_agg('\"' || o.\"OfficerId\" || '\"', ',') FROM \"InspectionOfficers\" o WHERE o.\"InspectionId\" = i.\"Id\")
        FROM \"Inspections\" i WHERE i.\"TownshipId\" = '$1' AND i.\"CampaignId\" IS NULL AND i.\"RandomPlanId\" IS NULL
          AND i.\"ReinspectionOfOrderId\" IS NULL AND cardinality(i.\"JointDepartmentIds\") = 0
        ORDER BY i.\"StartedAt\" DESC LIMIT 1")
    IFS='|' read -r matter targets officers <<<"$sample"
    n_targets=$(tr ',' '\n' <<<"$targets" | wc -l)
    n_officers=$(tr ',' '\n' <<<"$officers" | wc -l)
    INSPECTION_BODY="{\"matterId\":\"$matter\",\"kind\":\"Routine\",\"startedAt\":\"$(date -u -d '-1 hour' +%FT%TZ)\",\"targetIds\":[$targets],\"officerIds\":[$officers],\"findings\":\"集群演练 [{key}]：检查通道与消防器材，未发现问题。\",\"result\":\"NoProblem\"}"
}

# The kill-under-load drill (issue 19): wrk through nginx, one connection per thread (scripts/cluster-drill.lua): READERS threads
# read the inspection list as the office, WRITERS threads record inspections as 歇马镇 (the matter, targets and officers of the
# demo's latest routine inspection there) and one thread files cases as 歇马镇 (the matter and officers of its latest case),
# every write with an Idempotency-Key of its own, retried with the same key after an error or a lost answer. Node 2 is
# killed with -9 KILL_AFTER seconds in; the writes still pending when wrk stops are retried with curl, as a client would.
# Then, from the database: every acknowledged write is stored exactly once (each stored row names its key in its text), no
# key is recorded twice, no inspection or case lacks its officers or targets, every stored row has its key's row; the audit
# chain verifies; tokens issued before the kill still open the API; nodes 1 and 3 answered after the kill; and from nginx's
# log, the errors at the balancer and the recovery time (last error after the kill − the kill, < 5 s). Node 2 is started
# again at the end. DURATION, KILL_AFTER, READERS, WRITERS change it; CASES=0 leaves the cases out.
drill() {
    local event=${1:-kill} # kill: node 2 killed -9; failover: the PostgreSQL primary stopped and its standby promoted
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; return 1; }
    local lb="http://127.0.0.1:$BALANCER" duration=${DURATION:-30} after=${KILL_AFTER:-10} acks="$STATE/drill-acks"
    local township case_sample case_matter case_officers n_case_officers today
    [[ -f "$STATE/node2.pid" ]] || { echo "node 2 is not running: run 'up' first" >&2; return 1; }
    if [[ "$event" == failover && "$SERVER" != *,* ]]; then
        echo "the failover drill needs the nodes on a primary and its standby: scripts/standby.sh up, then" >&2
        echo "  ENTRUST_CLUSTER_POSTGRES='Host=127.0.0.1:55490,127.0.0.1:55491;Username=postgres;Target Session Attributes=primary;Host Recheck Seconds=1' $0 up" >&2
        return 1
    fi
    login() { curl -sf "$lb/api/auth/login" -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$PASSWORD\"}" | jq -r .accessToken; }
    export READ_TOKEN WRITE_TOKEN INSPECTION_BODY CASE_BODY="" RUN READERS=${READERS:-2} THREADS ACK_DIR="$acks"
    READ_TOKEN=$(login office)
    WRITE_TOKEN=$(login town.xiema)
    RUN=$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')
    THREADS=$((READERS + ${WRITERS:-3} + (${CASES:-1} ? 1 : 0)))
    today=$(TZ=Asia/Shanghai date +%F)
    township=$(pg -d cluster -c "SELECT \"Id\" FROM \"Townships\" WHERE \"Name\" = '歇马镇'")
    inspection_body "$township"
    # A probe, and its retry with the same key: the second answer is the first one replayed, and one inspection is stored.
    local probe_key="$RUN-ffff-4000-8000-000000000000" first second probe_body="${INSPECTION_BODY//\{key\}/$RUN-ffff-4000-8000-000000000000}"
    first=$(curl -s -o "$STATE/drill-probe.json" -w '%{http_code}' "$lb/api/inspections" -H "Authorization: Bearer $WRITE_TOKEN" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $probe_key" -d "$probe_body")
    [[ "$first" == 201 ]] || { echo "FAIL: the sample inspection is refused ($first): $(cat "$STATE/drill-probe.json")"; return 1; }
    second=$(curl -s -D - -o /dev/null "$lb/api/inspections" -H "Authorization: Bearer $WRITE_TOKEN" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: $probe_key" -d "$probe_body" | tr -d '\r' | grep -ci '^idempotent-replayed: true' || true)
    echo "probe: 201, its retry with the same key replayed: $([[ "$second" == 1 ]] && echo yes || echo NO)"
    if ((${CASES:-1})); then
        case_sample=$(pg -d cluster -c "SELECT c.\"MatterId\" || '|' ||
              (SELECT string_agg(DISTINCT '\"' || o.\"OfficerId\" || '\"', ',') FROM \"CaseOfficers\" o WHERE o.\"CaseId\" = c.\"Id\")
            FROM \"Cases\" c WHERE c.\"TownshipId\" = '$township' ORDER BY c.\"FiledOn\" DESC LIMIT 1")
        IFS='|' read -r case_matter case_officers <<<"$case_sample"
        n_case_officers=$(tr ',' '\n' <<<"$case_officers" | wc -l)
        CASE_BODY="{\"matterId\":\"$case_matter\",\"partyKind\":\"Person\",\"partyName\":\"刘某\",\"partyIdentifier\":\"$(id_number)\",\"facts\":\"集群演练 [{key}]：未经批准擅自砍伐集体林木3立方米。\",\"actOn\":\"$(TZ=Asia/Shanghai date -d '-5 days' +%F)\",\"filedOn\":\"$today\",\"officerIds\":[$case_officers]}"
        first=$(curl -s -o "$STATE/drill-probe-case.json" -w '%{http_code}' "$lb/api/cases" -H "Authorization: Bearer $WRITE_TOKEN" \
            -H 'Content-Type: application/json' -H "Idempotency-Key: $RUN-fffe-4000-8000-000000000000" -d "${CASE_BODY//\{key\}/$RUN-fffe-4000-8000-000000000000}")
        if [[ "$first" != 201 ]]; then
            echo "cases left out: the sample filing is refused ($first): $(head -c 300 "$STATE/drill-probe-case.json")"
            CASE_BODY=""
            THREADS=$((THREADS - 1))
        fi
    fi
    rm -rf "$acks" && mkdir -p "$acks"
    : >"$STATE/nginx-access.log"
    echo "wrk: $THREADS threads of one connection ($READERS reading, $((THREADS - READERS - (${#CASE_BODY} > 0 ? 1 : 0))) recording inspections$([[ -n "$CASE_BODY" ]] && echo ', 1 filing cases'); ${duration} s; $([[ "$event" == kill ]] && echo "node 2 killed" || echo "PostgreSQL failover") at ${after} s"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    wrk -t"$THREADS" -c"$THREADS" -d"${duration}s" --timeout 10s -s "$ROOT/scripts/cluster-drill.lua" "$lb" >"$STATE/drill-wrk.txt" 2>"$STATE/drill-wrk.err" &
    local wrk_pid=$! killed
    sleep "$after"
    killed=$(date +%s%3N)
    if [[ "$event" == kill ]]; then
        kill_node 2
    else
        "$ROOT/scripts/standby.sh" failover >"$STATE/failover.log" 2>&1 || true
        cat "$STATE/failover.log"
    fi
    wait "$wrk_pid"
    echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
    cat "$STATE/drill-wrk.txt"
    [[ -s "$STATE/drill-wrk.err" ]] && { echo "refusals (first 5):"; head -5 "$STATE/drill-wrk.err"; }

    # The writes wrk left pending: the client goes on retrying with the same key until it gets an answer.
    local kind key body path status tries late=0 unresolved=0 replay
    while read -r kind key; do
        [[ "$kind" == cases ]] && { body=$CASE_BODY path=/api/cases; } || { body=$INSPECTION_BODY path=/api/inspections; }
        for tries in 1 2 3 4 5; do
            status=$(curl -s -o /dev/null -D "$acks/headers" -w '%{http_code}' -m 15 "$lb$path" -H "Authorization: Bearer $WRITE_TOKEN" \
                -H 'Content-Type: application/json' -H "Idempotency-Key: $key" -d "${body//\{key\}/$key}")
            [[ "$status" == 2* ]] && break
            sleep 1
        done
        if [[ "$status" == 2* ]]; then
            # "replayed": the write had committed before wrk stopped waiting for its answer; the retry got that answer.
            replay=$(grep -qi '^idempotent-replayed: true' "$acks/headers" && echo replayed || echo -)
            echo "$kind $key $status $replay" >>"$acks/acked-late.txt"
            late=$((late + 1))
        else
            unresolved=$((unresolved + 1))
        fi
    done <"$acks/pending.txt"
    echo "writes pending when wrk stopped, retried with their key afterwards: $late answered ($(grep -c ' replayed$' "$acks/acked-late.txt" 2>/dev/null || echo 0) by a replay), $unresolved unanswered"
    cat "$acks"/acked-*.txt >"$acks/all.txt" 2>/dev/null || : >"$acks/all.txt"

    local failed=0 checks carried_on
    checks=$(pg -d cluster <<SQL
CREATE TEMP TABLE acked (kind text, key text, status int, note text);
\\copy acked FROM '$acks/all.txt' WITH (FORMAT text, DELIMITER ' ')
CREATE TEMP TABLE stored AS
    SELECT 'inspections' AS kind, i."Id", substring(i."Findings" FROM '\\[([0-9a-f-]{36})\\]') AS key,
           (SELECT count(*) FROM "InspectionOfficers" o WHERE o."InspectionId" = i."Id") = $n_officers
           AND (SELECT count(*) FROM "InspectionTargets" t WHERE t."InspectionId" = i."Id") = $n_targets AS whole
    FROM "Inspections" i WHERE i."Findings" LIKE '集群演练 [$RUN-%'
    UNION ALL
    SELECT 'cases', c."Id", substring(c."Facts" FROM '\\[([0-9a-f-]{36})\\]'),
           (SELECT count(DISTINCT o."OfficerId") FROM "CaseOfficers" o WHERE o."CaseId" = c."Id") = ${n_case_officers:-0}
    FROM "Cases" c WHERE c."Facts" LIKE '集群演练 [$RUN-%';
SELECT 'acknowledged ' || count(*) || ' (' || count(*) FILTER (WHERE kind = 'inspections') || ' inspections, '
    || count(*) FILTER (WHERE kind = 'cases') || ' cases; ' || count(*) FILTER (WHERE note = 'replayed') || ' answered by a replay)' FROM acked;
SELECT 'stored ' || count(*) || ' (' || count(*) FILTER (WHERE kind = 'inspections') || ' inspections, '
    || count(*) FILTER (WHERE kind = 'cases') || ' cases, the probes included)' FROM stored;
SELECT 'missing ' || count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.key = a.key);
SELECT 'stored-twice ' || count(*) FROM (SELECT key FROM stored GROUP BY key HAVING count(*) > 1) d;
SELECT 'key-recorded-twice ' || count(*) FROM (SELECT "Key" FROM "IdempotentRequests" WHERE "Key" LIKE '$RUN-%' GROUP BY "Key" HAVING count(*) > 1) d;
SELECT 'stored-without-its-key ' || count(*) FROM stored s WHERE NOT EXISTS (SELECT 1 FROM "IdempotentRequests" r WHERE r."Key" = s.key);
SELECT 'half-written ' || count(*) FROM stored WHERE NOT whole;
SQL
)
    echo "$checks"
    local n
    for n in missing stored-twice key-recorded-twice stored-without-its-key half-written; do
        [[ "$(awk -v k="$n" '$1 == k { print $2 }' <<<"$checks")" == 0 ]] || { echo "FAIL: $n is not 0"; failed=1; }
    done
    ((unresolved == 0)) || { echo "FAIL: a write stayed unanswered after the run"; failed=1; }

    # The balancer's view: every answer of 500 or more (nginx's 502 for a request the killed node held), and who answered after.
    local balancer
    balancer=$(awk -v k="$killed" '
        { t = $1 * 1000; last_up = $NF }
        $2 >= 500 { errors++; if (t >= k) { if (!first) first = t; lastt = t } }
        $2 < 400 && t > k { after[last_up]++ }
        END {
            printf "balancer-errors %d\n", errors
            printf "recovery-ms %d\n", (lastt ? lastt - k : 0)
            printf "first-error-after-kill-ms %s\n", (first ? first - k : "-")
            printf "error-window-ms %s\n", (first ? lastt - first : 0)
            for (u in after) printf "answered-after-kill %s %d\n", u, after[u]
        }' "$STATE/nginx-access.log")
    echo "$balancer"
    echo "errors at the balancer by status: $(awk '$2 >= 500 { s[$2]++ } END { for (k in s) printf "%s×%d ", k, s[k] }' "$STATE/nginx-access.log")"
    local recovery
    recovery=$(awk '$1 == "recovery-ms" { print $2 }' <<<"$balancer")
    if [[ "$event" == kill ]]; then
        ((recovery < 5000)) || { echo "FAIL: errors went on for $recovery ms after the kill (budget < 5 s)"; failed=1; }
        carried_on=(5101 5103)
    else
        grep -q '^PASS' "$STATE/failover.log" || { echo "FAIL: the standby was not promoted"; failed=1; }
        carried_on=(5101 5102 5103)
    fi
    for n in "${carried_on[@]}"; do
        grep -q "answered-after-kill 127.0.0.1:$n " <<<"$balancer" || { echo "FAIL: node at $n answered nothing after the $event"; failed=1; }
    done
    for who in READ_TOKEN WRITE_TOKEN; do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "$lb/api/me" -H "Authorization: Bearer ${!who}")" == 200 ]] || { echo "FAIL: a token issued before the kill is refused"; failed=1; }
    done
    sleep 2 # the sealer links the last entries about once a second
    local verify
    verify=$(curl -s "$lb/api/audit/verify" -H "Authorization: Bearer $READ_TOKEN")
    echo "audit chain: $(jq -c 'if .intact then {intact, checked, checkpointsCompared} else . end' <<<"$verify" 2>/dev/null || echo "$verify")"
    [[ "$(jq -r .intact <<<"$verify" 2>/dev/null)" == true ]] || { echo "FAIL: the audit chain does not verify"; failed=1; }
    [[ "$event" == kill ]] && start_node 2
    if ((failed)); then echo "FAIL: the $event drill"; return 1; fi
    echo "PASS: the $event drill: every acknowledged write stored once, no key twice, nothing half-written, the chain verifies, nodes ${carried_on[*]} carried on (errors for $recovery ms after the $event)"
}

# A valid 18-digit resident ID number (GB 11643 check digit) for the drill's party, different each time.
id_number() {
    local body check sum=0 i w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
    body="50010919$(printf '%02d%02d' $((80 + RANDOM % 19)) $((1 + RANDOM % 12)))$(printf '%02d' $((1 + RANDOM % 28)))$(printf '%03d' $((RANDOM % 1000)))"
    for i in {0..16}; do sum=$((sum + ${body:i:1} * w[i])); done
    check="10X98765432"
    echo "$body${check:sum % 11:1}"
}

# Issue 19's budget: through nginx, three nodes reach at least 90 % of one node's authenticated read (a township's inspection
# list, bench/wrk/list.lua, as the office) and inspection write (bench/wrk/record.lua, as 歇马镇), measured in the same run on
# the same database: first node 1 alone, asked directly (nodes 2 and 3 stopped), then all three through the balancer, each
# after WARMUP seconds of the same load (the runtime recompiles hot code for the first 20-30 s). wrk shares the cores.
# SECONDS_EACH, WARMUP and CONNECTIONS change it; SPLIT=1 also asks the three nodes directly at once (where a loss comes from);
# ends with a PASS or FAIL line.
# CPU ticks so far: the running nodes, PostgreSQL's processes, nginx's, the machine's busy and total (from /proc/stat).
cpu_ticks() {
    local nodes=0 postgres=0 balancer=0 n pid
    for n in "${NODES[@]}"; do
        [[ -f "$STATE/node$n.pid" ]] && pid=$(cat "$STATE/node$n.pid") && [[ -r /proc/$pid/stat ]] &&
            nodes=$((nodes + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
    done
    # With the children each process has reaped (fields 16 and 17): the postmaster's hold the backends and autovacuum workers that
    # ended during a run, which summing the living alone lost (a figure once read "PostgreSQL -1330 µs").
    for pid in $(pgrep -x postgres); do postgres=$((postgres + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
    for pid in $(pgrep -x nginx); do balancer=$((balancer + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
    echo "$nodes $postgres $balancer $(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat)"
}

# Inspections written and transactions that wrote them so far, summed over the running nodes (their /metrics).
writer_batches() {
    local n
    for n in "${NODES[@]}"; do
        [[ -f "$STATE/node$n.pid" ]] && curl -s "http://127.0.0.1:$(port "$n")/metrics"
    done | awk '/^entrust_inspection_writer_batch_sum/ { s += $2 } /^entrust_inspection_writer_batch_count/ { c += $2 } END { printf "%d %d", s, c }'
}

throughput() {
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; return 1; }
    [[ -f "$STATE/node2.pid" && -f "$STATE/node3.pid" ]] || { echo "nodes 2 and 3 are not running: run 'up' first" >&2; return 1; }
    local lb="http://127.0.0.1:$BALANCER" one="http://127.0.0.1:$(port 1)" each=${SECONDS_EACH:-30} warm=${WARMUP:-30}
    local connections=${CONNECTIONS:-16} read_token write_token township n single_read single_write cluster_read cluster_write
    login() { curl -sf "$lb/api/auth/login" -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$PASSWORD\"}" | jq -r .accessToken; }
    read_token=$(login office)
    write_token=$(login town.xiema)
    township=$(pg -d cluster -c "SELECT \"Id\" FROM \"Townships\" WHERE \"Name\" = '歇马镇'")
    inspection_body "$township"
    printf 'town.xiema\n%s\n' "${INSPECTION_BODY//\{key\}/throughput}" >"$STATE/throughput-bodies.txt"
    # Requests per second of one wrk run: URL, kind (reads or writes), seconds; the whole output kept in $STATE.
    load() {
        local script token
        if [[ "$2" == reads ]]; then script="$ROOT/bench/wrk/list.lua" token=$read_token; else script="$ROOT/bench/wrk/record.lua" token=$write_token; fi
        local out; out="$STATE/throughput-$2-$(date +%s)${LOAD_TAG:+-$LOAD_TAG}.txt"
        local before after batches
        batches=$(writer_batches)
        before=$(cpu_ticks)
        TOKEN=$token BODIES="$STATE/throughput-bodies.txt" wrk -t2 -c"$connections" -d"$3s" --latency -s "$script" "$1" >"$out" 2>&1
        after=$(cpu_ticks)
        awk '/Requests\/sec/ { printf "%d", $2 }' "$out"
        grep -E 'Non-2xx|Socket errors' "$out" >&2 || true
        # Where the cores went: CPU time per answered request of the nodes, PostgreSQL, nginx and all of the machine (not for
        # the split's runs at once: each would count the others' requests' CPU).
        [[ -n "${LOAD_TAG:-}" ]] || awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" '/Requests\/sec/ { r = $2 }
            END { split(b, x, " "); split(a, y, " "); if (r > 0) printf "  %s: CPU per request: nodes %.0f µs, PostgreSQL %.0f µs, nginx %.0f µs, machine %.0f µs (busy %.0f %%)\n",
                  (phase != "" ? phase " " kind : FILENAME), (y[1]-x[1])*1e6/hz/(r*d), (y[2]-x[2])*1e6/hz/(r*d), (y[3]-x[3])*1e6/hz/(r*d), (y[4]-x[4])*1e6/hz/(r*d), 100*(y[4]-x[4])/(y[5]-x[5]) }' \
            d="$3" phase="${PHASE:-}" kind="$2" "$out" >>"$STATE/throughput-cpu.txt"
        [[ -n "${LOAD_TAG:-}" || "$2" != writes ]] || awk -v b="$batches" -v a="$(writer_batches)" 'BEGIN { split(b, x, " "); split(a, y, " ");
            if (y[2] > x[2]) printf "    inspections a transaction (the writer batches, all nodes): %.1f\n", (y[1]-x[1])/(y[2]-x[2]) }' >>"$STATE/throughput-cpu.txt"
    }
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    : >"$STATE/throughput-cpu.txt"
    # Every node warm first, through nginx (the JIT's tiers, the pools, the caches): a node started just before its figure
    # was still compiling through it (the tiering thread took two fifths of a fresh node's CPU 25 s in, perf 2026-12-05).
    PHASE="warm-up, three through nginx,"
    load "$lb" reads "$warm" >/dev/null && load "$lb" writes "$warm" >/dev/null
    # One node: node 1 asked directly. Nodes 2 and 3 stay up and idle (their scans and sealer: about 1 % of a core each).
    PHASE="warm-up, one node,"
    load "$one" reads 10 >/dev/null && load "$one" writes 10 >/dev/null
    # Node 1's other pool of connections, nginx's to it alone.
    load "http://127.0.0.1:$BALANCER_ONE" reads 5 >/dev/null && load "http://127.0.0.1:$BALANCER_ONE" writes 5 >/dev/null
    # Each figure twice, in mirrored order (one node, one through nginx, three, three, one through nginx, one node), so that what
    # drifts during a run (the tables growing with the writes, autovacuum after them) weighs on each alike; a figure is the mean
    # of its two runs. One node through nginx tells the balancer's share of a loss from the clustering's.
    local kind a1 a2 b1 b2 c1 c2 lb_one="http://127.0.0.1:$BALANCER_ONE"
    declare -A single nginx_one cluster
    for kind in reads writes; do
        PHASE="one node" a1=$(load "$one" "$kind" "$each")
        PHASE="one node through nginx" b1=$(load "$lb_one" "$kind" "$each")
        PHASE="three nodes through nginx" c1=$(load "$lb" "$kind" "$each")
        PHASE="three nodes through nginx" c2=$(load "$lb" "$kind" "$each")
        PHASE="one node through nginx" b2=$(load "$lb_one" "$kind" "$each")
        PHASE="one node" a2=$(load "$one" "$kind" "$each")
        single[$kind]=$(((a1 + a2) / 2)) nginx_one[$kind]=$(((b1 + b2) / 2)) cluster[$kind]=$(((c1 + c2) / 2))
        echo "$kind: one node asked directly ${single[$kind]}/s ($a1, $a2); one node through nginx ${nginx_one[$kind]}/s ($b1, $b2); three nodes through nginx ${cluster[$kind]}/s ($c1, $c2)"
    done
    single_read=${single[reads]} single_write=${single[writes]} cluster_read=${cluster[reads]} cluster_write=${cluster[writes]}
    echo "one node, asked directly: reads $single_read/s, writes $single_write/s"
    echo "one node through nginx: reads ${nginx_one[reads]}/s, writes ${nginx_one[writes]}/s"
    echo "three nodes through nginx: reads $cluster_read/s, writes $cluster_write/s"
    echo "three through nginx against one through nginx (the clustering's share, the balancer on both sides): reads $((100 * cluster_read / nginx_one[reads])) %, writes $((100 * cluster_write / nginx_one[writes])) %"
    if [[ -n "${SPLIT:-}" ]]; then
        # Where a loss comes from: the three nodes asked directly, a third of the connections each at once (the processes'
        # share), against the same three through nginx (the balancer's share).
        local kind total pids
        for kind in reads writes; do
            pids=()
            for n in "${NODES[@]}"; do
                ( connections=$(((connections + 2) / 3)) LOAD_TAG=node$n load "http://127.0.0.1:$(port "$n")" "$kind" "$each" >"$STATE/split-$kind-$n.txt" ) &
                pids+=($!)
            done
            wait "${pids[@]}"
            total=0
            for n in "${NODES[@]}"; do total=$((total + $(cat "$STATE/split-$kind-$n.txt"))); done
            echo "three nodes asked directly, $(((connections + 2) / 3)) connections each: $kind $total/s ($(for n in "${NODES[@]}"; do printf '%s ' "$(cat "$STATE/split-$kind-$n.txt")"; done))"
        done
    fi
    local read_ratio=$((100 * cluster_read / single_read)) write_ratio=$((100 * cluster_write / single_write))
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    sed "s|$STATE/throughput-||" "$STATE/throughput-cpu.txt"
    if ((read_ratio >= 90 && write_ratio >= 90)); then
        echo "PASS: three nodes through nginx reach $read_ratio % of one node's reads and $write_ratio % of its writes (≥ 90 %)"
    else
        echo "FAIL: three nodes through nginx reach $read_ratio % of one node's reads and $write_ratio % of its writes (< 90 %)"
        return 1
    fi
}

# Both checks on a fresh cluster, one line at the end.
test_all() {
    local cache=FAIL kill=FAIL
    up
    if check; then cache=PASS; fi
    if drill; then kill=PASS; fi
    [[ "${KEEP:-0}" == 1 ]] || down
    if [[ "$cache" == PASS && "$kill" == PASS ]]; then
        echo "PASS: cross-node cache check and kill drill"
    else
        echo "FAIL: cross-node cache check $cache, kill drill $kill"
        return 1
    fi
}

# The nodes stopped (drained) and started again, one after the other, with this shell's environment: for trying a runtime
# setting (DOTNET_...) on the same database.
restart() {
    local n
    for n in "${NODES[@]}"; do
        stop_node "$n"
        start_node "$n"
    done
}

stop_node() { # drained (SIGTERM), waited for
    local pid
    if [[ -f "$STATE/node$1.pid" ]]; then
        pid=$(cat "$STATE/node$1.pid")
        kill "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
}

# The control for 'throughput' (issue 19, docs/performance.md): nodes 2 and 3 moved to copies of the database of their own
# (cluster2, cluster3, made from "cluster" as it stands), each with its own data folder, so that the three nodes share nothing
# but nginx — no cache messages, no scheduler, no key ring, no sealer. The copies hold the same key ring, so a token any node
# issued opens all three. 'restart' puts them back on one database.
separate() {
    local n
    for n in "${NODES[@]}"; do stop_node "$n"; done
    for n in 2 3; do
        pg -c "DROP DATABASE IF EXISTS cluster$n" && pg -c "CREATE DATABASE cluster$n TEMPLATE cluster"
        rm -rf "$STATE/data$n" && cp -r "$STATE/data" "$STATE/data$n"
    done
    start_node 1
    for n in 2 3; do NODE_DATABASE=cluster$n NODE_DATA="$STATE/data$n" start_node "$n"; done
}

case "${1:-}" in
up) up ;;
down) down ;;
kill) kill_node "${2:-}" ;;
check) check ;;
drill) drill kill ;;
failover) drill failover ;;
throughput) throughput ;;
restart) restart ;;
separate) separate ;;
test) test_all ;;
*)
    echo "usage: $0 up|down|kill NODE|check|drill|failover|throughput|restart|separate|test" >&2
    exit 2
    ;;
esac
