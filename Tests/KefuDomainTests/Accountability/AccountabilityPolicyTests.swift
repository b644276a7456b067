import Foundation
import Testing
@testable import KefuDomain

@Suite("Accountability policy: sanctions catalogue, hearing, appeal window")
struct AccountabilityPolicyTests {
    @Test("ACC-07/ACC-36 the CS catalogue allows combined sanctions by default and refuses one outside it")
    func catalogue() throws {
        let rules = try RulebookFixture.standard().accountability
        #expect(try AccountabilityPolicy.sanctions(["admonishment_talk", "fine"], rules: rules) == [.admonishmentTalk, .fine])
        #expect(throws: DomainError.ruleViolation(rule: "accountability.sanctions", reason: "rule.accountability.sanction_not_in_catalogue")) {
            try AccountabilityPolicy.sanctions(["transfer"], rules: rules)
        }
        #expect(throws: DomainError.ruleViolation(rule: "accountability.sanctions", reason: "rule.accountability.sanction_not_in_catalogue")) {
            try AccountabilityPolicy.sanctions(["flogging"], rules: rules)
        }
    }

    @Test("ACC-36 when sanctions are not combinable only one may be imposed")
    func notCombinable() throws {
        var rules = try RulebookFixture.standard().accountability
        rules.sanctionsCombinable = false
        #expect(try AccountabilityPolicy.sanctions(["fine"], rules: rules) == [.fine])
        #expect(throws: DomainError.ruleViolation(rule: "accountability.sanctions_combinable", reason: "rule.accountability.sanctions_not_combinable")) {
            try AccountabilityPolicy.sanctions(["fine", "dismissal"], rules: rules)
        }
    }

    @Test("ACC-08 a decision needs every person's statement")
    func hearing() throws {
        let (a, b) = (UUID(), UUID())
        #expect(throws: DomainError.self) { try AccountabilityPolicy.requireHearing(persons: [a, b], heard: [a], statements: 1) }
        try AccountabilityPolicy.requireHearing(persons: [a, b], heard: [a, b], statements: 2)
        #expect(throws: DomainError.self) { try AccountabilityPolicy.requireHearing(persons: [], heard: [], statements: 0) }
    }

    @Test("ACC-10 the appeal window is 3 natural days from the decision")
    func appealWindow() throws {
        let rulebook = try RulebookFixture.standard()
        let decided = Date(timeIntervalSince1970: 1_795_399_200)
        let deadline = AccountabilityPolicy.appealDeadline(decidedAt: decided, rules: rulebook.accountability, calendar: rulebook.calendar)
        #expect(deadline == decided.addingTimeInterval(3 * 86_400))
        try AccountabilityPolicy.requireWithinAppealWindow(now: deadline, deadline: deadline)
        #expect(throws: DomainError.ruleViolation(rule: "accountability.appeal_within", reason: "rule.accountability.appeal_window_passed")) {
            try AccountabilityPolicy.requireWithinAppealWindow(now: deadline.addingTimeInterval(1), deadline: deadline)
        }
    }
}
