import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Where a queued chat stands: the chats queued before it and the estimated wait (issue 9 §1).
struct ChatQueueSpot: Equatable {
    let ahead: Int
    let waitSeconds: Int

    /// From the chat's queue status (position among the chats before it in its team's queue, and the wait
    /// over the free seats of the agents on duty); nil unless the chat is queued.
    static func of(_ chat: ChatRecord, db: any Database, services: AppServices, hub: ChatHub) async throws -> ChatQueueSpot? {
        guard chat.state == ChatState.queued.rawValue else { return nil }
        let status = try await Chats(db: db, services: services, hub: hub).queueStatus(chat)
        return ChatQueueSpot(ahead: max(status.position - 1, 0), waitSeconds: status.estimatedWaitSeconds)
    }
}
