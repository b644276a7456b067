import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Where a queued chat stands: the chats queued before it and the estimated wait (issue 9 §1).
struct ChatQueueSpot: Equatable {
    let ahead: Int
    let waitSeconds: Int

    /// Counts on the `chats_queue` index (state, queued_at); nil unless the chat is queued.
    static func of(_ chat: ChatRecord, db: any Database, services: AppServices) async throws -> ChatQueueSpot? {
        guard chat.state == ChatState.queued.rawValue else { return nil }
        let ahead = try await ChatRecord.query(on: db).filter(\.$state == ChatState.queued.rawValue)
            .filter(\.$queuedAt < chat.queuedAt).count()
        // The recent handling time (the last 20 ended chats, 5 minutes before there are any) spread over one
        // agent's seats: a rough figure the customer sees, refreshed on every poll.
        let recent = try await ChatRecord.query(on: db).filter(\.$state == ChatState.ended.rawValue)
            .filter(\.$assignedAt != nil).sort(\.$queuedAt, .descending).limit(20).all()
        let handled = recent.compactMap { chat in chat.endedAt.flatMap { end in chat.assignedAt.map { end.timeIntervalSince($0) } } }
        let average = handled.isEmpty ? 300 : handled.reduce(0, +) / Double(handled.count)
        let wait = ChatRouting.estimatedWait(position: ahead + 1, averageHandling: average,
                                             freeSeats: services.rulebook.chat.maxConcurrentPerAgent)
        return ChatQueueSpot(ahead: ahead, waitSeconds: Int(wait.rounded()))
    }
}
