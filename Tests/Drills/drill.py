"""Shared helpers of the drills (issue 20 §4): a `kefu serve` on loopback, a throwaway PostgreSQL cluster,
a small JSON/HTML client on the standard library, and the figures/shortfall bookkeeping.

Every drill is a script `python3 Tests/Drills/<drill>.py [--short] BIN` that prints its figures and exits
non-zero when it falls short. Nothing here listens anywhere but 127.0.0.1.
"""
import argparse
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


# ------------------------------------------------------------------------------------------------
# command line, time bound, figures

def parse_args(description, extra=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("bin", help="the kefu binary")
    p.add_argument("--short", action="store_true", help="the short version (CI)")
    p.add_argument("--timeout", type=int, default=0, help="hard bound in seconds (default: the drill's own)")
    p.add_argument("--database-url", default=os.environ.get("KEFU_DRILL_DATABASE_URL", ""),
                   help="PostgreSQL drills: an empty database to use (default: a throwaway cluster)")
    if extra:
        extra(p)
    a = p.parse_args()
    a.bin = os.path.abspath(a.bin)
    if not os.access(a.bin, os.X_OK):
        sys.exit(f"not an executable: {a.bin}")
    return a


CURRENT = None
TEMP_DIRS = []   # data folders of the servers a drill started
SERVERS = []     # every server a drill started: stopped when it finishes, whatever happened


def guard(main):
    """Runs a drill's main: an exception is a shortfall, and the servers it started are stopped."""
    try:
        main()
    except Exception as e:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        if CURRENT is None:
            sys.exit(1)
        CURRENT.shortfalls.append(f"the drill stopped: {type(e).__name__}: {str(e)[:300]}")
        CURRENT.finish()


class Drill:
    """Figures and shortfalls of one drill; `bound(seconds)` kills the drill (and its servers) past its time."""

    def __init__(self, name, seconds):
        self.name = name
        self.figures = []
        self.shortfalls = []
        self.pending = []  # checks expected to pass once another branch merges (named, counted apart)
        self.cleanups = []
        self.t0 = time.monotonic()
        global CURRENT
        CURRENT = self
        signal.signal(signal.SIGALRM, self._timeout)
        signal.signal(signal.SIGTERM, self._term)
        signal.alarm(seconds)
        print(f"== drill {name} (bound {seconds} s)", flush=True)

    def _timeout(self, *_):
        self.shortfalls.append("time bound exceeded")
        self.finish()

    def _term(self, *_):
        self.shortfalls.append("terminated")
        self.finish()

    def figure(self, label, value):
        self.figures.append((label, value))
        print(f"   {label}: {value}", flush=True)

    def check(self, ok, what, pending=None):
        """A check; `pending` names the fix expected from another branch (reported as such when it fails)."""
        if ok:
            print(f"   ok    {what}", flush=True)
        elif pending:
            self.pending.append(f"[{pending}] {what}")
            print(f"   FAIL  [{pending}] {what}", flush=True)
        else:
            self.shortfalls.append(what)
            print(f"   FAIL  {what}", flush=True)
        return ok

    def finish(self):
        signal.alarm(0)
        for c in reversed(self.cleanups):
            try:
                c()
            except Exception as e:  # noqa: BLE001 - cleanup must go on
                print(f"   (cleanup: {e})", flush=True)
        self.cleanups = []
        for server in SERVERS:
            server.kill9()
        if not self.shortfalls and not self.pending:   # keep the servers' folders (logs, data) of a failed drill
            for dir in TEMP_DIRS:
                shutil.rmtree(dir, ignore_errors=True)
        elif TEMP_DIRS:
            print(f"   server folders kept: {' '.join(TEMP_DIRS)}")
        took = time.monotonic() - self.t0
        # KEFU_DRILLS_ALLOW_AWAITING=1: checks awaiting another branch's fix are reported but do not fail the drill
        allow = os.environ.get("KEFU_DRILLS_ALLOW_AWAITING") == "1"
        failed = len(self.shortfalls) + (0 if allow else len(self.pending))
        status = "PASS" if failed == 0 else "FAIL"
        print(f"== {self.name}: {status} in {took:.0f} s; {len(self.shortfalls)} shortfall(s), "
              f"{len(self.pending)} awaiting a fix from another branch", flush=True)
        for s in self.shortfalls:
            print(f"   shortfall: {s}")
        for s in self.pending:
            print(f"   awaiting:  {s}")
        summary = os.environ.get("KEFU_DRILL_SUMMARY")
        if summary:
            with open(summary, "a") as f:
                figs = "; ".join(f"{k} {v}" for k, v in self.figures)
                f.write(json.dumps({"drill": self.name, "status": status, "seconds": round(took),
                                    "figures": figs, "shortfalls": self.shortfalls, "pending": self.pending}) + "\n")
        sys.stdout.flush()
        os._exit(0 if failed == 0 else 1)


# ------------------------------------------------------------------------------------------------
# ports, servers

def free_port(start=8400):
    for p in range(start, start + 400):
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", p))
            return p
        except OSError:
            continue
        finally:
            s.close()
    raise RuntimeError("no free port")


class Server:
    """`kefu serve` on 127.0.0.1 with its data folder in `dir` (kept across restarts)."""

    def __init__(self, binary, dir=None, env=None, port=None, args=()):
        self.bin = binary
        if dir is None:
            dir = tempfile.mkdtemp(prefix="kefu-drill.")
            TEMP_DIRS.append(dir)
        self.dir = dir
        self.env = dict(env or {})
        self.args = list(args)
        self.port = port or free_port(8400 + os.getpid() % 300)
        self.proc = None
        self.log_path = os.path.join(self.dir, "serve.log")
        self.url = f"http://127.0.0.1:{self.port}"

    def environment(self):
        e = dict(os.environ)
        e.setdefault("KEFU_DATA_DIR", os.path.join(self.dir, "data"))
        e.update(self.env)
        return e

    def start(self, wait=90):
        if self not in SERVERS:
            SERVERS.append(self)
        log = open(self.log_path, "a")
        self.proc = subprocess.Popen([self.bin, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)] + self.args,
                                     cwd=self.dir, env=self.environment(), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kefu serve exited ({self.proc.returncode}); log {self.log_path}:\n{self.log()[-3000:]}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"/health did not answer within {wait} s; log {self.log_path}")

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def admin_password(self, wait=15):
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            m = re.search(r"admin password: (\S+)", self.log())
            if m:
                return m.group(1)
            time.sleep(0.2)
        raise RuntimeError("no 'admin password:' line in the server log")

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill9()

    def kefu(self, *args, timeout=300):
        """Run `kefu <args>` with this server's environment (same data folder / database)."""
        return subprocess.run([self.bin] + list(args), cwd=self.dir, env=self.environment(), capture_output=True,
                              text=True, timeout=timeout)


