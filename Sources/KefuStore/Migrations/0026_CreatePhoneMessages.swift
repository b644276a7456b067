import FluentKit

/// Front desk phone messages (留言, FDP-05/06): the message record, who it is for, when it was read, and
/// the escalation of unread urgent ones. Indexed for the addressee's list, the desk's list and the scan.
struct CreatePhoneMessages: AsyncMigration {
    var name: String { "0026_CreatePhoneMessages" }

    func prepare(on db: any Database) async throws {
        try await db.schema("phone_messages").id()
            .field("caller_name", .string, .required)
            .field("organization", .string)
            .field("contact", .string, .required)
            .field("content", .string, .required)
            .field("for_user_id", .uuid, .required)
            .field("for_name", .string, .required)
            .field("for_department_id", .uuid)
            .field("urgent", .bool, .required)
            .field("taken_by", .uuid, .required)
            .field("taken_by_name", .string, .required)
            .field("taken_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("escalated_at", .datetime)
            .create()
        try await db.index("phone_messages_for", on: "phone_messages", columns: ["for_user_id", "taken_at", "id"])
        try await db.index("phone_messages_taken", on: "phone_messages", columns: ["taken_at", "id"])
        try await db.index("phone_messages_urgent", on: "phone_messages", columns: ["urgent", "read_at", "escalated_at", "taken_at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("phone_messages").delete()
    }
}
