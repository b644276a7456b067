import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// Issue 9 storage: messages are numbered within their chat before anyone is told, so no message is lost
/// across a reconnect: a client asks for everything after the last number it saw.
@Suite("Chat messages are stored in order (issue 9)")
struct ChatStoreTests {
    func chat(_ app: Application) async throws -> UUID {
        let chat = ChatRecord()
        chat.tokenHash = UUID().uuidString; chat.state = ChatState.queued.rawValue; chat.customerName = "王先生"
        chat.queuedAt = Date.t0; chat.lastSeq = 0; chat.version = 1
        try await chat.create(on: app.db)
        return chat.id!
    }

    func message(_ chatID: UUID, _ text: String) -> ChatMessageRecord {
        let message = ChatMessageRecord()
        message.chatID = chatID; message.party = ChatParty.customer.rawValue; message.authorName = "王先生"
        message.body = text; message.at = Date.t0
        return message
    }

    @Test("CHN-04 twenty messages sent at once get the numbers 1…20, each once, and a reconnect catches up from its last number")
    // On SQLite the server passes writes one at a time (SQLiteWriteGate); the test keeps 4 in flight there, all 20 on PostgreSQL.
    func numbering() async throws {
        try await withTestApp { app in
            let id = try await chat(app)
            let repository = ChatRepository(db: app.db)
            let inFlight = testsUsePostgres ? 20 : 4
            var numbers: [Int] = []
            for batch in stride(from: 0, to: 20, by: inFlight) {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in batch..<min(batch + inFlight, 20) {
                        group.addTask { try await repository.append(message(id, "消息 \(index)")).seq }
                    }
                    for try await seq in group { numbers.append(seq) }
                }
            }
            #expect(numbers.sorted() == Array(1...20))
            let caughtUp = try await repository.messages(chatID: id, after: 12, limit: 100)
            #expect(caughtUp.map(\.seq) == Array(13...20))
            #expect(try await repository.messages(chatID: id, after: 20, limit: 100).isEmpty)
            #expect(try await ChatRecord.find(id, on: app.db)?.lastSeq == 20)
        }
    }
}
