import FluentKit
import SQLKit

/// Issue 9: live web chats and their messages. A message's `seq` numbers it within its chat (unique), so a
/// client that reconnects asks for everything after the last `seq` it saw and misses nothing.
struct CreateChats: AsyncMigration {
    var name: String { "0039_CreateChats" }

    func prepare(on db: any Database) async throws {
        try await db.schema("chats").id()
            .field("token_hash", .string, .required).field("state", .string, .required)
            .field("customer_name", .string, .required).field("customer_phone", .string).field("customer_id", .uuid)
            .field("case_id", .uuid).field("agent_id", .uuid).field("agent_name", .string)
            .field("queued_at", .datetime, .required).field("assigned_at", .datetime).field("ended_at", .datetime).field("ended_by", .string)
            .field("last_seq", .int, .required).field("last_customer_at", .datetime).field("last_agent_at", .datetime)
            .field("answer_due", .datetime).field("rating", .int).field("version", .int, .required)
            .unique(on: "token_hash", name: "chats_token")
            .create()
        try await db.index("chats_queue", on: "chats", columns: ["state", "queued_at", "id"])
        try await db.index("chats_agent", on: "chats", columns: ["agent_id", "state"])
        try await db.index("chats_answer_due", on: "chats", columns: ["state", "answer_due"])
        try await db.schema("chat_messages").id()
            .field("chat_id", .uuid, .required, .references("chats", "id")).field("seq", .int, .required)
            .field("party", .string, .required).field("author_id", .uuid).field("author_name", .string, .required)
            .field("body", .string).field("image_type", .string).field("image", .data).field("at", .datetime, .required)
            .unique(on: "chat_id", "seq", name: "chat_messages_seq")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["chat_messages", "chats"] { try await db.schema(table).delete() }
    }
}
