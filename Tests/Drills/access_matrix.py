#!/usr/bin/env python3
"""Access matrix: every role × every API route × own/other scope, generated from the route table (the
server's OpenAPI document: each operation's `x-kefu-access`) and the role table (docs/ROLES.md, which a test
keeps identical to RolePermissions.swift). 0 leaks:

- anonymous: every non-public route answers 401;
- every role: a route whose permission the role lacks answers 403 (checked before the handler, so the
  request changes nothing); a GET the role may call is not refused (ids: random, so 404 is expected);
- scope (own/other): a case opened by a user of another department is hidden from roles whose data scope is
  own / team / department (GET of the case, its events, its sub-resources, the list, and its actions), and
  visible to roles with scope all; the owner always reads their own case;
- a customer's chat token opens only its own chat;
- web pages (every route outside /api/, from `kefu routes --json`): anonymous GETs are sent to the login
  page (or answer 401/403), a signed-in role lacking the page's permission gets 403 on GET and on a POST that
  carries the session's CSRF token, and the page of another department's case is hidden from roles whose
  scope is not `all`.

    python3 Tests/Drills/access_matrix.py [--short] [--write-doc docs/SECURITY.md] BIN
"""
import json
import os
import random
import re
import uuid

import drill

LEAK = "✗"


def opts(p):
    p.add_argument("--write-doc", default="", help="write the matrix to this Markdown file (docs/SECURITY.md)")


def role_table():
    """role -> (scope, set of permissions), from docs/ROLES.md."""
    roles = {}
    with open(os.path.join(drill.REPO, "docs", "ROLES.md")) as f:
        for line in f:
            m = re.match(r"\| `([a-z_]+)` \| [^|]+ \| ([^|]+) \| ([^|]+) \|", line)
            if m:
                roles[m.group(1)] = (m.group(2).strip(), {p.strip() for p in m.group(3).split(",")})
    return roles


def route_table(client):
    doc = client.get("/api/v1/openapi.json").json()
    routes = []
    for path, ops in sorted(doc["paths"].items()):
        if not path.startswith("/api/"):
            continue
        for method, op in sorted(ops.items()):
            if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                routes.append((method.upper(), path, op.get("x-kefu-access", "none")))
    return routes


def fill(path, ids=None):
    ids = ids or {}
    return re.sub(r"\{([^}]+)\}", lambda m: ids.get(m.group(1), str(uuid.uuid4())), path)


def allowed(access, perms):
    if access in ("public", "authenticated"):
        return True
    return access in perms


