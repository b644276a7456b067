import Foundation

/// A live web chat (网络客服, CHN-04/16): queued until an agent is routed to it, then active; a transfer
/// hands it to another agent; it ends by the agent (with the closing phrase), the customer, or idleness.
/// With nobody available the customer may leave a message, which becomes a case (issue 9 §4).
public enum ChatState: String, CaseIterable, Codable, Sendable {
    case queued, active, ended, leftMessage = "left_message"

    public var isOpen: Bool { self == .queued || self == .active }
}

/// Who did something in a chat.
public enum ChatParty: String, Codable, Sendable, CaseIterable { case customer, agent, system }

/// The transitions of a chat; anything else is refused (409 in the API: invalid in the current state).
public enum ChatTransition: Sendable, Equatable {
    case assign(agent: UUID)
    case transfer(to: UUID)
    case end(by: ChatParty)
    case leaveMessage

    /// The state after this transition from `state`, or nil when it is not allowed there.
    public func apply(to state: ChatState) -> ChatState? {
        switch (self, state) {
        case (.assign, .queued): .active
        case (.transfer, .active): .active
        case (.end, .queued), (.end, .active): .ended
        case (.leaveMessage, .queued): .leftMessage
        default: nil
        }
    }
}

/// CHN-16: the first-response clock of a chat starts when the customer's first message arrives and is met by
/// the first agent message; each later customer message starts a per-message clock (rulebook value).
public struct ChatResponseClock: Sendable, Equatable {
    public let firstWithin: TimeInterval
    public let messageWithin: TimeInterval

    public init(firstWithin: TimeInterval, messageWithin: TimeInterval) {
        self.firstWithin = firstWithin; self.messageWithin = messageWithin
    }

    /// When the agent must answer: the oldest unanswered customer message plus the limit that applies to it
    /// (the first-response limit while no agent has written yet). Nil when nothing waits for an answer.
    public func due(oldestUnanswered: Date?, agentHasAnswered: Bool) -> Date? {
        guard let oldestUnanswered else { return nil }
        return oldestUnanswered.addingTimeInterval(agentHasAnswered ? messageWithin : firstWithin)
    }

    /// Seconds left (negative once breached), for the console's countdown and the leader's "at risk" list.
    public func secondsLeft(due: Date?, now: Date) -> Int? {
        due.map { Int(($0.timeIntervalSince(now)).rounded(.down)) }
    }
}
