#!/usr/bin/env python3
"""Backup → restore round trip under load: while workers keep creating cases, `kefu backup FILE` (SQLite) or
the pg_dump it prints (PostgreSQL) takes a backup; the backup is restored into a new data folder / database and
served: every case acknowledged before the backup started is there and complete, the database is consistent,
the restored server takes new cases, and the backup file is readable by its owner only.

    python3 Tests/Drills/backup_restore.py [--short] [--db sqlite|postgres] BIN
"""
import os
import sqlite3
import stat
import subprocess
import threading
import time
import urllib.parse
import uuid

import drill


def opts(p):
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--rounds", type=int, default=0, help="backups taken under load (default 3, short 1)")


def main():
    a = drill.parse_args(__doc__, opts)
    rounds = a.rounds or (1 if a.short else 3)
    d = drill.Drill(f"backup_restore[{a.db}]", a.timeout or (300 if a.short else 900))
    env, pg, url = {}, None, None
    if a.db == "postgres":
        if a.database_url:
            url = a.database_url
        else:
            pg = drill.Postgres().up()
            d.cleanups.append(pg.down)
            url = pg.create_db("kefu_backup")
        env["KEFU_DATABASE_URL"] = url
    srv = drill.Server(a.bin, env=env).start()
    d.cleanups.append(srv.stop)
    pw = srv.admin_password()
    marker = f"backup-{uuid.uuid4().hex[:6]}"
    acked, lock = {}, threading.Lock()
    stop = threading.Event()

    tokens = [drill.login(srv.url, "admin", pw).token for _ in range(4)]

    def worker(n):
        c = drill.Client(srv.url, token=tokens[n])
        i = 0
        while not stop.is_set():
            i += 1
            r = c.post("/api/v1/cases", {"type": "consultation", "channel": "phone", "subject": f"{marker} w{n} #{i}",
                                         "description": "created during a backup",
                                         "customer": {"name": f"客户{n}", "phone": f"137{n:02d}{i:06d}"[:11]}})
            if r.status == 201:
                with lock:
                    acked[r.json()["id"]] = time.monotonic()

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(4)]
    for t in threads:
        t.start()
    totals = {"before": 0, "missing": 0, "restored": 0, "half": 0}
    for k in range(rounds):
        want = len(acked) + (50 if a.short else 300)
        t = time.monotonic()
        while len(acked) < want and time.monotonic() - t < 120:
            time.sleep(0.2)
        with lock:
            before = set(acked)
        d.check(len(before) > 0, f"backup {k}: cases were acknowledged before it ({len(before)})")
        t0 = time.monotonic()
        path = os.path.join(srv.dir, f"backup-{k}.{'sqlite' if a.db == 'sqlite' else 'dump'}")
        if a.db == "sqlite":
            r = srv.kefu("backup", path)
            ok = r.returncode == 0 and os.path.exists(path)
            d.check(ok, f"kefu backup under load exits 0 ({r.returncode} {r.stderr[-300:]})")
            if not ok:
                continue
        else:
            r = srv.kefu("backup", path)
            d.check("pg_dump" in r.stdout, f"kefu backup on PostgreSQL names the pg_dump command ({r.stdout[:120]!r})")
            u = urllib.parse.urlparse(url)
            dump = subprocess.run(["pg_dump", "--format=custom", "--file", path, "-h", u.hostname, "-p", str(u.port),
                                   "-U", u.username, u.path.lstrip("/")],
                                  env=dict(os.environ, PGPASSWORD=u.password or ""), capture_output=True, text=True)
            d.check(dump.returncode == 0, f"pg_dump under load ({dump.stderr[-200:]})")
        took = time.monotonic() - t0
        with lock:
            during = len(acked) - len(before)
        if a.db == "sqlite":   # (on PostgreSQL the drill's own pg_dump writes the file)
            mode = stat.S_IMODE(os.stat(path).st_mode)
            d.check(mode & 0o077 == 0, f"backup file readable by its owner only ({oct(mode)})", pending="file-modes")
        # restore into a new place and serve it
        if a.db == "sqlite":
            integrity = sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0]
            d.check(integrity == "ok", f"backup {k}: PRAGMA integrity_check = {integrity}")
            rdir = os.path.join(srv.dir, f"restore-{k}")
            os.makedirs(os.path.join(rdir, "data"))
            os.replace(path, os.path.join(rdir, "data", "kefu.sqlite"))
            restored = drill.Server(a.bin, dir=rdir)
        else:
            name = f"kefu_restore_{k}"
            if pg:
                rurl = pg.create_db(name)
            else:
                drill.psql_url(url, f"CREATE DATABASE {name}")
                rurl = url.replace(urllib.parse.urlparse(url).path, "/" + name, 1)
            ru = urllib.parse.urlparse(rurl)
            res = subprocess.run(["pg_restore", "--no-owner", "-h", ru.hostname, "-p", str(ru.port), "-U", ru.username,
                                  "-d", ru.path.lstrip("/"), path],
                                 env=dict(os.environ, PGPASSWORD=ru.password or ""), capture_output=True, text=True)
            d.check(res.returncode == 0, f"pg_restore ({res.stderr[-300:]})")
            restored = drill.Server(a.bin, env={"KEFU_DATABASE_URL": rurl})
        restored.start()
        try:
            c = drill.login(restored.url, "admin", pw)
            stored = [x for x in drill.list_all(c, "/api/v1/cases") if x.get("subject", "").startswith(marker)]
            ids = {x["id"] for x in stored}
            missing = before - ids
            half = [x["id"] for x in stored if not x.get("number") or not (x.get("customer") or {}).get("id")]
            numbers = {x.get("number") for x in stored}
            r = c.post("/api/v1/cases", {"type": "consultation", "channel": "phone", "subject": "after restore",
                                         "description": "x", "customer": {"name": "新客户", "phone": "13600000000"}})
            d.check(r.status == 201 and r.json()["number"] not in numbers,
                    f"backup {k}: the restored server takes a new case with a new number ({r.status})")
        finally:
            restored.stop()
        print(f"   backup {k}: {len(before)} acknowledged before it, {during} during it ({took:.1f} s); "
              f"restored {len(stored)}, missing {len(missing)}, incomplete {len(half)}", flush=True)
        totals["before"] += len(before)
        totals["missing"] += len(missing)
        totals["restored"] += len(stored)
        totals["half"] += len(half)
        d.check(not missing, f"backup {k}: every case acknowledged before the backup is restored ({len(missing)} missing)")
        d.check(not half, f"backup {k}: nothing half-written")
    stop.set()
    for t in threads:
        t.join(10)
    if a.db == "sqlite":
        dbfile = os.path.join(srv.dir, "data", "kefu.sqlite")
        mode = stat.S_IMODE(os.stat(dbfile).st_mode)
        d.check(mode & 0o077 == 0, f"database file readable by its owner only ({oct(mode)})", pending="file-modes")
    d.figure("backups under load", rounds)
    d.figure("cases acknowledged before the backups (sum)", totals["before"])
    d.figure("restored (sum)", totals["restored"])
    d.figure("missing", totals["missing"])
    d.figure("incomplete", totals["half"])
    d.finish()


if __name__ == "__main__":
    drill.guard(main)
