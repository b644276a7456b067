#!/usr/bin/env bash
# The same hot-page SQL on PostgreSQL (EXPLAIN ANALYZE): Benchmarks/sql-costs-pg.sh [libpq URL]  (VERBOSE=1 prints plans)
U=${1:-'postgres://kefu:kefu@127.0.0.1:5434/kefu_bench?sslmode=disable'}
read ME DEPT <<<$(psql "$U" -XAt -F' ' -c "SELECT id, department_id FROM users WHERE username='agent001'")
read LEAD TEAM <<<$(psql "$U" -XAt -F' ' -c "SELECT u.id, t.id FROM users u JOIN teams t ON t.leader_id=u.id WHERE u.username='leader01'")
OWN="(owner_id = '$ME' OR assignee_id = '$ME' OR (assignee_id IS NULL AND department_id = '$DEPT'))"
TAIL="ORDER BY created_at DESC, id DESC LIMIT 51"
q() { # name sql
  local t
  t=$(psql "$U" -XAt -c "EXPLAIN (ANALYZE, FORMAT JSON) $2" | python3 -c 'import sys,json; d=json.load(sys.stdin)[0]; print(round(d["Execution Time"],1), round(d["Planning Time"],1), d["Plan"]["Plans"][0]["Node Type"] if d["Plan"].get("Plans") else d["Plan"]["Node Type"])')
  psql "$U" -XAt -c "EXPLAIN (ANALYZE) $2" >/dev/null
  t=$(psql "$U" -XAt -c "EXPLAIN (ANALYZE, FORMAT JSON) $2" | python3 -c 'import sys,json; d=json.load(sys.stdin)[0]; print(round(d["Execution Time"],1), "ms exec,", round(d["Planning Time"],1), "ms plan")')
  printf '%-18s %s\n' "$1" "$t"
  [ -n "${VERBOSE:-}" ] && psql "$U" -XAt -c "EXPLAIN $2" | head -12
}
q queue "SELECT * FROM cases WHERE $OWN AND status IN ('assigned','in_progress') AND assignee_id = '$ME' $TAIL"
q team "SELECT * FROM cases WHERE (team_id IN ('$TEAM') OR owner_id = '$LEAD' OR assignee_id = '$LEAD' OR (assignee_id IS NULL AND department_id = '$DEPT')) AND status IN ('new','assigned','in_progress','pending_customer') $TAIL"
q breached "SELECT * FROM cases WHERE $OWN AND breached_at IS NOT NULL $TAIL"
q breached-all "SELECT * FROM cases WHERE breached_at IS NOT NULL $TAIL"
for w in 退货 宽带 发票 投诉; do
  q "search $w" "SELECT * FROM cases WHERE $OWN AND id IN (SELECT case_id FROM case_search WHERE document @@ '$w'::tsquery) $TAIL"
  q "search-all $w" "SELECT * FROM cases WHERE id IN (SELECT case_id FROM case_search WHERE document @@ '$w'::tsquery) $TAIL"
done
q phone "SELECT * FROM customer_phone_keys WHERE phone_key = '5678' LIMIT 40"
q open "SELECT * FROM cases WHERE id = (SELECT id FROM cases LIMIT 1)"
