import FluentKit

struct CreateAuditEvents: AsyncMigration {
    var name: String { "0003_CreateAuditEvents" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_events").id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("summary", .string, .required)
            .field("rule_key", .string)
            .field("rulebook_version", .string, .required)
            .field("request_id", .string)
            .create()
        // The timeline of one subject, newest first; the audit list by time; one actor's actions.
        try await db.index("audit_subject", on: "audit_events", columns: ["subject_type", "subject_id", "at"])
        try await db.index("audit_at", on: "audit_events", columns: ["at"])
        try await db.index("audit_actor", on: "audit_events", columns: ["actor_id", "at"])
    }

    func revert(on db: any Database) async throws { try await db.schema("audit_events").delete() }
}
