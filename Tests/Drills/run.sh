#!/usr/bin/env bash
# Runs every drill (issue 20 §4) against a kefu binary and prints a summary table.
#
#   Tests/Drills/run.sh [--short] [--only NAME[,NAME…]] [--write-doc] BIN
#
# --short      the CI versions (a few minutes in all)
# --only       run only these drills (names as in the table: crash_sqlite, crash_postgres, access, web,
#              backup_sqlite, backup_postgres, two_nodes, rulebook, api_fuzz)
# --write-doc  the access drill rewrites docs/SECURITY.md
#
# PostgreSQL drills start their own throwaway cluster on loopback unless KEFU_DRILL_URL_<NAME> names an empty
# database (NAME upper-case, e.g. KEFU_DRILL_URL_TWO_NODES); .ci/run passes databases of its own cluster.
# Exit status: 0 when every drill passed.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHORT=() ONLY="" DOC=()
while [ $# -gt 1 ]; do
    case $1 in
        --short) SHORT=(--short) ;;
        --only) ONLY=$2; shift ;;
        --write-doc) DOC=(--write-doc "$REPO/docs/SECURITY.md") ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ $# = 1 ] || { echo "usage: $0 [--short] [--only NAMES] [--write-doc] BIN" >&2; exit 2; }
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$BIN" ] || { echo "not an executable: $BIN" >&2; exit 2; }

SUMMARY=$(mktemp "${TMPDIR:-/tmp}/kefu-drills.XXXXXX")
export KEFU_DRILL_SUMMARY=$SUMMARY
export PYTHONDONTWRITEBYTECODE=1
T0=$SECONDS
declare -A RC

# run NAME BOUND_SECONDS SCRIPT ARGS…: the drill bounds itself; `timeout` is the outer bound.
run() {
    local name=$1 bound=$2 script=$3
    shift 3
    if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$name,"* ]]; then return 0; fi
    local upper url=()
    upper=$(echo "$name" | tr '[:lower:]' '[:upper:]')
    local var="KEFU_DRILL_URL_$upper"
    [ -n "${!var:-}" ] && url=(--database-url "${!var}")
    printf '\n'
    local rows_before t=$SECONDS
    rows_before=$(wc -l <"$SUMMARY")
    timeout -k 10 "$bound" python3 "$HERE/$script" "${SHORT[@]}" "${url[@]}" "$@" "$BIN"
    RC[$name]=$?
    if [ "${RC[$name]}" != 124 ] && [ "${RC[$name]}" != 137 ] && [ "$(wc -l <"$SUMMARY")" = "$rows_before" ]; then
        # A drill that prints its own figures (api_fuzz) but writes no summary row: its exit status decides.
        printf '{"drill": "%s", "status": "%s", "seconds": %d, "figures": "figures printed above", "shortfalls": [], "pending": []}\n' \
            "$name" "$([ "${RC[$name]}" = 0 ] && echo PASS || echo FAIL)" $((SECONDS - t)) >>"$SUMMARY"
    fi
    if [ "${RC[$name]}" = 124 ] || [ "${RC[$name]}" = 137 ]; then
        printf '{"drill": "%s", "status": "FAIL", "seconds": %d, "figures": "killed by the outer time bound", "shortfalls": ["time"], "pending": []}\n' \
            "$name" "$bound" >>"$SUMMARY"
    fi
}

if [ ${#SHORT[@]} -gt 0 ]; then s=1; else s=3; fi
run crash_sqlite $((400 * s)) crash_safety.py --db sqlite
run crash_postgres $((400 * s)) crash_safety.py --db postgres
run access $((500 * s)) access_matrix.py "${DOC[@]}"
run web $((500 * s)) web_probes.py
run backup_sqlite $((400 * s)) backup_restore.py --db sqlite
run backup_postgres $((400 * s)) backup_restore.py --db postgres
run two_nodes $((400 * s)) two_nodes.py
run rulebook 300 rulebook_broken.py
run api_fuzz $((600 * s)) api_fuzz.py

printf '\n== drills summary (%s, %ss)\n' "$([ ${#SHORT[@]} -gt 0 ] && echo short || echo full)" $((SECONDS - T0))
python3 - "$SUMMARY" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
w = max([len(r["drill"]) for r in rows] + [5])
print(f"  {'drill':<{w}}  status  time   figures")
for r in rows:
    print(f"  {r['drill']:<{w}}  {r['status']:<6}  {r['seconds']:>4}s  {r['figures']}")
    for s in r["shortfalls"]:
        print(f"  {'':<{w}}  shortfall: {s}")
    for s in r["pending"]:
        print(f"  {'':<{w}}  awaiting:  {s}")
PY
rm -f "$SUMMARY"
fail=0
for k in "${!RC[@]}"; do [ "${RC[$k]}" = 0 ] || fail=1; done
if [ "$fail" = 0 ]; then echo "DRILLS PASSED"; else echo "DRILLS FAILED"; fi
exit "$fail"
