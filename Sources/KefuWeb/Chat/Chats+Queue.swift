import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Issue 9 §1 "sees queue position and an estimated wait".
extension Chats {
    struct QueueStatus: Equatable {
        /// 1 = next; 0 = not waiting (taken, ended, message left).
        let position: Int
        let estimatedWaitSeconds: Int
    }

    /// The chat's place in the queue: 1 + the queued chats that came before it (its team's, or any team's).
    func queuePosition(_ chat: ChatRecord) async throws -> Int {
        guard chat.state == ChatState.queued.rawValue else { return 0 }
        // Ahead: queued earlier, or at the same instant with a lower id — the router's own order (queued_at, id).
        // The chat itself is excluded by id: a date read back and bound again can land a hair below the stored
        // one, and the chat then counts itself (a lone chat shown with one ahead of it; seen in the test suite).
        let ahead = ChatRecord.query(on: db).filter(\.$state == ChatState.queued.rawValue).filter(\.$id != chat.id!).group(.or) { earlier in
            earlier.filter(\.$queuedAt < chat.queuedAt).group(.and) { $0.filter(\.$queuedAt == chat.queuedAt).filter(\.$id < chat.id!) }
        }
        if let team = chat.teamID { ahead.group(.or) { $0.filter(\.$teamID == team).filter(\.$teamID == nil) } }
        return try await ahead.count() + 1
    }

    /// Position and `ChatRouting.estimatedWait`: the recent average handling time (assigned → ended over the
    /// last 50 ended chats; 5 minutes before there are any) spread over the free seats of the agents on duty.
    func queueStatus(_ chat: ChatRecord) async throws -> QueueStatus {
        let position = try await queuePosition(chat)
        guard position > 0 else { return QueueStatus(position: 0, estimatedWaitSeconds: 0) }
        let recent = try await ChatRecord.query(on: db).filter(\.$state == ChatState.ended.rawValue)
            .sort(\.$queuedAt, .descending).limit(50).all()
        let durations = recent.compactMap { chat in chat.assignedAt.flatMap { start in chat.endedAt.map { $0.timeIntervalSince(start) } } }
            .filter { $0 > 0 }
        let average = durations.isEmpty ? 300 : durations.reduce(0, +) / Double(durations.count)
        let limit = services.rulebook.chat.maxConcurrentPerAgent
        let free = try await ChatRouter(db: db, services: services, hub: hub).seats(at: services.now())
            .filter { chat.teamID == nil || $0.teamID == chat.teamID }
            .reduce(0) { $0 + max(limit - $1.active, 0) }
        let wait = ChatRouting.estimatedWait(position: position, averageHandling: average, freeSeats: free)
        return QueueStatus(position: position, estimatedWaitSeconds: Int(wait.rounded()))
    }
}
