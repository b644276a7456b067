import FluentKit

/// Reports (RPT): the leaders' report submissions (RPT-02/03/04) and the maintained daily aggregate of case events per agent, team, type and channel, so a
/// report sums a few hundred rows a day instead of counting cases (ARCHITECTURE §5: counts for
/// dashboards are maintained, not recomputed per request). `team_id` holds the zero UUID for "no team"
/// so the key can be unique on both databases.
struct CreateCaseDayStats: AsyncMigration {
    var name: String { "0023_CreateCaseDayStats" }

    func prepare(on db: any Database) async throws {
        try await db.schema("case_day_stats").id()
            .field("day", .string, .required)
            .field("agent_id", .uuid, .required)
            .field("team_id", .uuid, .required)
            .field("type", .string, .required)
            .field("channel", .string, .required)
            .field("opened", .int, .required)
            .field("resolved", .int, .required)
            .field("closed", .int, .required)
            .field("reopened", .int, .required)
            .field("escalated", .int, .required)
            .field("breached", .int, .required)
            .field("resolve_seconds", .double, .required)
            .create()
        try await db.index("case_day_stats_key", on: "case_day_stats", columns: ["day", "agent_id", "team_id", "type", "channel"], unique: true)
        try await db.index("case_day_stats_agent", on: "case_day_stats", columns: ["agent_id", "day"])
        try await db.index("case_day_stats_team", on: "case_day_stats", columns: ["team_id", "day"])
        // Two narrower roll-ups of the same counts, so the common reports read a few dozen rows a day:
        // the whole center by type and channel, and per agent (and team) without them.
        try await Self.counters(db.schema("case_day_mix").id().field("day", .string, .required)
            .field("type", .string, .required).field("channel", .string, .required))
        try await db.index("case_day_mix_key", on: "case_day_mix", columns: ["day", "type", "channel"], unique: true)
        try await Self.counters(db.schema("case_day_agents").id().field("day", .string, .required)
            .field("agent_id", .uuid, .required).field("team_id", .uuid, .required))
        try await db.index("case_day_agents_key", on: "case_day_agents", columns: ["day", "agent_id", "team_id"], unique: true)
        try await db.index("case_day_agents_agent", on: "case_day_agents", columns: ["agent_id", "day"])
        try await db.index("case_day_agents_team", on: "case_day_agents", columns: ["team_id", "day"])

        try await db.schema("report_submissions").id()
            .field("kind", .string, .required)
            .field("period", .string, .required)
            .field("analysis", .string, .required)
            .field("submitted_by", .uuid, .required)
            .field("submitted_by_name", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("late", .bool, .required)
            .create()
        try await db.index("report_submissions_key", on: "report_submissions", columns: ["kind", "period"], unique: true)
        try await db.index("report_submissions_newest", on: "report_submissions", columns: ["submitted_at", "id"])
        try await db.index("report_submissions_kind", on: "report_submissions", columns: ["kind", "submitted_at", "id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("report_submissions").delete()
        for table in ["case_day_agents", "case_day_mix", "case_day_stats"] { try await db.schema(table).delete() }
    }

    static func counters(_ builder: SchemaBuilder) async throws {
        try await builder.field("opened", .int, .required).field("resolved", .int, .required).field("closed", .int, .required)
            .field("reopened", .int, .required).field("escalated", .int, .required).field("breached", .int, .required)
            .field("resolve_seconds", .double, .required).create()
    }
}
