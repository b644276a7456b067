import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Reading a chat's messages after the last number a client saw, waiting for the next one when there is
/// none yet (the long-poll fallback and the WebSocket share it). It listens before it reads, so a message
/// stored between the read and the wait still wakes it; the hub only signals — the rows are the truth.
struct ChatFeed {
    let db: any Database
    let hub: ChatHub

    static let pageSize = 200

    func messages(chatID: UUID, after seq: Int, wait: Duration) async throws -> [ChatMessageRecord] {
        let repository = ChatRepository(db: db)
        let (token, stream) = await hub.listen(to: chatID)
        defer { Task { await hub.leave(chatID, token) } }
        let ready = try await repository.messages(chatID: chatID, after: seq, limit: Self.pageSize)
        guard ready.isEmpty, wait > .zero else { return ready }
        let signalled = await withTaskGroup(of: Bool.self) { group -> Bool in
            group.addTask {
                for await latest in stream where latest > seq { return true }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: wait)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        return signalled ? try await repository.messages(chatID: chatID, after: seq, limit: Self.pageSize) : []
    }
}
