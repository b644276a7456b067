import Foundation

/// Where an escalation goes (ESC-06, chain ESC-13): one level up the rulebook's chain at a time; in an
/// emergency one level is skipped (越级) and the skipped superior is told afterwards. A closed or resolved
/// case is not escalated; above the top of the chain the request is refused naming `escalation.chain`.
public enum CaseEscalation {
    public struct Step: Equatable, Sendable {
        /// The case's new escalation level, an index into the chain.
        public let level: Int
        /// Who receives the escalation.
        public let role: Role
        /// In an emergency: the superior passed over, who is informed afterwards.
        public let skipped: Role?
    }

    public static let ruleKey = "escalation.chain"

    public static func next(status: CaseStatus, level: Int, emergency: Bool, chain: [Role]) throws -> Step {
        guard status.isOpen else { throw DomainError.invalidTransition(from: status.rawValue, to: "escalated") }
        let target = level + (emergency ? 2 : 1)
        guard target < chain.count, target >= 0 else {
            throw DomainError.ruleViolation(rule: ruleKey, reason: "rule.escalation.top_reached")
        }
        return Step(level: target, role: chain[target], skipped: emergency ? chain[target - 1] : nil)
    }
}
