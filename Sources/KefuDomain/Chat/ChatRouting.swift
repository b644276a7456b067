import Foundation

/// Issue 9 §4: a waiting chat goes to an agent on duty now whose team has the chat skill, least busy first,
/// never above the per-agent concurrency limit; ties go to the one idle longest. Nobody available → nil
/// (the customer waits in the queue or leaves a message).
public enum ChatRouting {
    public struct Candidate: Sendable, Equatable {
        public let agentID: UUID
        public let onDuty: Bool
        public let servesChat: Bool
        public let activeChats: Int
        public let lastAssignedAt: Date?

        public init(agentID: UUID, onDuty: Bool, servesChat: Bool, activeChats: Int, lastAssignedAt: Date?) {
            self.agentID = agentID; self.onDuty = onDuty; self.servesChat = servesChat
            self.activeChats = activeChats; self.lastAssignedAt = lastAssignedAt
        }
    }

    public static func pick(_ candidates: [Candidate], limit: Int) -> UUID? {
        candidates
            .filter { $0.onDuty && $0.servesChat && $0.activeChats < limit }
            .min { a, b in
                if a.activeChats != b.activeChats { return a.activeChats < b.activeChats }
                switch (a.lastAssignedAt, b.lastAssignedAt) {
                case (nil, nil): return a.agentID.uuidString < b.agentID.uuidString
                case (nil, _): return true
                case (_, nil): return false
                case (let x?, let y?): return x < y
                }
            }?.agentID
    }

    /// The customer's estimated wait: their place in the queue times the average handling time, spread over
    /// the free seats (at least one seat, so the estimate never divides by zero).
    public static func estimatedWait(position: Int, averageHandling: TimeInterval, freeSeats: Int) -> TimeInterval {
        guard position > 0 else { return 0 }
        return Double(position) * averageHandling / Double(max(freeSeats, 1))
    }
}
