#!/usr/bin/env bash
# API load benchmark, end to end, on SQLite and/or PostgreSQL: build (if asked), generate the data
# (Benchmarks/generate.py), serve it, run the scenarios (Benchmarks/load.py, deadline scan included),
# stop the server; with both databases, one table with the two side by side.
#
# Environment (defaults):
#   KEFU=.build-release/release/kefu (else .build/release/kefu)   BUILD=1 builds it first (swift build -c release)
#   DB=sqlite | postgres | both (sqlite)   PG_URL=postgres://kefu:kefu@127.0.0.1:5434/kefu_bench?tlsmode=disable
#   CASES=1000000  CUSTOMERS=CASES/5  AGENTS=60  SEED=42  NOW=<unix time> (reproduces a data set; default: now)
#   DURATION=10 (s per scenario)  CONCURRENCY=8  PORT=8099  LOGIN=agent001
#   KEEP=1 keeps the work folder (data, serve logs, results JSON)   DATA=dir reuses a generated SQLite data folder
#   NOGEN=1 reuses what PG_URL holds   OUT=dir writes <db>.json there (default: the work folder)
#   WRK=path of wrk (default: wrk on PATH; WRK=none: Python only). With wrk, the scenarios that have a script in
#     Benchmarks/wrk/ run through it (load.py --wrk) and the "static" row shows the client's own ceiling.
# Extra arguments go to load.py (e.g. --only search,phone).
# Exit status: 2 when the server answered 5xx / failed / logged errors, 1 when a request was refused, else 0.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
if [ -z "${KEFU:-}" ]; then
  KEFU=.build-release/release/kefu; [ -x "$KEFU" ] || KEFU=.build/release/kefu
fi
if [ "${BUILD:-0}" = 1 ]; then
  nice -n 5 swift build -c release --product kefu --build-path .build-release 2>&1 | grep -E "error:|Compiling kefu|Build complete" || true
  KEFU=.build-release/release/kefu