def main():
    a = drill.parse_args(__doc__, opts)
    d = drill.Drill("access_matrix", a.timeout or (420 if a.short else 1200))
    srv = drill.Server(a.bin).start()
    d.cleanups.append(srv.stop)
    admin = drill.login(srv.url, "admin", srv.admin_password())
    roles = role_table()
    routes = route_table(admin)
    d.check(len(roles) >= 20, f"role table read ({len(roles)} roles)")
    d.check(len(routes) > 100, f"route table read ({len(routes)} API operations)")
    names = sorted(roles)
    if a.short:   # every route, a sample of roles covering each scope kind; the full run takes them all
        names = ["agent", "team_leader", "kb_editor", "front_desk", "hr", "finance", "gm_office", "dept_manager"]

    # Two departments: the drill's users in `home`, the owner of the "other" case in `away`.
    def dept(name):
        r = admin.post("/api/v1/departments", {"name": name, "kind": "customer_service"})
        assert r.status == 201, r.text
        return r.json()["id"]
    home, away = dept(f"home-{uuid.uuid4().hex[:4]}"), dept(f"away-{uuid.uuid4().hex[:4]}")
    users = {}
    for role in names:
        u, pw, _ = drill.create_user(admin, role, department_id=home)
        users[role] = drill.login(srv.url, u, pw)
    ou, opw, _ = drill.create_user(admin, "agent", department_id=away)
    other_agent = drill.login(srv.url, ou, opw)
    r = other_agent.post("/api/v1/cases", {"type": "consultation", "channel": "phone", "subject": "other's case",
                                           "description": "scope drill", "customer": {"name": "王五", "phone": "13900001111"}})
    assert r.status == 201, r.text
    other_case = r.json()["id"]

    # --- role × route ------------------------------------------------------------------------------
    matrix = {}      # (method, path) -> {principal: cell}
    leaks, over, errors5xx, calls = [], [], [], 0
    anon = drill.Client(srv.url)
    for method, path, access in routes:
        row = matrix.setdefault((method, path), {"access": access})
        if path.endswith("/auth/logout") or path.endswith("/auth/login"):
            row["anon"] = "·"
            for role in names:
                row[role] = "·"
            continue
        url = fill(path)
        if access != "public":
            r = anon.request(method, url, raw=b"{}" if method != "GET" else None)
            calls += 1
            row["anon"] = "–" if r.status == 401 else LEAK
            if r.status != 401:
                leaks.append(f"anonymous {method} {path} → {r.status}")
        else:
            row["anon"] = "✓"
        for role in names:
            c = users[role]
            if allowed(access, roles[role][1]):
                if method != "GET":
                    row[role] = "(✓)"   # allowed by the table; not called (it would change data)
                    continue
                r = c.get(url)
                calls += 1
                if r.status >= 500:
                    errors5xx.append(f"{role} GET {path} → {r.status}")
                if r.status in (401, 403):
                    over.append(f"{role} GET {path} → {r.status}")
                    row[role] = "403"
                else:
                    row[role] = "✓"
            else:
                r = c.request(method, url, raw=b"{}" if method != "GET" else None)
                calls += 1
                if r.status == 403:
                    row[role] = "–"
                else:
                    row[role] = LEAK
                    leaks.append(f"{role} {method} {path} (needs {access}) → {r.status}")

    # --- own / other scope (cases) -------------------------------------------------------------------
    case_routes = [(m, p) for (m, p, acc) in routes if p.startswith("/api/v1/cases/{id}")]
    scope_rows = []
    scope_leaks = []
    early = []   # actions on another's case that answered 400/409/422 (checked the body before the scope)
    for role in names:
        c = users[role]
        scope, perms = roles[role]
        if "cases.read" not in perms:
            continue
        sees_all = scope == "all"
        own = None
        if "cases.create" in perms:
            r = c.post("/api/v1/cases", {"type": "consultation", "channel": "phone", "subject": f"{role}'s own case",
                                         "description": "scope drill", "customer": {"name": "张三", "phone": "13900002222"}})
            own = r.json()["id"] if r.status == 201 else None
            d.check(own is not None, f"{role} opens a case ({r.status})")
        own_ok = "n/a"
        if own:
            own_ok = "✓" if c.get(f"/api/v1/cases/{own}").status == 200 else "✗ refused"
            if own_ok != "✓":
                scope_leaks.append(f"{role} cannot read its own case")
        listed = any(x["id"] == other_case for x in drill.list_all(c, "/api/v1/cases"))
        reads, hidden, leaked = 0, 0, []
        for m, p in case_routes:
            if p.endswith("/attachments") and m == "POST":
                continue
            if sees_all and m != "GET":
                continue   # a role that may act on the case would change it: reads only
            url = fill(p, {"id": other_case})
            r = c.request(m, url, raw=b"{}" if m != "GET" else None)
            calls += 1
            if r.status >= 500:
                errors5xx.append(f"{role} {m} {p} (other's case) → {r.status}")
            if m == "GET":
                reads += 1
            if r.status in (403, 404):
                hidden += 1
            elif not sees_all and (200 <= r.status < 300 or (m == "GET" and r.status != 400)):
                leaked.append(f"{m} {p} → {r.status}")
            elif not sees_all and m != "GET":
                early.append(f"{role} {m} {p} → {r.status}")
        get_other = c.get(f"/api/v1/cases/{other_case}").status
        if sees_all:
            ok = get_other == 200 and listed
            if not ok:
                scope_leaks.append(f"{role} (scope all) does not see the other case (GET {get_other}, listed {listed})")
        else:
            if get_other not in (403, 404) or listed or leaked:
                scope_leaks.append(f"{role} (scope {scope}) reaches another department's case: GET {get_other}, "
                                   f"listed {listed}, {leaked[:3]}")
        scope_rows.append([role, scope, own_ok, get_other, "yes" if listed else "no",
                           (f"{reads - hidden}/{reads} reads answered" if sees_all else f"{hidden}/{len(case_routes) - 1} refused"), len(leaked)])

    # --- a customer's chat token -----------------------------------------------------------------------
    chat_leaks = chat_probe(srv, routes)

    # --- web pages: role × route, and the other department's case page --------------------------------------
    web_routes = web_route_table(srv)
    d.check(len(web_routes) > 100, f"web route table read ({len(web_routes)} routes outside /api/)")
    passwords = {role: drill.create_user(admin, role, department_id=home) for role in names}
    webs = {role: drill.web_login(srv.url, u, pw) for role, (u, pw, _) in passwords.items()}
    web_matrix, web_leaks, web_over, web_calls = probe_web(srv, web_routes, names, roles, webs, errors5xx)
    calls += web_calls
    for role in names:
        scope, perms = roles[role]
        if "cases.read" not in perms:
            continue
        status = webs[role].get(f"/cases/{other_case}").status
        calls += 1
        if (scope == "all") != (status == 200):
            scope_leaks.append(f"{role} (scope {scope}) GET /cases/{{id}} page of another department's case → {status}")
        for row in scope_rows:
            if row[0] == role:
                row.append(status)

    d.figure("roles", len(names))
    d.figure("API operations", len(routes))
    d.figure("requests", calls)
    d.figure("leaks (role × route)", len(leaks))
    d.figure("leaks (own/other scope)", len(scope_leaks))
    d.figure("leaks (chat token)", len(chat_leaks))
    d.figure("web routes", len(web_routes))
    d.figure("leaks (web pages)", len(web_leaks))
    d.figure("allowed web GET refused", len(web_over))
    d.figure("allowed GET refused", len(over))
    d.figure("actions on another's case answered before the scope check (no data)", len(early))
    d.figure("5xx", len(errors5xx))
    for x in leaks[:20] + scope_leaks[:20] + chat_leaks[:10] + web_leaks[:20]:
        print(f"   leak: {x}")
    for x in over[:15] + web_over[:15]:
        print(f"   note: allowed by the route table but refused: {x}")
    for x in early[:15]:
        print(f"   note: answered before the scope check: {x}")
    for x in errors5xx[:10]:
        print(f"   5xx: {x}")
    d.check(not leaks, "0 leaks role × route")
    d.check(not scope_leaks, "0 leaks own/other scope")
    d.check(not chat_leaks, "0 leaks with a customer's chat token")
    d.check(not web_leaks, "0 leaks on web pages")
    d.check(not errors5xx, "no 5xx")
    if a.write_doc:
        write_doc(a.write_doc, names, roles, matrix, scope_rows, len(routes), calls, leaks, scope_leaks, chat_leaks, a.short,
                  web_matrix, web_leaks)
        print(f"   wrote {a.write_doc}")
    d.finish()


