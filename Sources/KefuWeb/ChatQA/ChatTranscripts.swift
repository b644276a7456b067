import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit
import Vapor

/// Transcripts (issue 9 §6): when a chat with a case ends, its messages are written into the case as text
/// the Chinese-aware case search indexes (`CaseText`), and the case page shows them as "对话记录". The
/// messages themselves stay in `chat_messages`; the stored text is only what the index reads.
struct ChatTranscripts {
    let db: any Database
    let services: AppServices

    /// At most this many chats of one case and messages read for a page or the API (a chat of 2,000
    /// messages is already far beyond a real conversation).
    static let chatLimit = 20
    static let messageLimit = 5_000

    /// Writes (or rewrites) the transcript of `chatID` into its case and re-indexes the case. No case: nothing.
    func attach(chatID: UUID) async throws {
        guard let chat = try await ChatRecord.find(chatID, on: db), let caseID = chat.caseID else { return }
        try await db.transaction { db in
            let messages = try await ChatMessageRecord.query(on: db).filter(\.$chatID == chatID).sort(\.$seq).limit(Self.messageLimit).all()
            let text = messages.compactMap(\.body).joined(separator: "\n")
            if let existing = try await ChatTranscriptRecord.query(on: db).filter(\.$chatID == chatID).first() {
                existing.text = text; existing.writtenAt = services.now()
                try await existing.save(on: db)
            } else {
                let transcript = ChatTranscriptRecord()
                transcript.chatID = chatID; transcript.caseID = caseID; transcript.text = text; transcript.writtenAt = services.now()
                try await transcript.create(on: db)
            }
            guard let record = try await CaseRecord.find(caseID, on: db) else { return }
            let rowID = record.searchRowID
            try await CaseText.reindex(record, db: db)
            // SQLite keeps the index row's id on the case: store it if the case had none yet.
            if record.searchRowID != rowID {
                try await CaseRecord.query(on: db).filter(\.$id == caseID).set(\.$searchRowID, to: record.searchRowID).update()
            }
        }
    }

    /// The stored transcript texts of a case (for the index).
    static func texts(caseID: UUID, db: any Database) async throws -> [String] {
        try await ChatRepository(db: db).transcriptTexts(caseID: caseID, limit: chatLimit)
    }

    /// The messages of the case's chats, chat by chat in the order they began, each in its order.
    func messages(caseID: UUID) async throws -> [ChatMessageRecord] {
        let chats = try await ChatRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$queuedAt).limit(Self.chatLimit).all()
        guard !chats.isEmpty else { return [] }
        let order = Dictionary(chats.enumerated().map { ($1.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let messages = try await ChatMessageRecord.query(on: db).filter(\.$chatID ~~ chats.compactMap(\.id)).limit(Self.messageLimit).all()
        return messages.sorted { (order[$0.chatID] ?? 0, $0.seq) < (order[$1.chatID] ?? 0, $1.seq) }
    }

    /// A line of "对话记录" on the case page and the QA scorecard (Leaf escapes every field).
    struct Line: Encodable {
        let party: String, partyLabel: String, who: String, at: String, body: String, image: Bool
    }

    static func lines(_ messages: [ChatMessageRecord], req: Request) -> [Line] {
        messages.map {
            Line(party: $0.party, partyLabel: req.t("chat.party.\($0.party)"), who: $0.authorName, at: DisplayTime.format($0.at, req),
                 body: $0.body ?? "", image: $0.imageType != nil)
        }
    }
}
