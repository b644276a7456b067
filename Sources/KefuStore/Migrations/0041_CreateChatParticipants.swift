import FluentKit
import SQLKit

/// Issue 9 §3: the team whose queue a chat waits in (routing, a transfer back to a team, a left message), and the
/// people invited into a chat (a team leader) who may read and post beside the agent.
struct CreateChatParticipants: AsyncMigration {
    var name: String { "0041_CreateChatParticipants" }

    func prepare(on db: any Database) async throws {
        try await db.schema("chats").field("team_id", .uuid).update()
        try await db.index("chats_team_queue", on: "chats", columns: ["team_id", "state", "queued_at"])
        try await db.schema("chat_participants").id()
            .field("chat_id", .uuid, .required, .references("chats", "id")).field("user_id", .uuid, .required)
            .field("user_name", .string, .required).field("invited_by", .uuid, .required).field("invited_at", .datetime, .required)
            .unique(on: "chat_id", "user_id", name: "chat_participants_once")
            .create()
        try await db.index("chat_participants_user", on: "chat_participants", columns: ["user_id", "chat_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("chat_participants").delete()
        try await db.schema("chats").deleteField("team_id").update()
    }
}