# ------------------------------------------------------------------------------------------------
# PostgreSQL: a throwaway cluster on loopback (as .ci/run's pg_up does), or a given URL

class Postgres:
    def __init__(self):
        self.root = None
        self.port = None
        self.as_user = []
        self.pgbin = None

    @staticmethod
    def find_bin():
        cands = sorted(d for d in (os.path.join("/usr/lib/postgresql", v, "bin") for v in
                                   (os.listdir("/usr/lib/postgresql") if os.path.isdir("/usr/lib/postgresql") else []))
                       if os.path.exists(os.path.join(d, "initdb")))
        return cands[-1] if cands else None

    def up(self):
        self.pgbin = self.find_bin()
        if not self.pgbin:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql), and no --database-url")
        self.root = tempfile.mkdtemp(prefix="kefu-drill-pg.", dir="/tmp")
        if os.getuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
        pw = os.path.join(self.root, "pw")
        with open(pw, "w") as f:
            f.write("pgpass\n")
        if os.getuid() == 0:
            shutil.chown(pw, "postgres")
        self.port = free_port(5480 + os.getpid() % 300)
        self._run([f"{self.pgbin}/initdb", "-D", f"{self.root}/data", "-U", "postgres", f"--pwfile={pw}",
                   "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])
        self._run([f"{self.pgbin}/pg_ctl", "-D", f"{self.root}/data", "-l", f"{self.root}/log", "-o",
                   f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c max_connections=200",
                   "-w", "-t", "60", "start"])
        self.psql("CREATE ROLE kefu LOGIN PASSWORD 'kefu'", db="postgres", user="postgres")
        return self

    def _run(self, cmd):
        r = subprocess.run(self.as_user + cmd, cwd=self.root, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {r.stdout}{r.stderr}")

    def create_db(self, name):
        self.psql(f"CREATE DATABASE {name} OWNER kefu", db="postgres", user="postgres")
        return f"postgres://kefu:kefu@127.0.0.1:{self.port}/{name}?tlsmode=disable"

    def psql(self, sql, db="postgres", user="kefu", port=None, host="127.0.0.1"):
        pw = "pgpass" if user == "postgres" else "kefu"
        r = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-h", host, "-p",
                            str(port or self.port), "-U", user, "-d", db, "-c", sql],
                           env=dict(os.environ, PGPASSWORD=pw), capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"psql: {r.stderr.strip()}")
        return [line.split("\t") for line in r.stdout.splitlines() if line]

    def down(self):
        if self.root and os.path.exists(f"{self.root}/data/postmaster.pid"):
            subprocess.run(self.as_user + [f"{self.pgbin}/pg_ctl", "-D", f"{self.root}/data", "-m", "fast", "-w",
                                           "-t", "30", "stop"], cwd=self.root, capture_output=True)
        if self.root:
            shutil.rmtree(self.root, ignore_errors=True)


def psql_url(url, sql):
    """psql against a database URL (postgres://user:pw@host:port/db?...)."""
    u = urllib.parse.urlparse(url)
    r = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-h", u.hostname, "-p",
                        str(u.port or 5432), "-U", u.username, "-d", u.path.lstrip("/"), "-c", sql],
                       env=dict(os.environ, PGPASSWORD=urllib.parse.unquote(u.password or "")), capture_output=True,
                       text=True)
    if r.returncode != 0:
        raise RuntimeError(f"psql: {r.stderr.strip()}")
    return [line.split("\t") for line in r.stdout.splitlines() if line]


