import Foundation

/// The accountability rules that do not need a database: the sanction catalogue (ACC-07/24/36), the
/// hearing before the decision (ACC-08) and the appeal window (ACC-10/26/35).
public enum AccountabilityPolicy {
    /// Rule key of ACC-08 (no rulebook value: the hearing is always required).
    public static let hearingRule = "accountability.statement_before_decision"
    /// Rule key of ACC-11 (no rulebook value: the written cause analysis is always required).
    public static let causeAnalysisRule = "accountability.cause_analysis"
    public static let sanctionsRule = "accountability.sanctions"
    public static let combinableRule = "accountability.sanctions_combinable"
    public static let appealRule = "accountability.appeal_within"
    public static let appealToRule = "accountability.appeal_to"
    public static let suspendsRule = "accountability.appeal_suspends_decision"

    /// ACC-07 / ACC-24 / ACC-36: the sanctions of a decision, in the order given, from the rulebook's
    /// catalogue; several only when the rulebook allows combining them. Empty or repeated → validation.
    public static func sanctions(_ requested: [String], rules: AccountabilityRules) throws -> [AccountabilityRules.Sanction] {
        guard !requested.isEmpty else { throw DomainError.validation(fields: ["sanctions": "error.field.required"]) }
        guard Set(requested).count == requested.count else { throw DomainError.validation(fields: ["sanctions": "error.field.invalid_value"]) }
        let chosen = try requested.map { text -> AccountabilityRules.Sanction in
            guard let sanction = AccountabilityRules.Sanction(rawValue: text), rules.sanctions.contains(sanction) else {
                throw DomainError.ruleViolation(rule: sanctionsRule, reason: "rule.accountability.sanction_not_in_catalogue")
            }
            return sanction
        }
        if chosen.count > 1, !rules.sanctionsCombinable {
            throw DomainError.ruleViolation(rule: combinableRule, reason: "rule.accountability.sanctions_not_combinable")
        }
        return chosen
    }

    /// ACC-08: a decision needs the statement and defence of every person concerned (or, for a case
    /// against a department alone, at least one statement).
    public static func requireHearing(persons: Set<UUID>, heard: Set<UUID>, statements: Int) throws {
        let complete = persons.isEmpty ? statements > 0 : persons.isSubset(of: heard)
        guard complete else { throw DomainError.ruleViolation(rule: hearingRule, reason: "rule.accountability.statement_before_decision") }
    }

    /// ACC-10 / ACC-35: the last instant an appeal is accepted, counted from the decision.
    public static func appealDeadline(decidedAt: Date, rules: AccountabilityRules, calendar: BusinessCalendar) -> Date {
        calendar.deadline(from: decidedAt, adding: rules.appealWithin)
    }

    /// ACC-10: an appeal after the deadline is refused with the rule key.
    public static func requireWithinAppealWindow(now: Date, deadline: Date) throws {
        guard now <= deadline else { throw DomainError.ruleViolation(rule: appealRule, reason: "rule.accountability.appeal_window_passed") }
    }
}
