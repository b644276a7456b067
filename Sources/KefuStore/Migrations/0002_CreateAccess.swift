import FluentKit

struct CreateAccess: AsyncMigration {
    var name: String { "0002_CreateAccess" }

    func prepare(on db: any Database) async throws {
        try await db.schema("auth_tokens").id()
            .field("token_hash", .string, .required)
            .field("kind", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("csrf_token", .string)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await db.index("auth_tokens_user", on: "auth_tokens", columns: ["user_id"])
        try await db.schema("login_guards").id()
            .field("username", .string, .required)
            .field("failures", .int, .required)
            .field("window_started_at", .datetime)
            .field("locked_until", .datetime)
            .unique(on: "username")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_guards").delete()
        try await db.schema("auth_tokens").delete()
    }
}
