#!/usr/bin/env python3
"""The SQL of the hot list pages on a generated SQLite file, timed with the pragmas `serve` sets: for each page
the planner's own choice (how Kefu read it before issue 10's fixes) and the statement Kefu runs now (CaseListPlan:
INDEXED BY cases_created / cases_breached_newest; CaseSearchWalk: FTS5 matches newest first in batches).
Prints median ms of 5 runs, rows and the plan.
    python3 Benchmarks/sql-costs.py DATA/kefu.sqlite
Scopes as CaseRepository.scoped applies them: agent001 (own: owner, assignee or unassigned in the department),
leader01 (teams: + team_id IN my teams), admin (all). QueryPlanTests records the real statements."""
import sqlite3, sys, time, statistics
db = sqlite3.connect(sys.argv[1])
for p in ("PRAGMA optimize=0x10002", "PRAGMA mmap_size=1073741824", "PRAGMA cache_size=-32768", "PRAGMA temp_store=MEMORY"):
    db.execute(p).fetchall()
me, dept = db.execute("SELECT id, department_id FROM users WHERE username='agent001'").fetchone()
lead, team = db.execute("SELECT u.id, t.id FROM users u JOIN teams t ON t.leader_id = u.id WHERE u.username='leader01'").fetchone()
has_breached_newest = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'cases_breached_newest'").fetchone()[0]
OWN = ("(owner_id = ? OR assignee_id = ? OR (assignee_id IS NULL AND department_id = ?))", (me, me, dept))
TEAM = ("(team_id IN (?) OR owner_id = ? OR assignee_id = ? OR (assignee_id IS NULL AND department_id = ?))", (team, lead, lead, dept))
ALL = ("1 = 1", ())
OPEN = " AND status IN ('new','assigned','in_progress','pending_customer')"
TAIL = " ORDER BY created_at DESC, id DESC LIMIT 51"


def timed(sql, args):
    plan = " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, args))
    ts, rows = [], []
    for _ in range(5):
        t = time.perf_counter(); rows = db.execute(sql, args).fetchall(); ts.append((time.perf_counter() - t) * 1000)
    return statistics.median(ts), len(rows), plan


def walk(scope, word, limit=50):
    """CaseSearchWalk: batches of 256, 1,024, … FTS5 matches, newest first, until the page is full."""
    where, args = scope
    match = '"%s"' % word
    below, batch, found, rounds = 2 ** 62, 256, 0, 0
    t = time.perf_counter()
    while found <= limit:
        rounds += 1
        r = db.execute("SELECT rowid FROM case_search WHERE case_search MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                       (match, below, batch - 1)).fetchone()
        floor = r[0] if r else 0
        found += len(db.execute("SELECT * FROM cases INDEXED BY cases_search_rowid WHERE " + where + " AND search_rowid IN "
                                "(SELECT rowid FROM case_search WHERE case_search MATCH ? AND rowid < ? AND rowid >= ?) "
                                "ORDER BY search_rowid DESC LIMIT ?", args + (match, below, floor, limit + 1 - found)).fetchall())
        if not r:
            break
        below, batch = floor, min(batch * 4, 16384)
    return (time.perf_counter() - t) * 1000, min(found, limit + 1), f"{rounds} round(s)"


def row(name, before, after):
    b = timed(*before)
    a = after() if callable(after) else timed(*after)
    print(f"| {name} | {b[0]:.1f} | {a[0]:.1f} | {a[1]} | {b[2]} | {a[2]} |")


print("| page | planner's choice ms | Kefu now ms | rows | plan before | plan now |\n|---|---|---|---|---|---|")
row("my queue (assignee = me, 2 statuses)",
    ("SELECT * FROM cases WHERE " + OWN[0] + " AND status IN ('assigned','in_progress') AND assignee_id = ?" + TAIL, OWN[1] + (me,)),
    ("SELECT * FROM cases WHERE " + OWN[0] + " AND status IN ('assigned','in_progress') AND assignee_id = ?" + TAIL, OWN[1] + (me,)))
for label, scope in (("agent", OWN), ("leader", TEAM)):
    row(f"{label}: all my cases (no filter)", ("SELECT * FROM cases WHERE " + scope[0] + TAIL, scope[1]),
        ("SELECT * FROM cases INDEXED BY cases_created WHERE " + scope[0] + TAIL, scope[1]))
    row(f"{label}: open (4 statuses)", ("SELECT * FROM cases WHERE " + scope[0] + OPEN + TAIL, scope[1]),
        ("SELECT * FROM cases INDEXED BY cases_created WHERE " + scope[0] + OPEN + TAIL, scope[1]))
    row(f"{label}: 已解决+已关闭", ("SELECT * FROM cases WHERE " + scope[0] + " AND status IN ('resolved','closed')" + TAIL, scope[1]),
        ("SELECT * FROM cases INDEXED BY cases_created WHERE " + scope[0] + " AND status IN ('resolved','closed')" + TAIL, scope[1]))
    breached_index = "cases_breached_newest" if has_breached_newest else "cases_created"
    row(f"{label}: breached first", ("SELECT * FROM cases WHERE " + scope[0] + " AND breached_at IS NOT NULL" + TAIL, scope[1]),
        ("SELECT * FROM cases INDEXED BY " + breached_index + " WHERE " + scope[0] + " AND breached_at IS NOT NULL" + TAIL, scope[1]))
for label, scope in (("agent", OWN), ("admin", ALL)):
    for w in ["退货", "宽带", "话费", "发票", "维修", "安装", "套餐", "投诉", "退款", "信号"]:
        row(f"{label}: search {w}", ("SELECT * FROM cases WHERE " + scope[0] + " AND search_rowid IN (SELECT rowid FROM case_search "
                                     "WHERE case_search MATCH ?)" + TAIL, scope[1] + ('"%s"' % w,)),
            lambda scope=scope, w=w: walk(scope, w))
row("customer by phone suffix", ("SELECT * FROM customer_phone_keys WHERE phone_key = ? LIMIT 40", ("5678",)),
    ("SELECT * FROM customer_phone_keys WHERE phone_key = ? LIMIT 40", ("5678",)))
matches = db.execute("SELECT count(*) FROM case_search WHERE case_search MATCH ?", ('"退货"',)).fetchone()[0]
print(f"\nmatches of 退货: {matches:,} of {db.execute('SELECT count(*) FROM cases').fetchone()[0]:,} cases")
