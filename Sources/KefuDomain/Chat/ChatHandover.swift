import Foundation

/// Issue 9 §3: an agent hands a chat to another agent (who must be on duty and below the per-agent limit,
/// `chat.max_concurrent_per_agent`) or back to a team's queue, always with a note for the next person.
public enum ChatHandover {
    public enum Refusal: String, Error, Sendable, Equatable {
        case noteRequired = "note_required", offDuty = "agent_off_duty", atLimit = "agent_at_limit", sameAgent = "same_agent"
    }

    public static let noteLimit = 500

    /// The note as stored (trimmed), or why it is refused.
    public static func note(_ raw: String?) throws(Refusal) -> String {
        let note = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw .noteRequired }
        return String(note.prefix(noteLimit))
    }

    /// May `target` receive the chat now: on duty, not the current agent, and still below the limit.
    public static func check(target: UUID, current: UUID?, onDuty: Bool, activeChats: Int, limit: Int) throws(Refusal) {
        if target == current { throw .sameAgent }
        if !onDuty { throw .offDuty }
        if activeChats >= limit { throw .atLimit }
    }

    /// A transfer back to a team puts an active chat in that team's queue again (the customer keeps their place).
    public static func requeued(from state: ChatState) -> ChatState? { state == .active ? .queued : nil }
}