def postgres_url(drill, args, name):
    """The database URL of a PostgreSQL drill: --database-url, or a new database in a throwaway cluster."""
    if args.database_url:
        return args.database_url
    pg = Postgres().up()
    drill.cleanups.append(pg.down)
    return pg.create_db(name)


# ------------------------------------------------------------------------------------------------
# HTTP

class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]


class Client:
    """A loopback HTTP client: a bearer token for the API, cookies for the web UI."""

    def __init__(self, base, token=None, timeout=30):
        self.base = base
        self.token = token
        self.timeout = timeout
        self.cookies = {}
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port
        self._conn = None

    def _connection(self):
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def request(self, method, path, body=None, headers=None, raw=None, content_type=None):
        h = {"Accept-Language": "en"}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if raw is not None:
            data = raw if isinstance(raw, bytes) else raw.encode()
            h["Content-Type"] = content_type or "application/json"
        elif body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        for attempt in (1, 2):
            try:
                c = self._connection()
                c.request(method, path, body=data, headers=h)
                r = c.getresponse()
                payload = r.read()
                hdrs = r.getheaders()
                if r.getheader("Connection", "").lower() == "close":
                    self.close()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                self.close()
                if attempt == 2:
                    raise
        for k, v in hdrs:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                val = rest.split(";", 1)[0]
                if "expires=thu, 01 jan 1970" in v.lower() or val == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = val
        return Answer(r.status, hdrs, payload)

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def form(self, path, fields):
        return self.request("POST", path, raw=urllib.parse.urlencode(fields),
                            content_type="application/x-www-form-urlencoded")


def login(base, username, password):
    c = Client(base)
    r = c.post("/api/v1/auth/login", {"username": username, "password": password})
    if r.status != 200:
        raise RuntimeError(f"login {username}: {r.status} {r.text[:300]}")
    c.token = r.json()["token"]
    c.user = r.json()["user"]
    return c


def web_login(base, username, password):
    """A browser-like session: the login form with its CSRF token, then the session cookie."""
    c = Client(base)
    page = c.get("/login")
    token = csrf_of(page.text)
    r = c.form("/login", {"username": username, "password": password, "csrf_token": token, "next": "/"})
    if r.status not in (302, 303):
        raise RuntimeError(f"web login {username}: {r.status}")
    return c


def csrf_of(html):
    m = re.search(r'name="csrf_token"\s+value="([^"]*)"', html) or re.search(r'value="([^"]*)"\s+name="csrf_token"', html)
    return m.group(1) if m else ""


def create_user(admin, role, username=None, password="Drill-pass-2026!", **extra):
    username = username or f"{role}_{uuid.uuid4().hex[:8]}"
    body = {"username": username, "display_name": f"Drill {role}", "password": password, "roles": [role]}
    body.update(extra)
    r = admin.post("/api/v1/users", body)
    if r.status != 201:
        raise RuntimeError(f"create user {role}: {r.status} {r.text[:300]}")
    return username, password, r.json()


def list_all(client, path, limit=200):
    """Every item of a list endpoint, following next_cursor."""
    items, cursor = [], None
    sep = "&" if "?" in path else "?"
    while True:
        q = f"{path}{sep}limit={limit}" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        r = client.get(q)
        if r.status != 200:
            raise RuntimeError(f"GET {q}: {r.status} {r.text[:200]}")
        j = r.json()
        items += j.get("items", [])
        cursor = j.get("next_cursor")
        if not cursor:
            return items
