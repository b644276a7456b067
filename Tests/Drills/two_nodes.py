#!/usr/bin/env python3
"""Two nodes on one PostgreSQL: both run the deadline scanner (scan every 5 s, a rulebook whose first-response
and dispatch deadlines are 1 natural minute); cases are opened on both nodes; once every clock has breached,
each breach is marked once (one audit event per clock) and each case's folded breach notice counts each of
its breaches exactly once (not twice, not never).

    python3 Tests/Drills/two_nodes.py [--short] [--database-url URL] BIN
"""
import os
import threading
import time
import uuid

import drill

RULEBOOK = """\
deadlines:
  scan_interval_seconds: 5
cases:
  first_response_within: {value: 1, unit: minutes}
  dispatch_within: {value: 1, unit: minutes}
"""


def opts(p):
    p.add_argument("--cases", type=int, default=0, help="cases to open (default 200, short 30)")


def main():
    a = drill.parse_args(__doc__, opts)
    n = a.cases or (30 if a.short else 200)
    d = drill.Drill("two_nodes", a.timeout or (300 if a.short else 600))
    url = drill.postgres_url(d, a, "kefu_two_nodes")
    q = lambda sql: drill.psql_url(url, sql)  # noqa: E731
    work = os.path.join("/tmp", f"kefu-drill-nodes-{uuid.uuid4().hex[:6]}")
    os.makedirs(work)
    drill.TEMP_DIRS.append(work)
    rb = os.path.join(work, "rulebook.yaml")
    with open(rb, "w") as f:
        f.write(RULEBOOK)
    env = {"KEFU_DATABASE_URL": url, "KEFU_RULEBOOK": rb}
    node_a = drill.Server(a.bin, env=env).start()
    d.cleanups.append(node_a.stop)
    pw = node_a.admin_password()
    node_b = drill.Server(a.bin, env=env, port=drill.free_port(node_a.port + 1)).start()
    d.cleanups.append(node_b.stop)
    ca, cb = drill.login(node_a.url, "admin", pw), drill.login(node_b.url, "admin", pw)
    # recipients of the default escalation (the first role of the chain: agent)
    for i in range(3):
        drill.create_user(ca, "agent")
    marker = f"nodes-{uuid.uuid4().hex[:6]}"
    ids, lock = [], threading.Lock()

    refused = []

    def opener(client, node, k):
        for i in range(k):
            r = client.post("/api/v1/cases", {"type": "consultation", "channel": "phone", "subject": f"{marker} {node}{i}",
                                              "description": "two nodes",
                                              "customer": {"name": "赵六", "phone": f"135{node}{i:07d}"}})
            with lock:
                if r.status == 201:
                    ids.append(r.json()["id"])
                else:
                    refused.append(f"{r.status} {r.text[:160]}")

    ts = [threading.Thread(target=opener, args=(c, node, n // 2)) for c, node in ((ca, 1), (cb, 2))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    d.check(len(ids) == n // 2 * 2, f"{len(ids)} cases opened across the two nodes ({refused[:3]})")
    idlist = ",".join(f"'{i}'" for i in ids)
    clocks = q(f"SELECT id, kind FROM deadline_clocks WHERE subject_id IN ({idlist}) "
               f"AND kind IN ('first_response','dispatch')")
    d.check(len(clocks) > 0, f"short clocks exist ({len(clocks)})")
    deadline = time.monotonic() + 150
    breached = 0
    while time.monotonic() < deadline:
        breached = int(q(f"SELECT count(*) FROM deadline_clocks WHERE subject_id IN ({idlist}) "
                         f"AND kind IN ('first_response','dispatch') AND state = 'breached'")[0][0])
        if breached == len(clocks):
            break
        time.sleep(3)
    time.sleep(12)   # two more scans on each node: a late duplicate would show now
    audit_dups = q(f"SELECT subject_id, summary, count(*) FROM audit_events WHERE action = 'deadline.breached' "
                   f"AND subject_id IN ({idlist}) GROUP BY subject_id, summary HAVING count(*) > 1")
    audits = int(q(f"SELECT count(*) FROM audit_events WHERE action = 'deadline.breached' AND subject_id IN ({idlist})")[0][0])
    # Issue 21 §8: a case's breaches fold into one notification for its holder (dedupe key
    # case_deadline:<case>:breach), whose repeat_count counts each breach once. Exactly once across two nodes:
    # one row per case and holder, and its count equals the case's breached clocks (a second node's double
    # notice would show as a higher count; a missed one as a lower count or no row).
    per_case = {}
    for row in q(f"SELECT subject_id FROM deadline_clocks WHERE subject_id IN ({idlist}) "
                 f"AND kind IN ('first_response','dispatch') AND state = 'breached'"):
        per_case[row[0].lower()] = per_case.get(row[0].lower(), 0) + 1
    keys = [f"'case_deadline:{case}:breach'" for case in per_case]
    in_list = ",".join(keys) or "''"
    notes = q(f"SELECT user_id, lower(dedupe_key), count(*), max(repeat_count) FROM notifications "
              f"WHERE lower(dedupe_key) IN ({in_list}) GROUP BY user_id, lower(dedupe_key)")
    dup = [x for x in notes if int(x[2]) > 1]
    counted = {x[1]: int(x[3]) for x in notes}
    never = [k for k in keys if k.strip("'") not in counted]
    uneven = {k: (counted[k], per_case[k.split(":")[1]]) for k in counted if counted[k] != per_case[k.split(":")[1]]}
    recipients = {x[0] for x in notes}
    d.figure("cases", len(ids))
    d.figure("clocks (first response, dispatch)", len(clocks))
    d.figure("breached", breached)
    d.figure("breach audit events", audits)
    d.figure("breach notices (folded per case)", sum(int(x[3]) for x in notes))
    d.figure("recipients", len(recipients))
    d.figure("duplicate notices", len(dup))
    d.figure("cases never noticed", len(never))
    d.check(breached == len(clocks), f"every clock breached within 150 s ({breached}/{len(clocks)})")
    d.check(not audit_dups and audits == len(clocks), f"each breach marked once ({audits} audit events, {len(audit_dups)} doubled)")
    d.check(not dup, f"no breach notice twice ({dup[:3]})")
    d.check(not never, f"every breached case noticed ({len(never)} cases without a notice)")
    d.check(not uneven, f"each breach counted exactly once in its case's notice ({list(uneven.items())[:3]})")
    d.finish()


if __name__ == "__main__":
    drill.guard(main)
