import Foundation

/// Where an accountability case came from (问责线索): a complaint, a deadline breach, a QA finding, or
/// opened by hand.
public enum AccountabilityOrigin: String, CaseIterable, Codable, Sendable {
    case complaint, breach
    case qaFinding = "qa_finding"
    case manual
}

/// The triggers of the CS accountability rule (REQUIREMENTS §20.1, ACC-03…ACC-06).
public enum AccountabilityTrigger: String, CaseIterable, Codable, Sendable {
    /// ACC-03: not handled in time or poor attitude, causing a serious complaint or harm to the image.
    case seriousComplaint = "serious_complaint"
    /// ACC-04: carelessness, dereliction, procrastination, buck-passing, delays leading to a complaint.
    case dereliction
    /// ACC-05: an emergency handled with weak measures, wrong methods or delay, causing major loss.
    case emergencyMishandled = "emergency_mishandled"
    /// ACC-06: leaders' instructions, decisions or assigned tasks not carried out.
    case instructionsNotCarriedOut = "instructions_not_carried_out"

    /// The requirement that names this trigger.
    public var ruleID: String {
        switch self {
        case .seriousComplaint: "ACC-03"
        case .dereliction: "ACC-04"
        case .emergencyMishandled: "ACC-05"
        case .instructionsNotCarriedOut: "ACC-06"
        }
    }
}

/// The life of an accountability case (ACC-08…ACC-10, ACC-21, ACC-34): opened → investigating → heard
/// (every person concerned made a statement) → decided (written decision) → delivered (acknowledged) →
/// appealed → reviewed → final (登记备案). A case that nobody appeals goes from delivered to final.
public enum AccountabilityState: String, CaseIterable, Codable, Sendable {
    case opened, investigating, heard, decided, delivered, appealed, reviewed, final

    /// Before the written decision: the investigation and the hearing are still open.
    public var isBeforeDecision: Bool { [.opened, .investigating, .heard].contains(self) }

    /// The states an action may start from; anything else is an invalid transition (409).
    public func require(_ allowed: Set<AccountabilityState>, for action: String) throws {
        guard allowed.contains(self) else { throw DomainError.invalidTransition(from: rawValue, to: action) }
    }
}

/// ACC-35: the outcome of a review (复核): the decision upheld (维持) or corrected (纠正).
public enum AccountabilityReviewOutcome: String, CaseIterable, Codable, Sendable {
    case upheld, corrected
}

/// ACC-32: circumstances that weigh on the sanction: mitigating (从轻) or aggravating (从重).
public enum AccountabilityCircumstance: String, CaseIterable, Codable, Sendable {
    case mitigating, aggravating
}

/// ACC-12: what a case may cite as evidence: another case (工单) or an audit-trail entry.
public enum AccountabilityEvidenceKind: String, CaseIterable, Codable, Sendable {
    case `case`
    case auditEvent = "audit_event"
}
