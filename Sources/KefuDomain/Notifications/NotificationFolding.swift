import Foundation

/// What a notice does when the reader already has one with the same dedupe key.
public enum NotificationRepeat: Sendable, Equatable {
    /// Nothing: the same event raised again (a job that runs every 30 s, a retried request).
    case ignore
    /// A new event about the same thing (a case's next deadline warning, another overdue return visit of the
    /// station's queue): the one notification takes the newest title and time, becomes unread again, and
    /// counts the events folded into it since the reader last read it.
    case refresh
}

/// The parts of an inbox entry that a repeat can change.
public struct InboxNotice: Sendable, Equatable {
    public var kind: String
    public var titleKey: String
    public var titleArgument: String
    public var titleWordKey: String?
    public var link: String?
    public var at: Date
    public var readAt: Date?
    /// Events folded into this entry since it was last read (1 for a fresh one).
    public var repeatCount: Int

    public init(kind: String, titleKey: String, titleArgument: String, titleWordKey: String? = nil, link: String? = nil,
                at: Date, readAt: Date? = nil, repeatCount: Int = 1) {
        self.kind = kind; self.titleKey = titleKey; self.titleArgument = titleArgument; self.titleWordKey = titleWordKey
        self.link = link; self.at = at; self.readAt = readAt; self.repeatCount = repeatCount
    }

    public var section: NotificationSection { NotificationKinds.section(of: kind) }
}

/// The dedupe rule: one row per reader and dedupe key, whatever how often the thing comes up.
public enum NotificationFolding {
    public enum Outcome: Sendable, Equatable {
        case insert(InboxNotice)
        case update(InboxNotice)
        case unchanged
    }

    public static func fold(existing: InboxNotice?, incoming: InboxNotice, repeats: NotificationRepeat) -> Outcome {
        guard let existing else { return .insert(incoming) }
        guard repeats == .refresh else { return .unchanged }
        var folded = incoming
        // Counted since the reader last read it: a read entry starts again at one.
        folded.repeatCount = existing.readAt == nil ? existing.repeatCount + 1 : 1
        folded.readAt = nil
        // The time only moves forward (a late event never pushes the entry back down the list).
        folded.at = max(existing.at, incoming.at)
        return .update(folded)
    }
}
