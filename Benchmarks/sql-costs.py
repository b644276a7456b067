#!/usr/bin/env python3
"""The SQL of the hot list pages (CaseRepository.list as the API scopes it: agent001 own scope, leader01 teams,
admin all), timed on a generated SQLite file with the pragmas `serve` sets; prints median ms, rows and the plan.
    python3 Benchmarks/sql-costs.py DATA/kefu.sqlite
The statements mirror CaseRepository.list/scoped (Sources/KefuStore/Repositories/CaseRepository.swift);
QueryPlanTests records the real ones."""
import sqlite3, sys, time, statistics
db = sqlite3.connect(sys.argv[1])
for p in ("PRAGMA optimize=0x10002", "PRAGMA mmap_size=1073741824", "PRAGMA cache_size=-32768", "PRAGMA temp_store=MEMORY"):
    db.execute(p).fetchall()
me, dept = db.execute("SELECT id, department_id FROM users WHERE username='agent001'").fetchone()
lead, team = db.execute("SELECT u.id, t.id FROM users u JOIN teams t ON t.leader_id = u.id WHERE u.username='leader01'").fetchone()
own = "(owner_id = ? OR assignee_id = ? OR (assignee_id IS NULL AND department_id = ?))"
tail = " ORDER BY created_at DESC, id DESC LIMIT 51"
Q = {
 "queue": ("SELECT * FROM cases WHERE " + own + " AND status IN ('assigned','in_progress') AND assignee_id = ?" + tail, (me, me, dept, me)),
 "team": ("SELECT * FROM cases WHERE (team_id IN (?) OR owner_id = ? OR assignee_id = ? OR (assignee_id IS NULL AND department_id = ?)) AND status IN ('new','assigned','in_progress','pending_customer')" + tail, (team, lead, lead, dept)),
 "breached": ("SELECT * FROM cases WHERE " + own + " AND breached_at IS NOT NULL" + tail, (me, me, dept)),
 "breached-all": ("SELECT * FROM cases WHERE breached_at IS NOT NULL" + tail, ()),
}
for w in ["退货", "宽带", "发票", "投诉"]:
    Q["search " + w] = ("SELECT * FROM cases WHERE " + own + " AND search_rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)" + tail, (me, me, dept, '"%s"' % w))
    Q["search-all " + w] = ("SELECT * FROM cases WHERE search_rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)" + tail, ('"%s"' % w,))
Q["match count 退货"] = ("SELECT count(*) FROM case_search WHERE case_search MATCH ?", ('"退货"',))
for name, (sql, args) in Q.items():
    plan = " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, args))
    ts = []
    for _ in range(5):
        t = time.perf_counter(); rows = db.execute(sql, args).fetchall(); ts.append((time.perf_counter() - t) * 1000)
    print(f"{name:18s} median {statistics.median(ts):8.1f} ms  rows {len(rows) if 'count' not in name else rows[0][0]:6}  plan: {plan}")
