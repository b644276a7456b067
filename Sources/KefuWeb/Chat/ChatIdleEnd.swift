import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Ends chats nobody has written in for `chat.idle_end_after` (the customer left without closing the window),
/// so they stop counting against the agent's concurrent limit. Run by the background jobs.
struct ChatIdleEnd {
    let db: any Database
    let services: AppServices
    let hub: ChatHub

    func run(now: Date) async throws -> Int {
        let limit = services.rulebook.calendar.deadline(from: now, adding: services.rulebook.chat.idleEndAfter)
        // `limit` is idle_end_after ahead of now; the same span back from now is the idle cut-off.
        let cutoff = now.addingTimeInterval(-limit.timeIntervalSince(now))
        var ended = 0
        for state in [ChatState.queued, .active] {
            let stale = try await ChatRecord.query(on: db).filter(\.$state == state.rawValue)
                .filter(\.$queuedAt < cutoff).sort(\.$queuedAt).limit(200).all()
            for chat in stale where lastActivity(chat) < cutoff {
                // A customer or agent ending it at the same moment wins (409 here); that chat is simply not counted.
                if (try? await Chats(db: db, services: services, hub: hub).end(chat, by: .system)) != nil { ended += 1 }
            }
        }
        return ended
    }

    private func lastActivity(_ chat: ChatRecord) -> Date {
        [chat.queuedAt, chat.assignedAt, chat.lastCustomerAt, chat.lastAgentAt].compactMap { $0 }.max() ?? chat.queuedAt
    }
}
