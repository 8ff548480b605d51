#!/usr/bin/env bash
# A PostgreSQL primary and a warm (hot) standby fed by streaming replication, on this machine, for trying the failover that
# docs/scale.md describes. Throw-away clusters under $ENTRUST_STANDBY_DIR (default /tmp/entrust-standby), trust authentication.
#
#   scripts/standby.sh up        initdb a primary on 127.0.0.1:55490, pg_basebackup -R a standby from it on 55491, start both
#   scripts/standby.sh check     a row written on the primary is read on the standby; the replication lag in bytes
#   scripts/standby.sh failover  stop the primary as a crash would (-m immediate), promote the standby, and write through the
#                                same two-host connection a node uses (target_session_attrs=read-write): it lands on the
#                                new primary; ends with a PASS or FAIL line
#   scripts/standby.sh down      stop both and remove their folders
#
# Point the platform's nodes at both (Npgsql's form of the same connection):
#   ConnectionStrings__Entrust="Host=127.0.0.1:55490,127.0.0.1:55491;Target Session Attributes=primary;Username=postgres;Database=…"
set -euo pipefail

STATE="${ENTRUST_STANDBY_DIR:-/tmp/entrust-standby}"
PRIMARY=55490
STANDBY=55491
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_pg() { if [[ "$(id -u)" -eq 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
sql() { psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "$2"; }
start() { as_pg "'$PGBIN/pg_ctl' -D '$STATE/$1' -l '$STATE/$1.log' -w -o \"-p $2 -k '$STATE' -c listen_addresses=127.0.0.1\" start" >/dev/null; }

up() {
    down >/dev/null 2>&1 || true
    mkdir -p "$STATE"
    [[ "$(id -u)" -eq 0 ]] && chown postgres "$STATE"
    as_pg "'$PGBIN/initdb' -D '$STATE/primary' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >"$STATE/initdb.log"
    # What a primary with a standby needs (the defaults of PostgreSQL 15 already are wal_level=replica, max_wal_senders=10):
    # WAL kept for a standby that falls behind for a while, and the WAL archived for point-in-time recovery (docs/operations.md).
    mkdir -p "$STATE/wal-archive"
    [[ "$(id -u)" -eq 0 ]] && chown postgres "$STATE/wal-archive"
    cat >>"$STATE/primary/postgresql.conf" <<EOF
wal_level = replica
max_wal_senders = 10
wal_keep_size = '256MB'
hot_standby = on
archive_mode = on
archive_command = 'test ! -f $STATE/wal-archive/%f && cp %p $STATE/wal-archive/%f'
EOF
    start primary "$PRIMARY"
    # The standby: a base backup of the primary, with -R writing primary_conninfo and standby.signal.
    as_pg "'$PGBIN/pg_basebackup' -h 127.0.0.1 -p $PRIMARY -U postgres -D '$STATE/standby' -R -X stream -c fast" >"$STATE/basebackup.log" 2>&1
    start standby "$STANDBY"
    echo "primary on $PRIMARY, standby on $STANDBY ($(sql "$STANDBY" 'SELECT CASE WHEN pg_is_in_recovery() THEN '"'"'in recovery'"'"' ELSE '"'"'NOT in recovery'"'"' END'))"
    sql "$PRIMARY" "SELECT 'streaming to ' || client_addr || ': ' || state FROM pg_stat_replication"
}

check() {
    local mark
    mark="standby check $(date +%s%N)"
    sql "$PRIMARY" "CREATE TABLE IF NOT EXISTS drill (note text); INSERT INTO drill VALUES ('$mark')"
    for _ in $(seq 1 50); do
        if [[ "$(sql "$STANDBY" "SELECT count(*) FROM drill WHERE note = '$mark'" 2>/dev/null)" == 1 ]]; then
            echo "the row written on the primary is on the standby; lag $(sql "$PRIMARY" 'SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0) FROM pg_stat_replication') bytes"
            return 0
        fi
        sleep 0.1
    done
    echo "FAIL: the standby did not receive the row in 5 s"
    return 1
}

failover() {
    check
    local two_hosts="host=127.0.0.1,127.0.0.1 port=$PRIMARY,$STANDBY user=postgres dbname=postgres target_session_attrs=read-write connect_timeout=2"
    as_pg "'$PGBIN/pg_ctl' -D '$STATE/primary' -m immediate stop" >/dev/null
    local stopped promoted
    stopped=$(date +%s%N)
    sql "$STANDBY" "SELECT pg_promote(wait => true)" >/dev/null
    promoted=$(date +%s%N)
    echo "primary stopped; standby promoted in $(((promoted - stopped) / 1000000)) ms"
    if psql "$two_hosts" -v ON_ERROR_STOP=1 -qAt -c "INSERT INTO drill VALUES ('after the failover')" &&
        [[ "$(psql "$two_hosts" -qAt -c 'SELECT inet_server_port()')" == "$STANDBY" ]]; then
        echo "PASS: the two-host connection writes on the promoted standby (port $STANDBY); the old primary must not be started again as a primary (rebuild it as a standby: pg_rewind or a new pg_basebackup)"
    else
        echo "FAIL: no write through the two-host connection after the promotion"
        return 1
    fi
}

down() {
    for node in standby primary; do
        [[ -f "$STATE/$node/postmaster.pid" ]] && as_pg "'$PGBIN/pg_ctl' -D '$STATE/$node' -m fast stop" >/dev/null 2>&1 || true
    done
    rm -rf "$STATE"
    echo "standby drill stopped"
}

case "${1:-}" in
up) up ;;
check) check ;;
failover) failover ;;
down) down ;;
*)
    echo "usage: $0 up|check|failover|down" >&2
    exit 2
    ;;
esac
