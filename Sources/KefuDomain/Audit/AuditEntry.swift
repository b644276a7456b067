import Foundation

/// One append-only audit event (ARCHITECTURE §3 "Audit trail"): who did what to which subject, what
/// changed, and which rule (rulebook key and version) made the decision.
public struct AuditEntry: Sendable, Hashable {
    /// Given by the audit trail when the entry is appended (time-ordered, issue 22); a new entry's own is replaced.
    public var id: UUID
    public var at: Date
    public var actorID: UUID?
    /// Shown in timelines even if the user is later deactivated; "system" for jobs.
    public var actorName: String
    public var action: String
    public var subjectType: String
    public var subjectID: UUID
    /// Short "before → after" text; never customer personal data.
    public var summary: String
    public var ruleKey: String?
    public var rulebookVersion: String
    public var requestID: String?

    public init(id: UUID = UUID(), at: Date, actorID: UUID?, actorName: String, action: String, subjectType: String,
                subjectID: UUID, summary: String, ruleKey: String? = nil, rulebookVersion: String, requestID: String? = nil) {
        self.id = id; self.at = at; self.actorID = actorID; self.actorName = actorName; self.action = action
        self.subjectType = subjectType; self.subjectID = subjectID; self.summary = summary; self.ruleKey = ruleKey
        self.rulebookVersion = rulebookVersion; self.requestID = requestID
    }

    /// "field: old → new" lines for the fields that changed.
    public static func changes(_ pairs: [(field: String, before: String?, after: String?)]) -> String {
        pairs.filter { $0.before != $0.after }
            .map { "\($0.field): \($0.before ?? "∅") → \($0.after ?? "∅")" }
            .joined(separator: "; ")
    }
}
