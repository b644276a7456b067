import FluentKit
import Foundation
import SQLKit

/// Chats and their messages (issue 9). A message is stored before anyone is told of it, numbered by one
/// atomic increment of the chat's `last_seq`, so concurrent writers never share a number and a client that
/// reconnects catches up with `messages(after:)` from the last number it saw.
public struct ChatRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// The transcripts of a case's chats, oldest first, for its search text (issue 9), at most `limit`.
    public func transcriptTexts(caseID: UUID, limit: Int) async throws -> [String] {
        try await ChatTranscriptRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$writtenAt).limit(limit).all().map(\.text)
    }

    /// Stores `message` as the chat's next message and returns it with its `seq`.
    public func append(_ message: ChatMessageRecord) async throws -> ChatMessageRecord {
        try await db.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(ChatRecord.schema) }
            let seq = try await sql.update(ChatRecord.schema)
                .set("last_seq", to: SQLRaw("last_seq + 1"))
                .where("id", .equal, SQLBind(message.chatID))
                .returning("last_seq")
                .first(decodingColumn: "last_seq", as: Int.self)
            guard let seq else { throw StoreError.corrupt(ChatRecord.schema) }
            message.seq = seq
            try await message.create(on: db)
            return message
        }
    }

    /// The chat's messages after `seq`, in order (at most `limit`; the client asks again for the rest).
    public func messages(chatID: UUID, after seq: Int, limit: Int) async throws -> [ChatMessageRecord] {
        try await ChatMessageRecord.query(on: db).filter(\.$chatID == chatID).filter(\.$seq > seq)
            .sort(\.$seq).limit(min(max(limit, 1), 500)).all()
    }
}
