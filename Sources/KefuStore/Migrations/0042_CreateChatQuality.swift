import FluentKit
import SQLKit

/// Issue 9, the assessment side of the live chat: CHN-16 breaches (once per chat and due instant), the
/// transcript kept with the chat's case (searchable), typing samples (ORG-08/09/11), and the chat figures
/// of the monthly evaluation (ratings, breaches, typing speed).
struct CreateChatQuality: AsyncMigration {
    var name: String { "0042_CreateChatQuality" }

    func prepare(on db: any Database) async throws {
        try await db.schema("chat_breaches").id()
            .field("chat_id", .uuid, .required, .references("chats", "id")).field("case_id", .uuid)
            .field("agent_id", .uuid).field("agent_name", .string)
            .field("kind", .string, .required).field("due", .datetime, .required).field("at", .datetime, .required)
            .field("month", .string, .required)
            // A breach is the same breach however often the scanner (or the late answer) sees it.
            .unique(on: "chat_id", "due", name: "chat_breaches_once")
            .create()
        try await db.index("chat_breaches_agent_month", on: "chat_breaches", columns: ["agent_id", "month", "due", "id"])
        try await db.index("chat_breaches_month", on: "chat_breaches", columns: ["month", "due", "id"])
        try await db.schema("chat_transcripts").id()
            .field("chat_id", .uuid, .required, .references("chats", "id")).field("case_id", .uuid, .required)
            .field("text", .string, .required).field("written_at", .datetime, .required)
            .unique(on: "chat_id", name: "chat_transcripts_chat")
            .create()
        try await db.index("chat_transcripts_case", on: "chat_transcripts", columns: ["case_id", "written_at"])
        try await db.schema("typing_samples").id()
            .field("user_id", .uuid, .required).field("source", .string, .required)
            .field("typed_chars", .int, .required).field("typed_ms", .int, .required).field("speed", .int, .required)
            .field("month", .string, .required).field("at", .datetime, .required)
            .create()
        try await db.index("typing_samples_user_month", on: "typing_samples", columns: ["user_id", "month", "source"])
        try await db.index("typing_samples_month", on: "typing_samples", columns: ["month", "source"])
        // The case's chats (transcript, case page) and the ended chats of a period (QA-11 sampling, ratings).
        // The chats of a case (its transcript, QA sampling); also the lookup of a case's chat when linking.
        try await db.index("chats_case", on: "chats", columns: ["case_id", "queued_at"])
        try await db.index("chats_ended", on: "chats", columns: ["state", "ended_at"])
        // One column per ALTER: SQLite adds a single column per statement.
        for (column, type) in Self.evaluationColumns {
            try await db.schema("monthly_evaluations").field(FieldKey(stringLiteral: column), type).update()
        }
    }

    static let evaluationColumns: [(String, DatabaseSchema.DataType)] = [
        ("chat_rating", .double), ("chat_ratings", .int), ("chat_breaches", .int), ("typing_test_best", .int), ("typing_console_average", .int),
    ]

    func revert(on db: any Database) async throws {
        for (column, _) in Self.evaluationColumns {
            try await db.schema("monthly_evaluations").deleteField(FieldKey(stringLiteral: column)).update()
        }
        for table in ["typing_samples", "chat_transcripts", "chat_breaches"] { try await db.schema(table).delete() }
    }
}
