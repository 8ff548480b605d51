#!/usr/bin/env bash
# The one test command (README, CI). On a fresh Debian machine with the .NET SDK it installs what the tests need,
# starts a throw-away PostgreSQL, checks formatting, runs every test project, and ends with one line:
#   N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results=$(mktemp -d /tmp/entrust-results.XXXXXX)
failed_steps=0

say() { printf '== %s\n' "$*" >&2; }

# 1. Debian packages the tests use: PostgreSQL, Chromium, CJK fonts (for screenshots and .docx), LibreOffice (.docx/.xlsx checks),
#    poppler-utils (pdftotext reads back what LibreOffice printed).
need=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq >"$results/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >>"$results/apt.log" 2>&1 \
            || { tail -20 "$results/apt.log" >&2; say "apt-get failed"; }
    else
        say "not root: install ${need[*]} yourself (sudo apt-get install ${need[*]})"
    fi
fi

# 2. A throw-away PostgreSQL cluster on 127.0.0.1:55432, trust authentication, removed on exit.
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pgdata=$(mktemp -d /tmp/entrust-pg.XXXXXX)
pgport=${ENTRUST_TEST_PG_PORT:-55432}
# Another cluster (a second checkout's test run) may hold the port: take the next free one.
while (exec 3<>"/dev/tcp/127.0.0.1/$pgport") 2>/dev/null; do pgport=$((pgport + 1)); done
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdata"
stop_pg() { as_pg "'$pgbin/pg_ctl' -D '$pgdata' -m immediate stop" >/dev/null 2>&1; rm -rf "$pgdata"; }
trap stop_pg EXIT
say "starting PostgreSQL ($pgbin) on port $pgport"
as_pg "'$pgbin/initdb' -D '$pgdata' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >"$results/initdb.log" 2>&1 \
    || as_pg "'$pgbin/initdb' -D '$pgdata' -A trust -U postgres -E UTF8" >"$results/initdb.log" 2>&1
as_pg "'$pgbin/pg_ctl' -D '$pgdata' -l '$pgdata/server.log' -w -o \"-p $pgport -k '$pgdata' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >"$results/pg.log" 2>&1 \
    || { cat "$results/pg.log" "$pgdata/server.log" >&2 2>/dev/null; say "PostgreSQL did not start"; failed_steps=$((failed_steps + 1)); }
export ENTRUST_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Pooling=true"

# 3. Formatting is part of the build's contract.
say "dotnet format --verify-no-changes"
if ! dotnet format Entrust.slnx --verify-no-changes >"$results/format.log" 2>&1; then
    tail -20 "$results/format.log" >&2
    say "formatting differs: run 'dotnet format Entrust.slnx'"
    failed_steps=$((failed_steps + 1))
fi

# 4. Every test project, each on SQLite and PostgreSQL (the projects run both providers themselves). A test that
#    hangs is stopped after 15 minutes, so a stuck run still ends well inside CI's time.
counter() {
    local n
    n=$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")
    echo "${n:-0}"
}
for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    say "dotnet test $name"
    if ! dotnet test "$project" --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
            --blame-hang-timeout 15m --blame-hang-dump-type none \
            --results-directory "$results" >"$results/$name.log" 2>&1; then
        # Each failed test with its message and the first lines of its stack, so a failure seen once can be read later.
        grep -E -A 14 "^\s+Failed |error " "$results/$name.log" | head -150 >&2
        if [ ! -f "$results/$name.trx" ]; then
            say "$name did not build or run"
            failed_steps=$((failed_steps + 1))
        elif [ "$(counter "$results/$name.trx" failed)" = "0" ]; then
            say "$name failed without a failed test (aborted or hung)"
            failed_steps=$((failed_steps + 1))
        fi
    fi
    tail -3 "$results/$name.log" >&2
done

# 5. Sum every .trx: skipped tests are the ones reported as not executed.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    passed=$((passed + $(counter "$trx" passed)))
    failed=$((failed + $(counter "$trx" failed)))
    skipped=$((skipped + $(counter "$trx" notExecuted)))
done
failed=$((failed + failed_steps))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
