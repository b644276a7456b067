import Foundation

public enum ClockState: String, Codable, Sendable, CaseIterable {
    case running, paused, met, breached, cancelled

    /// Clocks the scanner still looks at.
    public var isOpen: Bool { self == .running || self == .paused }
}

/// One deadline on one subject (ARCHITECTURE §3 "Deadlines"): when it is due, when to warn, and its state.
/// A paused clock keeps the time it had left (business seconds for business units) and is re-planned on resume.
public struct DeadlineClock: Sendable, Hashable {
    public let id: UUID
    public let subjectType: String
    public let subjectID: UUID
    public let kind: String
    public let unit: TimeUnit
    public let startedAt: Date
    public var dueAt: Date
    public var warnAt: Date
    public var state: ClockState
    public var pausedAt: Date?
    public var remainingSeconds: Double?
    public var warnedAt: Date?
    public var breachedAt: Date?
    public var metAt: Date?
    public let ruleKey: String
    public let rulebookVersion: String
    public var version: Int

    public init(id: UUID, subjectType: String, subjectID: UUID, kind: String, unit: TimeUnit, startedAt: Date,
                dueAt: Date, warnAt: Date, state: ClockState, pausedAt: Date? = nil, remainingSeconds: Double? = nil,
                warnedAt: Date? = nil, breachedAt: Date? = nil, metAt: Date? = nil, ruleKey: String,
                rulebookVersion: String, version: Int = 1) {
        self.id = id; self.subjectType = subjectType; self.subjectID = subjectID; self.kind = kind
        self.unit = unit; self.startedAt = startedAt; self.dueAt = dueAt; self.warnAt = warnAt; self.state = state
        self.pausedAt = pausedAt; self.remainingSeconds = remainingSeconds; self.warnedAt = warnedAt
        self.breachedAt = breachedAt; self.metAt = metAt; self.ruleKey = ruleKey
        self.rulebookVersion = rulebookVersion; self.version = version
    }
}
