#!/usr/bin/env bash
# A plan for a nation (docs/scale.md): partitioned tables on one PostgreSQL standing in for Citus.
# bench/nation/simulate.sh [load|measure|all|drop]   (default all)
# PGURL names the database holding the generated province (bench/Entrust.Bench); PARTS the number of hash partitions.
set -euo pipefail
cd "$(dirname "$0")"
PGURL=${PGURL:-postgresql://postgres@127.0.0.1:55433/province}
PARTS=${PARTS:-32}
OUT=${OUT:-/tmp/nation-$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
psql_() { psql "$PGURL" -X -v ON_ERROR_STOP=1 -v parts="$PARTS" "$@"; }
echo "output in $OUT; $(date -u '+%F %T UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
case "${1:-all}" in
  load) psql_ -f load.sql 2>&1 | tee "$OUT/load.log" ;;
  measure) psql_ -f measure.sql 2>&1 | tee "$OUT/measure.log" ;;
  all) psql_ -f load.sql 2>&1 | tee "$OUT/load.log"; psql_ -f measure.sql 2>&1 | tee "$OUT/measure.log" ;;
  drop) psql_ -c 'DROP SCHEMA IF EXISTS nation CASCADE' ;;
  *) echo "usage: $0 [load|measure|all|drop]" >&2; exit 2 ;;
esac
echo "done $(date -u '+%F %T UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
