import FluentKit

/// GOV-02..05: rulebook versions stored by an administrator (with their effective instant) and the staff's
/// feedback on rules.
struct CreateRulebookVersions: AsyncMigration {
    var name: String { "0037_CreateRulebookVersions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("rulebook_versions").id()
            .field("version", .string, .required).field("content", .string, .required).field("file_name", .string, .required)
            .field("effective_at", .datetime, .required).field("interpreted_by", .string, .required).field("note", .string)
            .field("uploaded_by", .uuid, .required).field("uploaded_by_name", .string, .required).field("uploaded_at", .datetime, .required)
            .field("cancelled_at", .datetime).field("notice_id", .uuid)
            .create()
        try await db.index("rulebook_versions_effective", on: "rulebook_versions", columns: ["effective_at", "id"])
        try await db.schema("rule_feedback").id()
            .field("rule_key", .string, .required).field("kind", .string, .required).field("body", .string, .required)
            .field("author_id", .uuid, .required).field("author_name", .string, .required)
            .field("owner_role", .string, .required).field("rulebook_version", .string, .required).field("created_at", .datetime, .required)
            .field("answer", .string).field("answered_by_name", .string).field("answered_at", .datetime)
            .create()
        try await db.index("rule_feedback_author", on: "rule_feedback", columns: ["author_id", "created_at", "id"])
        try await db.index("rule_feedback_owner", on: "rule_feedback", columns: ["owner_role", "created_at", "id"])
    }

    func revert(on db: any Database) async throws {
        for table in ["rule_feedback", "rulebook_versions"] { try await db.schema(table).delete() }
    }
}
