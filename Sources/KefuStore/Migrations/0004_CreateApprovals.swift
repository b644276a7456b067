import FluentKit

struct CreateApprovals: AsyncMigration {
    var name: String { "0004_CreateApprovals" }

    func prepare(on db: any Database) async throws {
        try await db.schema("approvals").id()
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("state", .string, .required)
            .field("rule_key", .string, .required)
            .field("rulebook_version", .string, .required)
            .field("requested_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .field("pending_role", .string)
            .field("pending_department_id", .uuid)
            .field("version", .int, .required)
            .create()
        try await db.index("approvals_inbox", on: "approvals", columns: ["pending_role", "created_at"])
        try await db.index("approvals_state", on: "approvals", columns: ["state", "created_at"])
        try await db.index("approvals_subject", on: "approvals", columns: ["subject_type", "subject_id"])
        try await db.index("approvals_requester", on: "approvals", columns: ["requested_by", "created_at"])
        try await db.schema("approval_steps").id()
            .field("approval_id", .uuid, .required, .references("approvals", "id"))
            .field("position", .int, .required)
            .field("role", .string, .required)
            .field("department_id", .uuid)
            .field("state", .string, .required)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("comment", .string)
            .unique(on: "approval_id", "position")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("approval_steps").delete()
        try await db.schema("approvals").delete()
    }
}