fi
[ -x "$KEFU" ] || { echo "no kefu binary at $KEFU — build it (BUILD=1, or swift build -c release) or set KEFU=path" >&2; exit 1; }
KEFU=$(cd "$(dirname "$KEFU")" && pwd)/$(basename "$KEFU")
DB=${DB:-sqlite}
PG_URL=${PG_URL:-postgres://kefu:kefu@127.0.0.1:5434/kefu_bench?tlsmode=disable}
CASES=${CASES:-1000000}
CUSTOMERS=${CUSTOMERS:-$(( CASES / 5 > 100 ? CASES / 5 : 100 ))}
AGENTS=${AGENTS:-60}
SEED=${SEED:-42}
DURATION=${DURATION:-10}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${PORT:-8099}
LOGIN=${LOGIN:-agent001}
# The load client: wrk when installed (a Python client saturates at a few thousand requests/s, below what a
# static file costs the server), load.py itself otherwise and for what wrk has no script for.
WRK=${WRK-$(command -v wrk || true)}
[ "$WRK" = none ] && WRK=
WRK_ARG=(); [ -n "$WRK" ] && WRK_ARG=(--wrk "$WRK")
PASSWORD=bench-pass-2026
NOW_ARG=(); [ -n "${NOW:-}" ] && NOW_ARG=(--now "$NOW")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kefu-bench.XXXXXX")
OUT=${OUT:-$WORK}; mkdir -p "$OUT"
PID=
stop_server() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  PID=
}
cleanup() {
  stop_server
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
echo "binary: $KEFU; load client: ${WRK:-load.py (no wrk)}" >&2

rc=0
results=()
run_one() { # $1 = sqlite | postgres
  local db=$1 data url="" label env_db=()
  shift
  if [ "$db" = postgres ]; then
    url=$PG_URL; label=PostgreSQL; data=$WORK/pg-data; env_db=(KEFU_DATABASE_URL="$url")
    if [ "${NOGEN:-0}" != 1 ]; then
      python3 "$ROOT/Benchmarks/generate.py" --kefu "$KEFU" --data-dir "$data" --database-url "$url" --force --cases "$CASES" \
        --customers "$CUSTOMERS" --agents "$AGENTS" --seed "$SEED" --password "$PASSWORD" "${NOW_ARG[@]}"
    fi
    mkdir -p "$data"
  else
    label=SQLite
    if [ -n "${DATA:-}" ]; then
      data=$(cd "$DATA" && pwd); echo "using existing data folder $data" >&2
    else
      data=$WORK/sqlite-data
      python3 "$ROOT/Benchmarks/generate.py" --kefu "$KEFU" --data-dir "$data" --cases "$CASES" --customers "$CUSTOMERS" \
        --agents "$AGENTS" --seed "$SEED" --password "$PASSWORD" "${NOW_ARG[@]}"
    fi
  fi
  # Settle the clocks that fell due between the data's generation time and now (a real server scans every
  # 30 s, so it never meets hours of them at once); otherwise the first scan's storm of breaches competes
  # with the first scenarios for SQLite's one writer.
  ( cd "$WORK" && env KEFU_DATA_DIR="$data" "${env_db[@]}" LOG_LEVEL=error "$KEFU" jobs run-once ) 2>&1 | sed -n 's/^\(deadline scan: [^;]*\);.*/settling: \1/p' >&2 || true
  local log=$WORK/serve-$db.log
  ( cd "$WORK" && exec env KEFU_DATA_DIR="$data" "${env_db[@]}" LOG_LEVEL="${LOG_LEVEL:-notice}" "$KEFU" serve --port "$PORT" ) >"$log" 2>&1 &
  PID=$!
  local up=0
  for _ in $(seq 1 240); do
    kill -0 "$PID" 2>/dev/null || { echo "server exited:" >&2; cat "$log" >&2; rc=2; PID=; return; }
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/health', timeout=1)" 2>/dev/null; then up=1; break; fi
    sleep 0.5
  done
  [ "$up" = 1 ] || { echo "server did not answer /health" >&2; cat "$log" >&2; rc=2; stop_server; return; }
  echo "$label server pid $PID on port $PORT" >&2
  local scan="cd '$WORK' && env KEFU_DATA_DIR='$data' ${url:+KEFU_DATABASE_URL='$url'} LOG_LEVEL=error '$KEFU' jobs run-once"
  local count_sql="SELECT count(*) FROM deadline_clocks WHERE state = 'running'" count
  if [ "$db" = postgres ]; then
    count="psql '${url/tlsmode=/sslmode=}' -X -At -c \"$count_sql\""
  else
    count="python3 -c \"import sqlite3; print(sqlite3.connect('$data/kefu.sqlite').execute(\\\"$count_sql\\\").fetchone()[0])\""
  fi
  local r=0
  python3 "$ROOT/Benchmarks/load.py" --url "http://127.0.0.1:$PORT" --username "$LOGIN" --password "$PASSWORD" \
    --duration "$DURATION" --concurrency "$CONCURRENCY" --pid "$PID" --label "$label" --json "$OUT/$db.json" \
    --scan-command "$scan" --scan-count "$count" "${WRK_ARG[@]}" "$@" || r=$?
  results+=("$OUT/$db.json")
  if grep -qE '\[ (ERROR|CRITICAL) \]| error ' "$log"; then
    echo "server errors in $log: $(grep -cE '\[ (ERROR|CRITICAL) \]| error ' "$log"); first: $(grep -m1 -E '\[ (ERROR|CRITICAL) \]| error ' "$log")" >&2
    r=2
  fi
  stop_server
  [ "$r" -gt "$rc" ] && rc=$r
  return 0
}

case "$DB" in
  sqlite) run_one sqlite "$@" ;;
  postgres) run_one postgres "$@" ;;
  both) run_one sqlite "$@"; run_one postgres "$@" ;;
  *) echo "DB must be sqlite, postgres or both" >&2; exit 1 ;;
esac
if [ "${#results[@]}" -gt 1 ]; then
  echo
  size="$CASES cases"; { [ -n "${DATA:-}" ] || [ "${NOGEN:-0}" = 1 ]; } && size="reused data sets"
  echo "## $size, $CONCURRENCY clients, $DURATION s per scenario — side by side"
  python3 "$ROOT/Benchmarks/load.py" --compare "${results[@]}"
fi
exit $rc