def web_route_table(srv):
    """(method, path, access) of every route outside /api/, from `kefu routes --json` (the same table the
    server registers; the OpenAPI document lists the API only)."""
    done = srv.kefu("routes", "--json", timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"kefu routes --json: exit {done.returncode}: {done.stderr[-500:]}")
    rows = json.loads([line for line in done.stdout.splitlines() if line.startswith("[")][-1])
    skip = ("/api/", "/css/", "/js/", "/img/", "/fonts/")
    return [(r["method"], r["path"], r["access"]) for r in rows
            if not r["path"].startswith(skip) and r["method"] in ("GET", "POST") and r["path"] not in ("/login", "/logout")]


def probe_web(srv, web_routes, names, roles, webs, errors5xx):
    """Every web route × anonymous and each role. GET: anonymous is sent to the login page (or refused);
    a role without the permission gets 403; a role with it is not refused (random ids: 404 is expected).
    POST (with the session's CSRF token, so the CSRF check is not what refuses): a role without the
    permission gets 403; an allowed POST is not sent (it would change data)."""
    matrix, leaks, over, calls = {}, [], [], 0
    anon = drill.Client(srv.url)
    tokens = {role: drill.csrf_of(webs[role].get("/").text) for role in names}
    for method, path, access in web_routes:
        row = matrix.setdefault((method, path), {"access": access})
        url = fill(path)
        if access == "public":
            row["anon"] = "✓"
        else:
            r = anon.request(method, url, raw=b"" if method == "POST" else None,
                             content_type="application/x-www-form-urlencoded")
            calls += 1
            to_login = r.status in (302, 303) and "/login" in (r.header("Location") or "")
            if to_login or r.status in (401, 403):
                row["anon"] = "–"
            else:
                row["anon"] = LEAK
                leaks.append(f"anonymous {method} {path} → {r.status}")
        for role in names:
            c = webs[role]
            if allowed(access, roles[role][1]):
                if method != "GET":
                    row[role] = "(✓)"
                    continue
                r = c.get(url)
                calls += 1
                if r.status >= 500:
                    errors5xx.append(f"{role} GET {path} (web) → {r.status}")
                if r.status in (401, 403):
                    over.append(f"{role} GET {path} (web) → {r.status}")
                    row[role] = "403"
                else:
                    row[role] = "✓"
            else:
                if method == "GET":
                    r = c.get(url)
                else:
                    r = c.form(url, {"csrf_token": tokens[role]})
                calls += 1
                if r.status == 403:
                    row[role] = "–"
                else:
                    row[role] = LEAK
                    leaks.append(f"{role} {method} {path} (web, needs {access}) → {r.status}")
    return matrix, leaks, over, calls


