#!/usr/bin/env python3
"""Crash safety: kill -9 during concurrent case creation; every acknowledged case (201) is stored after the
restart, and nothing is half-written (every stored drill case, acknowledged or not, has its number, customer,
deadlines and creation event, like its peers).

    python3 Tests/Drills/crash_safety.py [--short] [--db sqlite|postgres] [--database-url URL] BIN
"""
import random
import threading
import time
import uuid

import drill


def opts(p):
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--kills", type=int, default=0, help="how many kill -9 (default 5, short 2)")
    p.add_argument("--workers", type=int, default=8)


def main():
    a = drill.parse_args(__doc__, opts)
    kills = a.kills or (2 if a.short else 5)
    d = drill.Drill(f"crash_safety[{a.db}]", a.timeout or (300 if a.short else 900))
    env = {}
    if a.db == "postgres":
        env["KEFU_DATABASE_URL"] = drill.postgres_url(d, a, "kefu_crash")
    srv = drill.Server(a.bin, env=env).start()
    d.cleanups.append(srv.stop)
    admin_pw = srv.admin_password()
    marker = f"crash-{uuid.uuid4().hex[:6]}"
    acked = {}          # case id -> subject
    lock = threading.Lock()
    attempts = [0]
    errors5xx = [0]

    tokens = [drill.login(srv.url, "admin", admin_pw).token for _ in range(a.workers)]   # tokens outlive restarts

    def worker(n, stop):
        c = drill.Client(srv.url, token=tokens[n])
        i = 0
        while not stop.is_set():
            i += 1
            subject = f"{marker} w{n} #{i}"
            body = {"type": "complaint" if i % 3 == 0 else "consultation", "channel": "phone",
                    "customer": {"name": f"客户{n}-{i}", "phone": f"139{n:02d}{i:06d}"[:11]},
                    "subject": subject, "description": "drill: created while the server is killed"}
            if i % 3 == 0:
                body["complaint"] = {"category": "quality", "customer_request": "退货"}
            with lock:
                attempts[0] += 1
            try:
                r = c.post("/api/v1/cases", body)
            except OSError:
                time.sleep(0.05)   # the server is down: not acknowledged
                c.close()
                continue
            if r.status == 201:
                with lock:
                    acked[r.json()["id"]] = subject
            elif r.status >= 500:
                with lock:
                    errors5xx[0] += 1

    for k in range(kills):
        stop = threading.Event()
        threads = [threading.Thread(target=worker, args=(n, stop), daemon=True) for n in range(a.workers)]
        for t in threads:
            t.start()
        start = len(acked)
        t = time.monotonic()
        while len(acked) == start and time.monotonic() - t < 30:
            time.sleep(0.1)   # the kill falls while creations are being acknowledged
        time.sleep(random.uniform(2, 5) if a.short else random.uniform(4, 10))
        before = len(acked)
        srv.kill9()
        stop.set()
        for t in threads:
            t.join(10)
        print(f"   kill -9 #{k + 1}: {before} acknowledged so far", flush=True)
        srv.start()

    c = drill.login(srv.url, "admin", admin_pw)
    stored = [x for x in drill.list_all(c, "/api/v1/cases") if x.get("subject", "").startswith(marker)]
    stored_ids = {x["id"] for x in stored}
    lost = [i for i in acked if i not in stored_ids]
    # Nothing half-written: each stored drill case is complete, read one by one.
    half = []
    kinds_by_type = {}
    for x in stored:
        r = c.get(f"/api/v1/cases/{x['id']}")
        j = r.json() or {}
        ev = c.get(f"/api/v1/cases/{x['id']}/events")
        events = (ev.json() or {}).get("items", []) if ev.status == 200 else []
        kinds = tuple(sorted(dl.get("kind") for dl in j.get("deadlines", [])))
        kinds_by_type.setdefault(j.get("type"), {}).setdefault(kinds, 0)
        kinds_by_type[j.get("type")][kinds] += 1
        complete = (r.status == 200 and j.get("number") and (j.get("customer") or {}).get("id") and kinds
                    and events and (j.get("type") != "complaint" or j.get("complaint")))
        if not complete:
            half.append(x["id"])
    # Every case of a type has the same set of deadlines (a case stored without some of them is half-written).
    for t, sets in kinds_by_type.items():
        if len(sets) > 1:
            common = max(sets, key=sets.get)
            half.append(f"type {t}: deadline sets {dict(sets)} (expected all {common})")
    d.figure("kill -9", kills)
    d.figure("creations attempted", attempts[0])
    d.figure("acknowledged (201)", len(acked))
    d.figure("stored drill cases", len(stored))
    d.figure("acknowledged but lost", len(lost))
    d.figure("half-written", len(half))
    d.figure("5xx answers", errors5xx[0])
    d.check(len(acked) > 0, "some creations were acknowledged")
    d.check(not lost, f"acknowledged = stored (lost: {lost[:5]})")
    d.check(not half, f"nothing half-written ({half[:5]})")
    d.check(errors5xx[0] == 0, "no 5xx while the server ran")
    d.finish()


if __name__ == "__main__":
    drill.guard(main)
