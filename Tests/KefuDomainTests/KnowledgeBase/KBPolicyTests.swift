import Foundation
import KefuDomain
import Testing

@Suite("KnowledgeBase policy: the editing flow and effective periods")
struct KBPolicyTests {
    @Test("KB-07 the editing flow allows each action only in its state", arguments: [
        (KBAction.read, KBEntryState.received, KBEntryState.drafting),
        (.submit, .drafting, .confirming),
        (.publish, .confirmed, .published),
    ])
    func flow(action: KBAction, from: KBEntryState, to: KBEntryState) throws {
        #expect(try KBPolicy.next(after: action, from: from, hasLiveVersion: false) == to)
    }

    @Test("KB-05 publishing before the confirmation is a rule violation; other actions out of turn are conflicts")
    func outOfTurn() {
        #expect(throws: DomainError.ruleViolation(rule: "knowledge_base.confirm_by", reason: "rule.kb.confirmation_required")) {
            try KBPolicy.next(after: .publish, from: .drafting, hasLiveVersion: false)
        }
        #expect(throws: DomainError.invalidTransition(from: "received", to: "submit")) {
            try KBPolicy.next(after: .submit, from: .received, hasLiveVersion: false)
        }
        #expect(throws: DomainError.invalidTransition(from: "drafting", to: "withdraw")) {
            try KBPolicy.next(after: .withdraw, from: .drafting, hasLiveVersion: false)
        }
    }

    @Test("KB-08 a version is in force from its start until before its end")
    func inForce() throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let end = start.addingTimeInterval(86_400)
        #expect(KBPolicy.isInForce(from: start, to: end, at: start))
        #expect(!KBPolicy.isInForce(from: start, to: end, at: end))
        #expect(!KBPolicy.isInForce(from: start, to: nil, at: start.addingTimeInterval(-1)))
        #expect(KBPolicy.isInForce(from: nil, to: nil, at: start))
        #expect(throws: DomainError.self) { try KBPolicy.checkPeriod(from: end, to: start) }
    }

    @Test("C20 PHR-01 the greeting template carries the organization's name")
    func greeting() throws {
        let greeting = try #require(PhraseDefaults.find("greeting_phone"))
        #expect(greeting.rendered(organization: "海尔斯科技") == "您好，这里是海尔斯科技，请问有什么可以帮您？")
        for category in [PhraseCategory.returnVisitSatisfied, .returnVisitAverage, .returnVisitUnsatisfied] {
            #expect(PhraseDefaults.all.contains { $0.category == category })
        }
    }
}
