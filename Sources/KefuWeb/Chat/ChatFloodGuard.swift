import Foundation
import KefuCore
import KefuDomain
import NIOConcurrencyHelpers
import Vapor

/// The flood limit (`chat.rate_limit`: at most N messages in S seconds) per chat and party, on this node —
/// a flood is a burst from one connection, which one node sees whole. Over the limit → 429 `rate_limited`.
final class ChatFloodGuard: Sendable {
    private let windows = NIOLockedValueBox<[String: ChatRateWindow]>([:])

    func admit(chat: UUID, party: ChatParty, rules: ChatRules, now: Date) -> Bool {
        windows.withLockedValue { table in
            if table.count > 50_000 { table.removeAll() }   // bounded memory; a reset only forgives a burst
            let key = "\(chat.uuidString):\(party.rawValue)"
            var window = table[key] ?? ChatRateWindow(limit: rules.rateLimitCount, window: TimeInterval(rules.rateLimitSeconds))
            let admitted = window.admit(at: now)
            table[key] = window
            return admitted
        }
    }

    func check(chat: UUID, party: ChatParty, rules: ChatRules, now: Date) throws {
        guard admit(chat: chat, party: party, rules: rules, now: now) else {
            throw Failure(status: .tooManyRequests, code: "rate_limited", messageKey: "error.chat.flood", rule: "chat.rate_limit_count",
                          retryAfter: max(1, rules.rateLimitSeconds))
        }
    }
}

extension Application {
    private struct ChatFloodKey: StorageKey { typealias Value = ChatFloodGuard }

    var chatFlood: ChatFloodGuard {
        if let guardian = storage[ChatFloodKey.self] { return guardian }
        let guardian = ChatFloodGuard()
        storage[ChatFloodKey.self] = guardian
        return guardian
    }
}
