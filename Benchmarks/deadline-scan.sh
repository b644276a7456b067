#!/usr/bin/env bash
# Deadline scan budget (ARCHITECTURE §5): a scan over 100,000 open clocks must take < 1 s.
# Loads N running clocks (default 100,000) into a fresh SQLite data folder, of which OVERDUE (default
# 0, then 1,000) are past due, and times `kefu jobs run-once` (the scanner's own figure and the whole command).
# Usage: [KEFU=path] Benchmarks/deadline-scan.sh [N] [OVERDUE]
#   (default binary: .build-release/release/kefu, else .build/release/kefu, else .build/debug/kefu)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
OVERDUE=${2:-1000}
BIN=${KEFU:-}
[ -n "$BIN" ] || { BIN=.build-release/release/kefu; [ -x "$BIN" ] || BIN=.build/release/kefu; [ -x "$BIN" ] || BIN=.build/debug/kefu; }
[ -x "$BIN" ] || { echo "build kefu first (swift build -c release)"; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
DIR=$(mktemp -d); trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
"$BIN" migrate >/dev/null
load() { # $1 = how many, $2 = due offset in seconds from now (negative: overdue)
  sqlite3 kefu-data/kefu.sqlite <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO deadline_clocks (id, subject_type, subject_id, kind, unit, started_at, due_at, warn_at, state,
  rule_key, rulebook_version, version)
SELECT upper(printf('%08x-%04x-4%03x-8%03x-%012x', abs(random()) % 4294967296, abs(random()) % 65536,
         abs(random()) % 4096, abs(random()) % 4096, abs(random()) % 281474976710656)),
       'bench', upper(printf('%08x-0000-4000-8000-%012x', i, i)), 'bench.dispatch', 'minutes',
       unixepoch('now') - 60, unixepoch('now') + $2, unixepoch('now') + $2 * 0.8 + 86400, 'running',
       'complaints.dispatch_within', 'bench', 1
FROM n;
SQL
}
echo "binary: $BIN"
echo "loading $N running clocks (none due)…"
load "$N" 86400
start=$(date +%s.%N); "$BIN" jobs run-once; end=$(date +%s.%N)
echo "  whole command: $(echo "$end - $start" | bc) s   (budget for the scan: < 1 s)"
if [ "$OVERDUE" -gt 0 ]; then
  echo "adding $OVERDUE overdue clocks (each is breached, audited and escalated in its own transaction)…"
  load "$OVERDUE" -60
  start=$(date +%s.%N); "$BIN" jobs run-once; end=$(date +%s.%N)
  echo "  whole command: $(echo "$end - $start" | bc) s"
  echo "second run (idempotent: nothing left to do):"
  "$BIN" jobs run-once
fi
