import Foundation

/// What a complaint form (客户投诉处理表) must have before it closes (REQUIREMENTS §4 workflow:
/// … → 以书信或电话答复客户 → 结案): every department's part is done (CMP-24 跟清楚: followed to the end;
/// CMP-05..09 the departments' tasks) and the customer has been told the result (CMP-25 复清楚). The return
/// visit follows closure and does not hold it (CMP-30: the form closes within six days of acceptance).
public struct ComplaintClosingFacts: Sendable, Equatable {
    /// The departments' tasks still open.
    public var openTasks: Int
    /// When the customer was told the approved conclusion, if the latest reply was that conclusion (a later
    /// progress reply, which sets a next reply time, means the customer is waiting again).
    public var answeredAt: Date?

    public init(openTasks: Int, answeredAt: Date?) {
        self.openTasks = openTasks
        self.answeredAt = answeredAt
    }
}

public enum ComplaintClosing {
    /// The rulebook key that lists the conditions (`complaints.close_requires`).
    public static let ruleKey = "complaints.close_requires"

    /// One condition of closing; the rulebook lists the ones in force.
    public enum Condition: String, CaseIterable, Codable, Sendable {
        /// CMP-24 / CMP-05..09: no department's task is still open.
        case tasksDone = "tasks_done"
        /// CMP-25: the customer has been answered with the conclusion.
        case customerAnswered = "customer_answered"

        /// The message key that says, in words, why the complaint cannot close yet.
        public var refusalKey: String {
            switch self {
            case .tasksDone: "rule.complaints.close_tasks_open"
            case .customerAnswered: "rule.complaints.close_unanswered"
            }
        }
    }

    /// The conditions in force that `facts` do not meet at `now`, in the order the rulebook lists them;
    /// empty when the complaint may close.
    public static func unmet(_ facts: ComplaintClosingFacts, rules: ComplaintRules, at now: Date) -> [Condition] {
        rules.closeRequires.filter { condition in
            switch condition {
            case .tasksDone: facts.openTasks > 0
            case .customerAnswered: facts.answeredAt.map { $0 > now } ?? true
            }
        }
    }

    /// Refuses (422 `complaints.close_requires`) while a condition in force is unmet.
    public static func check(_ facts: ComplaintClosingFacts, rules: ComplaintRules, at now: Date) throws {
        if let first = unmet(facts, rules: rules, at: now).first {
            throw DomainError.ruleViolation(rule: ruleKey, reason: first.refusalKey)
        }
    }

    /// A closed complaint's tasks are finished business: no result is recorded, no task added or chased
    /// after closure (the conditions above were met when it closed). An action invalid in the record's
    /// state, so 409 `conflict` as API.md says (not a rulebook refusal), with the reason in words.
    public static func checkTaskAction(caseStatus: CaseStatus) throws {
        guard caseStatus != .closed else {
            throw DomainError.conflict(reason: "rule.complaints.closed_tasks_final")
        }
    }
}

extension ServiceCase {
    /// Closes a complaint case: only a resolved case closes (409 otherwise, as every case), and only when the
    /// complaint's closing conditions hold (422 `complaints.close_requires`).
    public mutating func close(complaint facts: ComplaintClosingFacts, rules: ComplaintRules, at now: Date) throws {
        guard status == .resolved else { throw DomainError.invalidTransition(from: status.rawValue, to: CaseStatus.closed.rawValue) }
        try ComplaintClosing.check(facts, rules: rules, at: now)
        try close(at: now)
    }
}
