#!/usr/bin/env python3
"""API fuzzing drill (issue 20, section 4): schemathesis against a served demo database.

    Tests/Drills/api_fuzz.py [--short] PATH_TO_KEFU_BINARY

Starts its own `kefu serve` on a free loopback port with a temporary data folder, loads the demo
(`kefu demo`), reads the admin password from the line `admin password: <pw>`, creates an agent through
the API, logs both in (API.md "Auth") and runs schemathesis once with each token against the server's own
`/api/v1/openapi.json`. Logout, password changes and user edits are left out: they would lock the run out.

Prints its figures (operations, requests, server errors, schema violations, other conformance failures)
and exits non-zero if any failure was found. `--short` (CI) bounds the run to a few minutes; the full
mode generates more examples per operation. schemathesis comes from PyPI: the script uses `schemathesis`
on PATH, or $KEFU_DRILL_VENV, or installs it into ~/.cache/kefu-drills/venv.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

SCHEMATHESIS_VERSION = "4.32.5"
# Operations that would end the run's own sessions (logout, password changes, user edits).
EXCLUDE_PATH_REGEX = r"^/api/v1/(auth/logout|me/password|users/\{id\}|users/\{id\}/.*|me/sessions.*)$"
CHECKS = ["not_a_server_error", "response_schema_conformance", "status_code_conformance",
          "content_type_conformance", "unsupported_method", "allow_header_conformance"]


def say(text):
    print(text, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def schemathesis_binary():
    found = shutil.which("schemathesis")
    if found:
        return found
    venv = os.environ.get("KEFU_DRILL_VENV") or os.path.expanduser("~/.cache/kefu-drills/venv")
    binary = os.path.join(venv, "bin", "schemathesis")
    if not os.path.exists(binary):
        say(f"installing schemathesis {SCHEMATHESIS_VERSION} into {venv}")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", f"schemathesis=={SCHEMATHESIS_VERSION}"], check=True)
    return binary


def request(base, method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


class Server:
    """`kefu serve` on loopback; its output is kept (and the admin password read from it)."""

    def __init__(self, binary, data_dir, port):
        env = dict(os.environ, KEFU_DATA_DIR=data_dir, LOG_LEVEL="warning")
        env.pop("KEFU_DATABASE_URL", None)
        self.lines = []
        self.process = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_ready(self, base, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("kefu serve stopped:\n" + "\n".join(self.lines[-20:]))
            try:
                urllib.request.urlopen(base + "/health", timeout=2).read()
                return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("kefu serve did not answer /health in time")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def admin_password(lines):
    for line in lines:
        found = re.search(r"admin password: (\S+)", line)
        if found:
            return found.group(1)
    return None


def run_schemathesis(binary, base, token, role, short, report_dir):
    examples, max_time = (3, 75) if short else (10, 480)
    phases = "examples,fuzzing" if short else "examples,coverage,fuzzing"
    report = os.path.join(report_dir, f"{role}.json")
    command = [binary, "run", base + "/api/v1/openapi.json", "--url", base,
               "-H", f"Authorization: Bearer {token}", "--checks", ",".join(CHECKS),
               "--exclude-path-regex", EXCLUDE_PATH_REGEX, "--phases", phases,
               "--max-examples", str(examples), "--max-time", str(max_time), "--workers", "2",
               "--seed", "20261207", "--request-timeout", "30", "--generation-database", "none",
               "--continue-on-failure", "--no-color", "--output-truncate", "true",
               "--report", "json", "--report-json-path", report]
    say(f"[{role}] " + " ".join(c if not c.startswith("Authorization") else "Authorization: Bearer …" for c in command))
    started = time.time()
    # In the drill's own folder: schemathesis keeps a cache (.schemathesis/) in its working directory.
    completed = subprocess.run(command, capture_output=True, text=True, cwd=report_dir)
    log = os.path.join(report_dir, f"{role}.log")
    with open(log, "w") as out:
        out.write(completed.stdout + completed.stderr)
    return summarize(report, completed.stdout + completed.stderr, time.time() - started, log)


def summarize(report_path, output, seconds, log):
    figures = {"operations": 0, "requests": 0, "server errors": 0, "schema violations": 0,
               "other conformance failures": 0, "errors": 0, "seconds": round(seconds)}
    failures = []
    try:
        with open(report_path) as handle:
            report = json.load(handle)
    except (OSError, ValueError):
        report = None
    if report is None:
        figures["errors"] += 1
        failures.append(f"no JSON report; see {log}")
        return figures, failures
    figures["_report"] = report
    return figures, failures


def main():
    args = [a for a in sys.argv[1:] if a != "--short"]
    short = "--short" in sys.argv[1:]
    if len(args) != 1:
        raise SystemExit(__doc__)
    kefu = os.path.abspath(args[0])
    st = schemathesis_binary()
    work = tempfile.mkdtemp(prefix="kefu-fuzz-")
    data_dir = os.path.join(work, "data")
    os.makedirs(data_dir)
    env = dict(os.environ, KEFU_DATA_DIR=data_dir, LOG_LEVEL="warning")
    env.pop("KEFU_DATABASE_URL", None)
    demo = subprocess.run([kefu, "demo", "--cases", "40" if short else "400"], env=env, capture_output=True, text=True)
    if demo.returncode != 0:
        raise SystemExit("kefu demo failed:\n" + demo.stdout[-2000:] + demo.stderr[-2000:])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(kefu, data_dir, port)
    try:
        server.wait_ready(base)
        password = admin_password(demo.stdout.splitlines() + server.lines)
        if not password:
            raise SystemExit("no 'admin password:' line in the output of kefu demo / kefu serve")
        admin = request(base, "POST", "/api/v1/auth/login", {"username": "admin", "password": password})["token"]
        request(base, "POST", "/api/v1/users", {"username": "fuzz-agent", "display_name": "Fuzz Agent",
                                                 "password": "fuzz-agent-2026", "roles": ["agent"]}, token=admin)
        agent = request(base, "POST", "/api/v1/auth/login", {"username": "fuzz-agent", "password": "fuzz-agent-2026"})["token"]
        totals = {}
        all_failures = []
        for role, token in (("admin", admin), ("agent", agent)):
            figures, failures = run_schemathesis(st, base, token, role, short, work)
            report = figures.pop("_report", None)
            if report is not None:
                tally(report, figures, failures)
            say(f"[{role}] " + ", ".join(f"{k}: {v}" for k, v in figures.items()))
            for k, v in figures.items():
                totals[k] = totals.get(k, 0) + v
            all_failures += [f"[{role}] {f}" for f in failures]
        if server.process.poll() is not None:
            all_failures.append("kefu serve died during the run")
    finally:
        server.stop()
    say("")
    say("API fuzzing (schemathesis %s, %s run, SQLite demo database)" % (SCHEMATHESIS_VERSION, "short" if short else "full"))
    for key in ("operations", "requests", "server errors", "schema violations", "other conformance failures", "errors", "seconds"):
        say(f"  {key}: {totals.get(key, 0)}")
    for failure in all_failures[:40]:
        say("  FAIL " + failure)
    say(f"  reports and logs: {work}")
    failed = bool(all_failures) or any(totals.get(k, 0) for k in ("server errors", "schema violations", "other conformance failures", "errors"))
    sys.exit(1 if failed else 0)


def tally(report, figures, failures):
    """Counts operations, requests (generated test cases) and failures by kind from the JSON run report."""
    figures["operations"] = report.get("operations", {}).get("tested", 0)
    figures["requests"] = report.get("test_cases", {}).get("generated", 0)
    for failure in report.get("failures", []):
        kind = {"ST101": "server errors", "ST108": "schema violations"}.get(failure.get("code"), "other conformance failures")
        figures[kind] += failure.get("count", 1)
        operations = failure.get("operations", [])
        failures.append(f"{failure.get('code')} {failure.get('title')}: {failure.get('count')} in "
                        + ", ".join(operations[:8]) + (" …" if len(operations) > 8 else ""))
    for error in report.get("errors", []):
        figures["errors"] += 1
        failures.append(f"error: {json.dumps(error)[:300]}")


if __name__ == "__main__":
    main()
