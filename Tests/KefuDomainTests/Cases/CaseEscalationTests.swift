import Foundation
import Testing
@testable import KefuDomain

@Suite("Cases: escalation up the chain")
struct CaseEscalationRuleTests {
    /// An organization's chain (ESC-13 is configurable: C11); the default's shape, with one level changed.
    let chain: [Role] = [.teamLeader, .shiftLeader, .csDirector, .vp]

    @Test("ESC-06 an escalation goes one level up at a time")
    func oneLevel() throws {
        let step = try CaseEscalation.next(status: .inProgress, level: 0, emergency: false, chain: chain)
        #expect(step == CaseEscalation.Step(level: 1, role: .shiftLeader, skipped: nil))
        let again = try CaseEscalation.next(status: .pendingCustomer, level: 1, emergency: false, chain: chain)
        #expect(again.role == .csDirector)
    }

    @Test("ESC-06 in an emergency one level is skipped and the skipped superior is named to be told afterwards")
    func emergencySkipsOne() throws {
        let step = try CaseEscalation.next(status: .inProgress, level: 0, emergency: true, chain: chain)
        #expect(step == CaseEscalation.Step(level: 2, role: .csDirector, skipped: .shiftLeader))
    }

    @Test("ESC-13 the chain is the organization's: a shorter chain ends sooner, and above its top the rule is named")
    func topOfChain() throws {
        #expect(throws: DomainError.ruleViolation(rule: "escalation.chain", reason: "rule.escalation.top_reached")) {
            try CaseEscalation.next(status: .pendingCustomer, level: 3, emergency: false, chain: chain)
        }
        #expect(throws: DomainError.ruleViolation(rule: "escalation.chain", reason: "rule.escalation.top_reached")) {
            try CaseEscalation.next(status: .inProgress, level: 2, emergency: true, chain: chain)
        }
        let short: [Role] = [.teamLeader, .csDirector]
        #expect(try CaseEscalation.next(status: .new, level: 0, emergency: false, chain: short).role == .csDirector)
        #expect(throws: DomainError.self) { try CaseEscalation.next(status: .new, level: 1, emergency: false, chain: short) }
    }

    @Test("ESC-06 a resolved or closed case is not escalated")
    func onlyOpenCases() {
        for status in [CaseStatus.resolved, .closed] {
            #expect(throws: DomainError.invalidTransition(from: status.rawValue, to: "escalated")) {
                try CaseEscalation.next(status: status, level: 0, emergency: false, chain: chain)
            }
        }
    }
}
