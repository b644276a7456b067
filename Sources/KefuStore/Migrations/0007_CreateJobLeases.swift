import FluentKit

/// Job leases: who may run a background job now (the deadline scanner on SQLite, where `serve` and a
/// `kefu jobs run-once` from cron are two processes on one file).
struct CreateJobLeases: AsyncMigration {
    var name: String { "0007_CreateJobLeases" }

    func prepare(on db: any Database) async throws {
        try await db.schema("job_leases").id()
            .field("name", .string, .required)
            .field("holder", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "name")
            .create()
        // Lists that page by time: the full notifications inbox, approvals without a state filter,
        // the staff of one team by username.
        try await db.index("notifications_all", on: "notifications", columns: ["user_id", "created_at"])
        try await db.index("approvals_created", on: "approvals", columns: ["created_at"])
        try await db.index("users_team_username", on: "users", columns: ["team_id", "username"])
    }

    func revert(on db: any Database) async throws { try await db.schema("job_leases").delete() }
}
