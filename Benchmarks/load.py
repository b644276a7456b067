#!/usr/bin/env python3
"""HTTP load scenarios against a running Kefu server (Python 3 standard library only).

    python3 Benchmarks/load.py --url http://127.0.0.1:8099 --username agent001 --password P \\
        --duration 10 --concurrency 8 [--pid SERVER_PID] [--only search,phone]

Logs in once (bcrypt is deliberately slow; every worker shares the token; the HTML page scenarios log in through
the login form, CSRF token included, and share the session cookie), then runs the scenarios one after another.
Each worker is a thread with its own keep-alive connection (http.client). Per scenario it reports requests, rate,
p50/p95/p99 latency and errors (non-2xx answers and failed connections), and with --pid the server's RSS after
it; the table is Markdown. A Python client tops out at a few thousand requests per second, so with --wrk PATH
(issue 22) the scenarios that have a script in Benchmarks/wrk/ are run by wrk instead (same paths and bodies;
the "as" column says "wrk"), and the `static` row (a static file through the whole stack) shows the client's
own ceiling in the same run.
"""
import argparse
import atexit
import datetime as dt
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import sys
import threading
import time
import urllib.parse

SEARCH_WORDS = ["退货", "宽带", "话费", "发票", "维修", "安装", "套餐", "投诉", "退款", "信号"]
TYPES = ["consultation", "query", "complaint", "suggestion", "fault_report", "service_request", "proactive",
         "tariff_dispute", "redemption", "other"]
CHANNELS = ["phone", "visit", "web", "chat", "wechat", "qq", "letter", "email"]
PRIORITIES = ["low", "normal", "high", "urgent"]
SUBJECTS = ["宽带无法上网", "申请退货", "话费扣费异常", "补开发票", "预约上门维修", "咨询套餐资费", "投诉服务态度", "积分兑换未到账"]
SENTENCES = ["客户来电反映宽带经常断线，要求尽快处理。", "客户说我要退货，要求退款。", "客户称上月话费多扣了30元。",
             "客户要求开具发票。", "已告知客户处理时限。", "客户希望工程师明天上门安装。"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "秀英", "建华", "子轩", "雨涵"]


class Client:
    """One keep-alive connection; reconnects after a failure."""

    def __init__(self, base, token=None, cookie=None):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.https = u.hostname, u.port or (443 if u.scheme == "https" else 80), u.scheme == "https"
        self.prefix = u.path.rstrip("/")
        self.headers = {"Accept": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token
        if cookie:  # a browser session: pages are HTML
            self.headers["Cookie"] = cookie
            self.headers["Accept"] = "text/html"
        self.conn = None
        self.last_headers = []

    def request(self, method, path, body=None, form=None, cookie=None):
        """(status, body bytes); status 0 when the connection failed. `form`: a dict sent url-encoded."""
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if cookie:
            headers["Cookie"] = cookie
        for attempt in (1, 2):
            if self.conn is None:
                cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
                self.conn = cls(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, self.prefix + path, body=data, headers=headers)
                resp = self.conn.getresponse()
                payload = resp.read()
                self.last_headers = resp.getheaders()
                if resp.getheader("connection", "").lower() == "close":
                    self.close()
                return resp.status, payload
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    return 0, b""
        return 0, b""

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params)


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def rss(pid):
    """(VmRSS, RssAnon) in MB from /proc/<pid>/status, or None."""
    if not pid:
        return None
    try:
        fields = {}
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "RssAnon", "VmHWM"):
                    fields[key] = int(value.split()[0]) / 1024
        return fields
    except OSError:
        return None


class Context:
    """What the scenarios draw from: case ids and customer ids seen in list pages."""

    def __init__(self, case_ids, customer_ids, seed):
        self.case_ids, self.customer_ids, self.seed = case_ids, customer_ids, seed
        self.files = {}  # for wrk: "cases" / "customers" -> a file of ids, one per line


