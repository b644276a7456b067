#!/usr/bin/env python3
"""Times the reports' aggregate queries at scale without generating the cases themselves.

Builds `case_day_stats` as 1,000,000 cases spread over a year would leave it (60 agents in 6 teams,
10 types, 8 channels, the generator's weights), with the migration's indexes, in a temporary SQLite
file, builds its two roll-ups (case_day_mix, case_day_agents), then runs the exact SQL of
CaseStatsRepository.sums on the table it picks for each report query, for a 30-day and a 366-day range. Prints rows and milliseconds (median of 5).

  python3 Benchmarks/report-aggregate.py [--cases 1000000] [--agents 60] [--days 365]
"""
import argparse, datetime as dt, os, random, sqlite3, statistics, tempfile, time, uuid

TYPES = ["consultation", "query", "complaint", "suggestion", "fault_report", "service_request", "proactive", "tariff_dispute", "redemption", "other"]
TYPE_WEIGHTS = [30, 20, 8, 4, 12, 10, 6, 3, 4, 3]
CHANNELS = ["phone", "visit", "web", "chat", "wechat", "qq", "letter", "email"]
CHANNEL_WEIGHTS = [55, 5, 8, 12, 12, 3, 1, 4]

SUMS = """SELECT {dim} AS k, CAST(SUM(opened) AS BIGINT), CAST(SUM(resolved) AS BIGINT), CAST(SUM(closed) AS BIGINT),
  CAST(SUM(reopened) AS BIGINT), CAST(SUM(escalated) AS BIGINT), CAST(SUM(breached) AS BIGINT), CAST(SUM(resolve_seconds) AS DOUBLE PRECISION)
  FROM case_day_stats WHERE day >= ? AND day <= ? {extra} GROUP BY {dim}"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--agents", type=int, default=60)
    ap.add_argument("--days", type=int, default=365)
    a = ap.parse_args()
    rng = random.Random(42)
    teams = [str(uuid.UUID(int=rng.getrandbits(128))).upper() for _ in range(6)]
    agents = [(str(uuid.UUID(int=rng.getrandbits(128))).upper(), teams[i % 6]) for i in range(a.agents)]
    today = dt.date(2026, 11, 23)
    rows = {}
    for _ in range(a.cases):
        day = (today - dt.timedelta(days=rng.randrange(a.days))).isoformat()
        agent, team = rng.choice(agents)
        key = (day, agent, team, rng.choices(TYPES, TYPE_WEIGHTS)[0], rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0])
        r = rows.setdefault(key, [0, 0, 0, 0.0])
        r[0] += 1
        if rng.random() < 0.9:
            r[1] += 1; r[3] += rng.expovariate(1 / 7200)
        if rng.random() < 0.6:
            r[2] += 1
    path = os.path.join(tempfile.mkdtemp(), "agg.sqlite")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE case_day_stats (id TEXT PRIMARY KEY, day TEXT NOT NULL, agent_id TEXT NOT NULL, team_id TEXT NOT NULL, type TEXT NOT NULL, "
               "channel TEXT NOT NULL, opened INTEGER NOT NULL, resolved INTEGER NOT NULL, closed INTEGER NOT NULL, reopened INTEGER NOT NULL, "
               "escalated INTEGER NOT NULL, breached INTEGER NOT NULL, resolve_seconds REAL NOT NULL)")
    db.executemany("INSERT INTO case_day_stats VALUES (?,?,?,?,?,?,?,?,?,0,0,0,?)",
                   [(str(uuid.uuid4()).upper(), *k, v[0], v[1], v[2], v[3]) for k, v in rows.items()])
    db.execute('CREATE UNIQUE INDEX "case_day_stats_key" ON case_day_stats (day, agent_id, team_id, type, channel)')
    db.execute('CREATE INDEX "case_day_stats_agent" ON case_day_stats (agent_id, day)')
    db.execute('CREATE INDEX "case_day_stats_team" ON case_day_stats (team_id, day)')
    for table, cols, pick in (("case_day_mix", "day TEXT, type TEXT, channel TEXT", lambda k: (k[0], k[3], k[4])),
                              ("case_day_agents", "day TEXT, agent_id TEXT, team_id TEXT", lambda k: (k[0], k[1], k[2]))):
        rolled = {}
        for k, v in rows.items():
            acc = rolled.setdefault(pick(k), [0, 0, 0, 0.0])
            for i in range(4):
                acc[i] += v[i]
        db.execute(f"CREATE TABLE {table} (id TEXT PRIMARY KEY, {cols}, opened INTEGER, resolved INTEGER, closed INTEGER, reopened INTEGER, "
                   "escalated INTEGER, breached INTEGER, resolve_seconds REAL)")
        db.executemany(f"INSERT INTO {table} VALUES (?,?,?,?,?,?,?,0,0,0,?)", [(str(uuid.uuid4()).upper(), *k, v[0], v[1], v[2], v[3]) for k, v in rolled.items()])
    db.execute('CREATE UNIQUE INDEX "case_day_mix_key" ON case_day_mix (day, type, channel)')
    db.execute('CREATE UNIQUE INDEX "case_day_agents_key" ON case_day_agents (day, agent_id, team_id)')
    db.execute('CREATE INDEX "case_day_agents_agent" ON case_day_agents (agent_id, day)')
    db.execute('CREATE INDEX "case_day_agents_team" ON case_day_agents (team_id, day)')
    db.commit()
    print(f"{a.cases:,} cases over {a.days} days → {len(rows):,} aggregate rows ({os.path.getsize(path) / 1e6:.0f} MB)\n")
    print("| range | grouped by | filter | table | rows read | result rows | median ms |")
    print("|---|---|---|---|---|---|---|")
    for label, days in (("30 days", 30), ("366 days", 366)):
        start = (today - dt.timedelta(days=days - 1)).isoformat()
        # What the report pages ask for, with the table CaseStatsRepository.table(for:by:) picks.
        for dim, extra, args, name, table in (("day", "", (), "—", "case_day_mix"), ("type", "", (), "—", "case_day_mix"),
                                              ("channel", "", (), "—", "case_day_mix"), ("agent_id", "", (), "—", "case_day_agents"),
                                              ("day", "AND team_id = ?", (teams[0],), "team", "case_day_agents"),
                                              ("agent_id", "AND team_id = ?", (teams[0],), "team", "case_day_agents"),
                                              ("type", "AND team_id = ?", (teams[0],), "team", "case_day_stats"),
                                              ("day", "AND type = ?", ("query",), "type", "case_day_mix")):
            sql = SUMS.format(dim=dim, extra=extra).replace("FROM case_day_stats", f"FROM {table}")
            times = []
            for _ in range(5):
                t = time.perf_counter(); result = db.execute(sql, (start, today.isoformat(), *args)).fetchall(); times.append((time.perf_counter() - t) * 1000)
            read = db.execute(f"SELECT COUNT(*) FROM {table} WHERE day >= ? AND day <= ? {extra}", (start, today.isoformat(), *args)).fetchone()[0]
            print(f"| {label} | {dim} | {name} | {table} | {read:,} | {len(result)} | {statistics.median(times):.1f} |")

if __name__ == "__main__":
    main()
