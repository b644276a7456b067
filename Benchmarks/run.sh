#!/usr/bin/env bash
# API load benchmark, end to end: generate a data folder (Benchmarks/generate.py), serve it, run the
# scenarios (Benchmarks/load.py), stop the server. Extra arguments go to load.py (e.g. --only search,phone).
#
# Environment (defaults): KEFU=.build/release/kefu  CASES=100000  CUSTOMERS=CASES/5  AGENTS=60  SEED=42
#   DURATION=10 (s per scenario)  CONCURRENCY=8  PORT=8099  LOGIN=agent001 (or admin, leader01, agent002 …)
#   KEEP=1 keeps the temporary folder (data, serve.log);  DATA=dir reuses a generated data folder instead.
set -euo pipefail
cd "$(dirname "$0")/.."
KEFU=${KEFU:-.build/release/kefu}
[ -x "$KEFU" ] || { echo "no kefu binary at $KEFU — build it (swift build -c release) or set KEFU=path" >&2; exit 1; }
KEFU=$(cd "$(dirname "$KEFU")" && pwd)/$(basename "$KEFU")
CASES=${CASES:-100000}
CUSTOMERS=${CUSTOMERS:-$(( CASES / 5 > 100 ? CASES / 5 : 100 ))}
AGENTS=${AGENTS:-60}
SEED=${SEED:-42}
DURATION=${DURATION:-10}
CONCURRENCY=${CONCURRENCY:-8}
PORT=${PORT:-8099}
LOGIN=${LOGIN:-agent001}
PASSWORD=bench-pass-2026

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kefu-bench.XXXXXX")
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "binary: $KEFU" >&2
if [ -n "${DATA:-}" ]; then
  DATA=$(cd "$DATA" && pwd)
  echo "using existing data folder $DATA" >&2
else
  DATA=$WORK/kefu-data
  python3 Benchmarks/generate.py --kefu "$KEFU" --data-dir "$DATA" --cases "$CASES" --customers "$CUSTOMERS" \
    --agents "$AGENTS" --seed "$SEED" --password "$PASSWORD"
fi

( cd "$WORK" && KEFU_DATA_DIR="$DATA" LOG_LEVEL="${LOG_LEVEL:-notice}" exec "$KEFU" serve --port "$PORT" ) >"$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  kill -0 "$PID" 2>/dev/null || { echo "server exited:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/health', timeout=1)" 2>/dev/null && break
  sleep 0.5
done
echo "server pid $PID on port $PORT" >&2

rc=0
python3 Benchmarks/load.py --url "http://127.0.0.1:$PORT" --username "$LOGIN" --password "$PASSWORD" \
  --duration "$DURATION" --concurrency "$CONCURRENCY" --pid "$PID" "$@" || rc=$?
if grep -q " error " "$WORK/serve.log"; then
  echo "server errors (serve.log): $(grep -c ' error ' "$WORK/serve.log"); first: $(grep -m1 ' error ' "$WORK/serve.log")" >&2
fi
exit $rc
