import FluentKit

struct CreateDeadlineClocks: AsyncMigration {
    var name: String { "0005_CreateDeadlineClocks" }

    func prepare(on db: any Database) async throws {
        try await db.schema("deadline_clocks").id()
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("unit", .string, .required)
            .field("started_at", .datetime, .required)
            .field("due_at", .datetime, .required)
            .field("warn_at", .datetime, .required)
            .field("state", .string, .required)
            .field("paused_at", .datetime)
            .field("remaining_seconds", .double)
            .field("warned_at", .datetime)
            .field("breached_at", .datetime)
            .field("met_at", .datetime)
            .field("rule_key", .string, .required)
            .field("rulebook_version", .string, .required)
            .field("version", .int, .required)
            .create()
        // The scanner reads running clocks by due time and by warning time: both indexed.
        try await db.index("clocks_due", on: "deadline_clocks", columns: ["state", "due_at"])
        try await db.index("clocks_warn", on: "deadline_clocks", columns: ["state", "warned_at", "warn_at"])
        try await db.index("clocks_subject", on: "deadline_clocks", columns: ["subject_type", "subject_id", "kind"])
    }

    func revert(on db: any Database) async throws { try await db.schema("deadline_clocks").delete() }
}
