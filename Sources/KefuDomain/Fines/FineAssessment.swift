import Foundation

/// How one recorded violation is assessed (ATT-05, ATT-10, ATT-27..31): its place among the person's
/// occurrences of the same code in the counting period, and the catalogue's consequence for that place.
public struct FineAssessment: Sendable, Equatable {
    /// 1 for the first occurrence in the period.
    public let occurrence: Int
    public let outcome: FineRules.Outcome

    /// The fine in yuan; nil when the outcome is dismissal (开除), which the manager must act on.
    public var amount: Decimal? {
        if case .fine(let amount) = outcome { return amount }
        return nil
    }

    public var isDismissal: Bool { outcome == .dismissal }

    /// Assess a violation of `code` given how many of the same code the person already has in the
    /// counting period (the month when `monthlyReset`, else ever). Unknown codes throw a rule violation
    /// naming `fines.catalogue`: the catalogue is the only source of violations.
    public static func assess(code: String, priorOccurrences: Int, rules: FineRules) throws -> FineAssessment {
        guard let violation = rules.catalogue[code] else {
            throw DomainError.ruleViolation(rule: FineAssessment.catalogueKey, reason: "error.fines.unknown_code")
        }
        let occurrence = max(priorOccurrences, 0) + 1
        return FineAssessment(occurrence: occurrence, outcome: violation.outcome(occurrence: occurrence))
    }

    /// The rulebook key of the violation catalogue, named by every refusal of an unknown code.
    public static let catalogueKey = "fines.catalogue"
}
