import Foundation
import KefuCore

/// Tells the connections of a chat that it has a new message (by its `seq`); they read it from the database.
/// A signal only — the message itself is already stored — so a lost signal costs a catch-up, never a
/// message. On one node this hub delivers in process; with several nodes on PostgreSQL a listener feeds
/// `NOTIFY kefu_chat` payloads from the other nodes into the same hub (issue 9 §2).
actor ChatHub {
    private var listeners: [UUID: [UUID: AsyncStream<Int>.Continuation]] = [:]

    /// A stream of new message numbers of `chatID`, until the caller stops listening (cancel or `leave`).
    func listen(to chatID: UUID) -> (token: UUID, stream: AsyncStream<Int>) {
        let token = UUID()
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(64))
        listeners[chatID, default: [:]][token] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.leave(chatID, token) }
        }
        return (token, stream)
    }

    func leave(_ chatID: UUID, _ token: UUID) {
        listeners[chatID]?[token]?.finish()
        listeners[chatID]?[token] = nil
        if listeners[chatID]?.isEmpty == true { listeners[chatID] = nil }
    }

    /// Delivers `seq` to every listener of `chatID` on this node.
    func publish(_ chatID: UUID, seq: Int) {
        for continuation in listeners[chatID]?.values ?? [:].values { continuation.yield(seq) }
    }

    /// How many connections listen to `chatID` here (for the console and tests).
    func listenerCount(_ chatID: UUID) -> Int { listeners[chatID]?.count ?? 0 }
}
