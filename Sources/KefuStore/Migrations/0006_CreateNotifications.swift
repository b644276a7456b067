import FluentKit

struct CreateNotifications: AsyncMigration {
    var name: String { "0006_CreateNotifications" }

    func prepare(on db: any Database) async throws {
        try await db.schema("notifications").id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("title_key", .string, .required)
            .field("title_arg", .string, .required)
            .field("link", .string)
            .field("subject_type", .string)
            .field("subject_id", .uuid)
            .field("dedupe_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "user_id", "dedupe_key")
            .create()
        try await db.index("notifications_inbox", on: "notifications", columns: ["user_id", "read_at", "created_at"])
    }

    func revert(on db: any Database) async throws { try await db.schema("notifications").delete() }
}