def chat_probe(srv, routes):
    """Two customers start chats; customer A's token (X-Chat-Token), and no token at all, are tried on every
    public route of chat B: none may answer 2xx."""
    leaks = []
    chats = []
    for name in ("甲", "乙"):
        c = drill.Client(srv.url)
        r = c.post("/api/v1/chats", {"name": f"访客{name}", "phone": "13900003333"})
        if r.status != 201:
            return [f"could not start a chat ({r.status} {r.text[:120]})"]
        j = r.json()
        chats.append(((j.get("chat") or {}).get("id"), j.get("token")))
    (id_a, tok_a), (id_b, tok_b) = chats
    chat_routes = [(m, p) for (m, p, acc) in routes if p.startswith("/api/v1/chats/{") and acc == "public"]
    for m, p in chat_routes:
        url = fill(re.sub(r"\{[^}]+\}", id_b, p, count=1))
        for hdr in ({"X-Chat-Token": tok_a}, {}):
            c = drill.Client(srv.url)
            r = c.request(m, url, raw=b'{"text":"x","rating":5}' if m != "GET" else None, headers=hdr)
            if 200 <= r.status < 300:
                leaks.append(f"chat A's token {'sent' if hdr else 'absent'}: {m} {p} of chat B → {r.status}")
    # the owner's own token works (the probe is not vacuous)
    r = drill.Client(srv.url).request("GET", f"/api/v1/chats/{id_b}", headers={"X-Chat-Token": tok_b})
    if r.status != 200:
        leaks.append(f"chat B's own token refused on GET /api/v1/chats/{{id}} ({r.status}): the probe proves nothing")
    return leaks


def write_doc(path, names, roles, matrix, scope_rows, nroutes, calls, leaks, scope_leaks, chat_leaks, short,
              web_matrix, web_leaks):
    out = []
    out.append("# Security: the access matrix\n")
    out.append("Generated by `python3 Tests/Drills/access_matrix.py --write-doc docs/SECURITY.md BIN` (issue 20 §4) from the "
               "server's route table (the OpenAPI document's `x-kefu-access` of every operation) and the role table "
               "(docs/ROLES.md); every cell is a request the drill made against a served database, on loopback. "
               "Do not edit by hand: run the drill again.\n")
    out.append(f"Run: {len(names)} roles × {nroutes} API operations + anonymous, {calls} requests"
               f"{' (short run: a sample of roles)' if short else ''}. "
               f"Leaks: role × route {len(leaks)}, own/other scope {len(scope_leaks)}, customer chat token {len(chat_leaks)}, "
               f"web pages {len(web_leaks)} ({len(web_matrix)} web routes).\n")
    out.append("Cells: `✓` allowed by the table and answered (a GET with a random id answers 404); `(✓)` allowed by "
               "the table, not called (a write; calling it would change data); `–` refused (403 for a role, 401 when "
               "anonymous), as the table says; `403` allowed by the table but refused by the handler; `✗` a leak; `·` not "
               "probed (login, logout).\n")
    out.append("## Own / other scope (cases)\n")
    out.append("Each role's user belongs to one department; the other case was opened by an agent of another "
               "department. Roles with data scope `all` must see it; every other role must not (403 or 404 on the case, "
               "its events and every sub-resource and action, and absent from the list).\n")
    out.append("| role | data scope | own case readable | GET other's case | other's case listed | other's case routes (GET, and for other scopes every action) | leaks | web page of other's case |")
    out.append("|---|---|---|---|---|---|---|---|")
    for row in scope_rows:
        out.append("| " + " | ".join(f"`{row[0]}`" if i == 0 else str(v) for i, v in enumerate(row)) + " |")
    out.append("")
    out.append("## Role × route\n")
    out.append("| method | path | needs | anon | " + " | ".join(names) + " |")
    out.append("|---|---|---|---|" + "---|" * len(names))
    for (m, p), row in sorted(matrix.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        out.append(f"| {m} | `{p}` | {row['access']} | {row.get('anon', '')} | "
                   + " | ".join(row.get(r, "") for r in names) + " |")
    out.append("")
    out.append("## Web pages × role\n")
    out.append("Every route outside `/api/` (`kefu routes --json`). GET: anonymous is sent to the login page (`–`); "
               "a role without the permission gets 403 (`–`). POST: sent with the session's CSRF token by roles "
               "without the permission only (403 expected); `(✓)` allowed, not sent. The web probes drill checks "
               "CSRF and stored XSS on the same pages.\n")
    out.append("| method | path | needs | anon | " + " | ".join(names) + " |")
    out.append("|---|---|---|---|" + "---|" * len(names))
    for (m, p), row in sorted(web_matrix.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        out.append(f"| {m} | `{p}` | {row['access']} | {row.get('anon', '')} | "
                   + " | ".join(row.get(r, "") for r in names) + " |")
    out.append("")
    with open(path, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    drill.guard(main)
