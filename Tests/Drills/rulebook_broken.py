#!/usr/bin/env python3
"""A broken rulebook at start and at a scheduled switch: refused with its line and expectation, and the old
version stays in force.

- at start: `kefu serve` with KEFU_RULEBOOK naming a broken file exits non-zero and says file:line, the key and
  what it expected; `kefu rules check FILE` says the same and exits 1;
- upload: POST /api/v1/rulebook/versions with the broken file → 400 quoting line and expectation; nothing changes;
- scheduled switch: a valid version is scheduled a few seconds ahead, then its stored content is broken in the
  database (as a file written by another release would be); at its instant the version in force stays the old
  one, the version shows as `invalid`, the log says why (line and expectation), and a restarted node starts
  with the old version; a second, valid version scheduled after it does take over (the switch itself works).

    python3 Tests/Drills/rulebook_broken.py [--short] [--db sqlite|postgres] BIN
"""
import datetime
import os
import re
import sqlite3
import subprocess
import time
import uuid

import drill

BROKEN = """\
# drill: an organization file with one mistake
# (scan_interval_seconds must be 5..3600)
deadlines:
  warn_at_percent: 80
  scan_interval_seconds: 1
"""
BROKEN_LINE = 5
VALID_A = "deadlines:\n  scan_interval_seconds: 20\n"
VALID_B = "deadlines:\n  scan_interval_seconds: 25\n"


def opts(p):
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")


def says_line_and_expectation(text):
    return bool(re.search(rf":{BROKEN_LINE}(:\d+)?:", text)) and "scan_interval_seconds" in text and "expected" in text


def main():
    a = drill.parse_args(__doc__, opts)
    d = drill.Drill(f"rulebook_broken[{a.db}]", a.timeout or 240)
    env, url = {}, None
    if a.db == "postgres":
        url = drill.postgres_url(d, a, "kefu_rulebook")
        env["KEFU_DATABASE_URL"] = url
    work = f"/tmp/kefu-drill-rb-{uuid.uuid4().hex[:6]}"
    os.makedirs(work)
    drill.TEMP_DIRS.append(work)
    broken = os.path.join(work, "broken.yaml")
    with open(broken, "w") as f:
        f.write(BROKEN)

    # --- at start ------------------------------------------------------------------------------------
    srv0 = drill.Server(a.bin, env=dict(env, KEFU_RULEBOOK=broken))
    started = True
    try:
        srv0.start(wait=40)
    except RuntimeError:
        started = False
    srv0.stop()
    d.check(not started, "kefu serve with a broken rulebook refuses to start")
    d.check(says_line_and_expectation(srv0.log()), f"… and says line {BROKEN_LINE}, the key and the expectation "
                                                   f"({srv0.log().strip().splitlines()[-1:] if srv0.log().strip() else ''})")
    r = subprocess.run([a.bin, "rules", "check", broken], capture_output=True, text=True, timeout=60)
    d.check(r.returncode != 0 and says_line_and_expectation(r.stdout + r.stderr),
            f"kefu rules check: exit {r.returncode}, {(r.stdout + r.stderr).strip()[:160]}")

    # --- upload --------------------------------------------------------------------------------------
    srv = drill.Server(a.bin, env=env).start()
    d.cleanups.append(srv.stop)
    pw = srv.admin_password()
    admin = drill.login(srv.url, "admin", pw)
    v0 = admin.get("/api/v1/rulebook").json()["version"]
    r = admin.post("/api/v1/rulebook/versions", {"content": BROKEN, "file_name": "broken.yaml", "announce": False})
    upload_refused = r.status == 400 and says_line_and_expectation(r.text)
    d.check(upload_refused, f"upload of the broken file → 400 with line and "
                                                                  f"expectation ({r.status} {r.text[:200]})")
    d.check(admin.get("/api/v1/rulebook").json()["version"] == v0, "the version in force did not change")

    # --- scheduled switch ----------------------------------------------------------------------------
    def at(seconds):
        return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")
    t0 = time.monotonic()
    r = admin.post("/api/v1/rulebook/versions", {"content": VALID_A, "file_name": "a.yaml", "effective_at": at(30),
                                                 "announce": False})
    d.check(r.status == 201, f"a valid version scheduled 30 s ahead ({r.status} {r.text[:160]})")
    vid = r.json()["id"] if r.status == 201 else None
    r = admin.post("/api/v1/rulebook/versions", {"content": VALID_B, "file_name": "b.yaml", "effective_at": at(50),
                                                 "announce": False})
    d.check(r.status == 201, f"a second valid version scheduled 50 s ahead ({r.status})")
    vb = r.json() if r.status == 201 else {}
    if vid:
        sql = "UPDATE rulebook_versions SET content = {p}, version = {p} WHERE id = {p}"
        if a.db == "sqlite":
            db = sqlite3.connect(os.path.join(srv.dir, "data", "kefu.sqlite"), timeout=30)
            n = db.execute(sql.format(p="?"), (BROKEN, "drill-broken", vid)).rowcount
            if n == 0:
                n = db.execute(sql.format(p="?"), (BROKEN, "drill-broken", uuid.UUID(vid).bytes)).rowcount
            db.commit()
            db.close()
        else:
            drill.psql_url(url, sql.format(p="'{}'").format(BROKEN.replace("'", "''"), "drill-broken", vid))
            n = 1
        d.check(n == 1, "the stored version was broken in the database")
    # The node had installed the valid file when it was uploaded; a restart (or the next reload, within 15 s)
    # reads what is stored now. Restarting makes the drill deterministic.
    srv.stop()
    srv.start()
    admin = drill.login(srv.url, "admin", pw)
    time.sleep(max(0, 38 - (time.monotonic() - t0)))   # past the broken version's instant
    now = admin.get("/api/v1/rulebook").json()
    d.check(now["version"] == v0, f"at the broken version's instant the old version stays in force ({now['in_force']})")
    st = admin.get(f"/api/v1/rulebook/versions/{vid}").json() if vid else {}
    d.check(st.get("state") == "invalid", f"the broken version shows as invalid ({st.get('state')})")
    d.check(says_line_and_expectation(srv.log()), "the log says why the stored version was refused (line and expectation)",
            pending="rulebook-log")
    time.sleep(max(0, 54 - (time.monotonic() - t0)))   # past the second version's instant
    later = admin.get("/api/v1/rulebook").json()
    d.check(later["in_force"].get("version_id") == vb.get("id"),
            f"the valid version scheduled after it takes over on time ({later['in_force']})")
    d.figure("broken file refused at start", "yes" if not started else "NO")
    d.figure("broken upload refused with line and expectation", "yes" if upload_refused else "NO")
    d.figure("old version kept at the broken switch", "yes" if now["version"] == v0 else "NO")
    d.finish()


if __name__ == "__main__":
    drill.guard(main)