def new_case_body(rng, ctx):
    body = {"type": rng.choice(TYPES), "channel": rng.choice(CHANNELS), "priority": rng.choice(PRIORITIES),
            "subject": rng.choice(SUBJECTS), "description": "".join(rng.sample(SENTENCES, rng.randint(1, 3)))}
    if ctx.customer_ids and rng.random() < 0.5:
        body["customer_id"] = rng.choice(ctx.customer_ids)
    else:  # a new customer (or the existing one with that number, which the API reuses)
        body["customer"] = {"name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                            "phone": rng.choice(["138", "139", "186", "159", "177"]) + f"{rng.randint(0, 99999999):08d}"}
    return body


# name -> (description, default concurrency: None = --concurrency, request maker). Who runs it: USERS below.
SCENARIOS = {
    "create-seq": ("POST /api/v1/cases (1 client)", 1,
                   lambda rng, ctx, i: ("POST", "/api/v1/cases", new_case_body(rng, ctx))),
    "create-conc": ("POST /api/v1/cases (concurrent)", None,
                    lambda rng, ctx, i: ("POST", "/api/v1/cases", new_case_body(rng, ctx))),
    "open": ("GET /api/v1/cases/{id}", None,
             lambda rng, ctx, i: ("GET", "/api/v1/cases/" + rng.choice(ctx.case_ids), None)),
    "queue": ("GET cases?assignee_id=me&status=assigned,in_progress&limit=50", None,
              lambda rng, ctx, i: ("GET", q("/api/v1/cases", assignee_id="me", status="assigned,in_progress", limit=50), None)),
    "team": ("GET cases?status=new,assigned,in_progress,pending_customer&limit=50 as a team leader (team backlog)", None,
             lambda rng, ctx, i: ("GET", q("/api/v1/cases", status="new,assigned,in_progress,pending_customer", limit=50), None)),
    "breached": ("GET cases?breached=true&limit=50", None,
                 lambda rng, ctx, i: ("GET", q("/api/v1/cases", breached="true", limit=50), None)),
    "search": ("GET cases?q=<2-char word>&limit=50 (" + " ".join(SEARCH_WORDS) + ")", None,
               lambda rng, ctx, i: ("GET", q("/api/v1/cases", q=SEARCH_WORDS[i % len(SEARCH_WORDS)], limit=50), None)),
    "phone": ("GET customers?q=<4 random digits>", None,
              lambda rng, ctx, i: ("GET", q("/api/v1/customers", q=f"{rng.randint(0, 9999):04d}"), None)),
    "approvals": ("GET approvals?mine=true&limit=50 as a sales manager (complaint settlements to approve)", None,
                  lambda rng, ctx, i: ("GET", q("/api/v1/approvals", mine="true", limit=50), None)),
    # HTML pages with a browser session (logged in through the form): what CI's fast mode loads besides the API.
    "page-queue": ("GET /cases (the queue page, HTML)", None, lambda rng, ctx, i: ("GET", "/cases", None)),
    "page-case": ("GET /cases/{id} (a case page, HTML)", None,
                  lambda rng, ctx, i: ("GET", "/cases/" + rng.choice(ctx.case_ids), None)),
    "page-search": ("GET /cases?q=<2-char word> (the search page, HTML)", None,
                    lambda rng, ctx, i: ("GET", q("/cases", q=SEARCH_WORDS[i % len(SEARCH_WORDS)]), None)),
    # No database and no session: the cheapest answer through the whole middleware stack, and so the load
    # client's own ceiling in this run (32 connections, the issue 22 budget's wrk -c32).
    "static": ("GET /js/forms.js (static file; the load client's ceiling)", 32,
               lambda rng, ctx, i: ("GET", "/js/forms.js", None)),
    # Reports need reports.read: they run as admin.
    "report-month": ("GET reports/cases (last 30 days, per agent)", None,
                     lambda rng, ctx, i: ("GET", "/api/v1/reports/cases", None)),
    "report-year": ("GET reports/cases?from=<366 days back> (by month)", None,
                    lambda rng, ctx, i: ("GET", "/api/v1/reports/cases?from=" + (dt.date.today() - dt.timedelta(days=365)).isoformat(), None)),
    "report-weekly": ("GET reports/weekly (this week, day by day)", None,
                      lambda rng, ctx, i: ("GET", "/api/v1/reports/weekly", None)),
}
# Who runs each scenario: the --username account (an agent by default) unless named here.
USERS = {"team": "leader01", "approvals": "manager01", "report-month": "admin", "report-year": "admin", "report-weekly": "admin"}
DEFAULT = ["static", "create-seq", "create-conc", "open", "queue", "team", "breached", "search", "phone", "approvals",
           "report-month", "page-queue", "page-case", "page-search"]
WEB = {"page-queue", "page-case", "page-search"}  # run with the form login's session cookie
ANONYMOUS = {"static"}
# The scenarios wrk runs when --wrk is given: script in Benchmarks/wrk/ and its arguments (after "--").
WRK_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wrk")
WRK_SCRIPTS = {"static": ("static.lua", lambda files: ["path=/js/forms.js"]),
               "create-seq": ("create.lua", lambda files: ["customers=" + files["customers"]]),
               "create-conc": ("create.lua", lambda files: ["customers=" + files["customers"]])}
for _name in ("open", "queue", "team", "breached", "search", "phone", "approvals", "report-month"):
    WRK_SCRIPTS[_name] = ("read.lua", lambda files, n=_name: ["scenario=" + n, "ids=" + files["cases"]])
for _name in WEB:
    WRK_SCRIPTS[_name] = ("pages.lua", lambda files, n=_name: ["scenario=" + n, "ids=" + files["cases"]])
# ARCHITECTURE §5 (at 1,000,000 cases, 8 clients, release build).
BUDGETS = {"create-seq": "≥ 1,000/s", "create-conc": "≥ 1,000/s", "open": "p99 < 15 ms", "queue": "p99 < 25 ms",
           "team": "p99 < 25 ms", "breached": "p99 < 25 ms", "search": "p95 < 50 ms", "deadline-scan": "< 1 s"}


def run_scenario(name, args, token, ctx):
    if name == "deadline-scan":
        return run_scan(args)
    _, fixed, make = SCENARIOS[name]
    workers = fixed or args.concurrency
    if args.wrk and name in WRK_SCRIPTS:
        return run_wrk(name, args, token, ctx, workers)
    latencies = [[] for _ in range(workers)]
    errors = [0] * workers
    statuses = {}
    lock = threading.Lock()
    start_barrier = threading.Barrier(workers + 1)
    deadline = [0.0]

    def work(w):
        rng = random.Random(ctx.seed * 1000 + w)
        client = Client(args.url, cookie=token) if name in WEB else Client(args.url, token)
        lat, i = latencies[w], w
        start_barrier.wait()
        end = deadline[0]
        while True:
            method, path, body = make(rng, ctx, i)
            t = time.perf_counter()
            if t >= end:
                break
            status, _ = client.request(method, path, body)
            lat.append(time.perf_counter() - t)
            i += workers
            if not 200 <= status < 300:
                errors[w] += 1
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
        client.close()

    threads = [threading.Thread(target=work, args=(w,), daemon=True) for w in range(workers)]
    for t in threads:
        t.start()
    began = time.perf_counter()
    deadline[0] = began + args.duration
    start_barrier.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    all_lat = sorted(x for lat in latencies for x in lat)
    n = len(all_lat)
    return {"scenario": name, "workers": workers, "requests": n, "rate": n / elapsed if elapsed else 0.0,
            "p50": percentile(all_lat, 50) * 1000, "p95": percentile(all_lat, 95) * 1000,
            "p99": percentile(all_lat, 99) * 1000, "errors": sum(errors), "statuses": statuses, "rss": rss(args.pid),
            "user": scenario_user(name, args), "client": "python"}


def scenario_user(name, args):
    return "anonymous" if name in ANONYMOUS else USERS.get(name, args.username)


def run_wrk(name, args, credential, ctx, workers):
    """The scenario through wrk (Benchmarks/wrk/*.lua): same paths and bodies, a client that does not saturate first.
    The script prints one KEFU_WRK {json} line (requests, latency percentiles, counts by status)."""
    script, script_args = WRK_SCRIPTS[name]
    header = []
    if name in WEB:
        header = ["-H", "Cookie: " + credential]
    elif credential:
        header = ["-H", "Authorization: Bearer " + credential]
    cmd = [args.wrk, f"-t{min(2, workers)}", f"-c{workers}", f"-d{max(1, round(args.duration))}s", "--timeout", "30s",
           "-s", os.path.join(WRK_DIR, script)] + header + [args.url, "--"] + script_args(ctx.files)
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = next((l for l in out.stdout.splitlines() if l.startswith("KEFU_WRK ")), None)
    r = {"scenario": name, "workers": workers, "rss": rss(args.pid), "user": scenario_user(name, args), "client": "wrk"}
    if out.returncode != 0 or line is None:
        sys.stderr.write(f"wrk failed ({out.returncode}): {' '.join(cmd)}\n{out.stdout[-800:]}\n")
        return dict(r, requests=0, rate=0.0, p50=float("nan"), p95=float("nan"), p99=float("nan"), errors=1,
                    statuses={"0": 1})
    w = json.loads(line[len("KEFU_WRK "):])
    statuses = {s: n for s, n in w["statuses"].items() if not 200 <= int(s) < 300}
    if not w["counted"] and w["non2xx3xx"]:  # static.lua counts no statuses (it would lower the ceiling)
        statuses["400+"] = w["non2xx3xx"]
    if w["failed"]:
        statuses["0"] = statuses.get("0", 0) + w["failed"]
    seconds = w["duration_us"] / 1e6
    return dict(r, requests=w["requests"], rate=w["requests"] / seconds if seconds else 0.0, p50=w["p50_us"] / 1000,
                p95=w["p95_us"] / 1000, p99=w["p99_us"] / 1000, errors=sum(statuses.values()), statuses=statuses)


def run_scan(args):
    """The deadline scan as the server's scanner runs it, through `kefu jobs run-once` (--scan-command), timed by the
    scanner itself ("deadline scan: … in 0.012 s") and as a whole; the open clocks are counted by --scan-count."""
    r = {"scenario": "deadline-scan", "workers": 1, "requests": 0, "rate": 0.0, "p50": float("nan"), "p95": float("nan"),
         "p99": float("nan"), "errors": 0, "statuses": {}, "rss": rss(args.pid), "user": "kefu jobs run-once"}
    if not args.scan_command:
        return None
    import re
    import subprocess
    times = []
    for _ in range(3):
        t = time.perf_counter()
        out = subprocess.run(args.scan_command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        whole = time.perf_counter() - t
        m = re.search(r"deadline scan: .* in ([0-9.]+) s", out.stdout)
        if out.returncode != 0 or not m:
            r["errors"] += 1
            sys.stderr.write(f"scan command failed ({out.returncode}): {out.stdout[-500:]}\n")
            continue
        times.append(float(m.group(1)) * 1000)
        r["whole"] = whole * 1000
    if times:
        times.sort()
        r.update(requests=len(times), p50=times[len(times) // 2], p95=times[-1], p99=times[-1])
    if args.scan_count:
        out = subprocess.run(args.scan_count, shell=True, stdout=subprocess.PIPE, text=True)
        r["user"] = f"{out.stdout.strip()} open clocks"
    return r


def web_login(args, username):
    """A browser session as the login form opens one: GET /login (the CSRF cookie and the form's token), POST the form.
    Returns the Cookie header value."""
    client = Client(args.url)
    status, body = client.request("GET", "/login")
    csrf_cookie = next((v.split(";")[0] for k, v in client.last_headers
                        if k.lower() == "set-cookie" and v.startswith("kefu_csrf=")), None)
    m = re.search(r'name="csrf_token" value="([^"]*)"', body.decode("utf-8", "replace"))
    if status != 200 or not csrf_cookie or not m:
        sys.exit(f"GET /login gave no CSRF cookie and token: HTTP {status}")
    status, body = client.request("POST", "/login", cookie=csrf_cookie,
                                  form={"csrf_token": m.group(1), "next": "/", "username": username, "password": args.password})
    session = next((v.split(";")[0] for k, v in client.last_headers
                    if k.lower() == "set-cookie" and v.startswith("kefu_session=")), None)
    client.close()
    if status not in (302, 303) or not session:
        sys.exit(f"form login as {username} failed: HTTP {status} {body[:200]!r}")
    return session


def login(args, username=None):
    username = username or args.username
    client = Client(args.url)
    status, body = client.request("POST", "/api/v1/auth/login", {"username": username, "password": args.password})
    client.close()
    if status != 200:
        sys.exit(f"login as {username} failed: HTTP {status} {body[:200]!r}")
    return json.loads(body)["token"]


def sample_context(args, token, seed):
    """Case ids from a few list pages (newest, closed ones, a few pages deep) and their customers."""
    client = Client(args.url, token)
    case_ids, customer_ids = set(), set()
    for params in ({"limit": 200}, {"status": "closed", "limit": 200}, {"status": "new,assigned,in_progress", "limit": 200},
                   {"type": "complaint", "limit": 200}):
        cursor = None
        for _ in range(3):
            p = dict(params, **({"cursor": cursor} if cursor else {}))
            status, body = client.request("GET", q("/api/v1/cases", **p))
            if status != 200:
                sys.exit(f"GET /api/v1/cases failed: HTTP {status} {body[:200]!r}")
            page = json.loads(body)
            for item in page["items"]:
                case_ids.add(item["id"])
                if item.get("customer"):
                    customer_ids.add(item["customer"]["id"])
            cursor = page.get("next_cursor")
            if not cursor:
                break
    if not case_ids:
        sys.exit("the list returned no cases: generate data first (Benchmarks/generate.py)")
    # Sanity checks: the search index and single cases answer as the scenarios expect.
    status, body = client.request("GET", q("/api/v1/cases", q=SEARCH_WORDS[0], limit=5))
    if status != 200 or not json.loads(body)["items"]:
        print(f"warning: q={SEARCH_WORDS[0]} found nothing (HTTP {status}): is the search index filled?", file=sys.stderr)
    some = sorted(case_ids)[0]
    status, _ = client.request("GET", "/api/v1/cases/" + some)
    if status != 200:
        print(f"warning: GET /api/v1/cases/{some} answered HTTP {status}", file=sys.stderr)
    client.close()
    ctx = Context(sorted(case_ids), sorted(customer_ids), seed)
    if args.wrk:  # the wrk scripts read the sampled ids from files
        folder = tempfile.mkdtemp(prefix="kefu-wrk-")
        atexit.register(shutil.rmtree, folder, True)
        for key, ids in (("cases", ctx.case_ids), ("customers", ctx.customer_ids)):
            ctx.files[key] = os.path.join(folder, key + ".txt")
            with open(ctx.files[key], "w") as f:
                f.write("\n".join(ids) + "\n")
    return ctx


def fmt(v, digits=1):
    return "–" if v is None or v != v else f"{v:,.{digits}f}"


def table(runs):
    """One Markdown table: a row per scenario, a column group per run (label: SQLite, PostgreSQL …)."""
    names = []
    for run in runs:
        names += [r["scenario"] for r in run["results"] if r["scenario"] not in names]
    head = "| scenario | as | budget (§5) |" + "".join(f" {run['label']} req/s | p50 ms | p95 ms | p99 ms | errors |" for run in runs)
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name in names:
        row = None
        cells = ""
        for run in runs:
            r = next((x for x in run["results"] if x["scenario"] == name), None)
            if r is None:
                cells += " – | – | – | – | – |"
                continue
            row = row or r
            rate = "–" if name == "deadline-scan" else fmt(r["rate"])
            cells += f" {rate} | {fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['p99'])} | {r['errors']} |"
        clients = f", {row['workers']} client{'s' if row['workers'] > 1 else ''}" if name != "deadline-scan" else ""
        if row.get("client") == "wrk":
            clients += " (wrk)"
        lines.append(f"| {name} | {row.get('user', '')}{clients} | {BUDGETS.get(name, '—')} |" + cells)
    for run in runs:
        m = run.get("rss")
        if m:
            lines.append(f"\n{run['label']} server memory after the run: VmRSS {m['VmRSS']:.0f} MB, RssAnon {m['RssAnon']:.0f} MB "
                         f"(budget: anonymous < 300 MB), peak VmHWM {m.get('VmHWM', 0):.0f} MB")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8099")
    ap.add_argument("--username", default="agent001", help="who runs the agent scenarios (others: see USERS)")
    ap.add_argument("--password", default="bench-pass-2026")
    ap.add_argument("--duration", type=float, default=10, help="seconds per scenario")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--pid", type=int, help="server process id, for its RSS (/proc/<pid>/status)")
    ap.add_argument("--only", help="comma-separated scenarios: " + ",".join(list(SCENARIOS) + ["deadline-scan"]))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scan-command", help="shell command running one deadline scan (kefu jobs run-once with the server's "
                                           "KEFU_DATA_DIR / KEFU_DATABASE_URL); adds the deadline-scan row")
    ap.add_argument("--scan-count", help="shell command printing how many clocks are open (for the deadline-scan row)")
    ap.add_argument("--label", default="", help="name of this run's column group (SQLite, PostgreSQL)")
    ap.add_argument("--json", help="also write the results to this file (for --compare)")
    ap.add_argument("--wrk", help="path of wrk: run the scenarios that have a Benchmarks/wrk/ script with it")
    ap.add_argument("--compare", nargs="+", metavar="RESULTS.json", help="only print one table of earlier runs side by side")
    args = ap.parse_args()
    if args.compare:
        runs = []
        for path in args.compare:
            with open(path) as f:
                runs.append(json.load(f))
        print(table(runs))
        return
    names = DEFAULT + (["deadline-scan"] if args.scan_command else [])
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in SCENARIOS and n != "deadline-scan"]
        if unknown:
            ap.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}, deadline-scan")

    tokens = {args.username: login(args)}
    for n in names:
        user = USERS.get(n, args.username)
        if n in SCENARIOS and n not in WEB and n not in ANONYMOUS and user not in tokens:
            tokens[user] = login(args, user)
    sessions = {}
    for n in names:
        if n in WEB and USERS.get(n, args.username) not in sessions:
            sessions[USERS.get(n, args.username)] = web_login(args, USERS.get(n, args.username))
    ctx = sample_context(args, tokens[args.username], args.seed)
    print(f"# Kefu load: {args.url}, {args.duration:g} s per scenario, {args.concurrency} clients, "
          f"{len(ctx.case_ids)} case ids / {len(ctx.customer_ids)} customer ids sampled", file=sys.stderr)
    results = []
    for name in names:
        sys.stderr.write(f"  {name:13s} … ")
        sys.stderr.flush()
        user = USERS.get(name, args.username)
        credential = sessions.get(user) if name in WEB else None if name in ANONYMOUS else tokens.get(user)
        r = run_scenario(name, args, credential, ctx)
        if r is None:
            sys.stderr.write("skipped\n")
            continue
        results.append(r)
        extra = f"  statuses {r['statuses']}" if r["statuses"] else ""
        sys.stderr.write(f"{r['requests']} requests, {r['rate']:.1f}/s, p95 {r['p95']:.1f} ms, {r['errors']} errors{extra}\n")
    run = {"label": args.label or args.url, "url": args.url, "duration": args.duration, "concurrency": args.concurrency,
           "results": results, "rss": rss(args.pid), "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(run, f, indent=1, ensure_ascii=False)
    print(table([run]))
    print("\nScenarios: " + "; ".join(f"{n}: {SCENARIOS[n][0]}" for n in names if n in SCENARIOS))
    # Server errors (5xx, failed connections) fail the run; refusals (4xx) too, as they mean the scenario is broken.
    server_errors = sum(c for r in results for status, c in r["statuses"].items()
                        if status == "400+" or int(status) == 0 or int(status) >= 500)
    if server_errors:
        print(f"\n{server_errors} server errors (5xx or failed connections)", file=sys.stderr)
        sys.exit(2)
    sys.exit(1 if any(r["errors"] for r in results) else 0)


if __name__ == "__main__":
    main()
