import Foundation
import Testing
@testable import KefuDomain

@Suite("Rulebook: complaints, return visits, surveys, escalation")
struct RulebookComplaintTests {
    @Test("CMP-32 a settlement of 3000 needs the vice president")
    func settlementOf3000() throws {
        // given
        let rules = try RulebookFixture.standard().complaints
        // when
        let role = rules.approvalRole(forAmount: 3000)
        // then
        #expect(role == .vp)
    }

    @Test("CMP-32 the band edges 1000 and 5000 go to the vice president")
    func bandEdges() throws {
        let rules = try RulebookFixture.standard().complaints
        #expect(rules.approvalRole(forAmount: 1000) == .vp)
        #expect(rules.approvalRole(forAmount: 5000) == .vp)
    }

    @Test("CMP-32 below 1000 the sales manager approves, above 5000 the general manager",
          arguments: [(Decimal(0), Role.salesManager), (Decimal(string: "999.99")!, .salesManager),
                      (Decimal(string: "5000.01")!, .gm), (Decimal(1_000_000), .gm)])
    func outerBands(amount: Decimal, role: Role) throws {
        #expect(try RulebookFixture.standard().complaints.approvalRole(forAmount: amount) == role)
    }

    @Test("CMP-22 complaints are dispatched within 60 natural minutes by default")
    func dispatchWithin() throws {
        #expect(try RulebookFixture.standard().complaints.dispatchWithin == DurationSpec(value: 60, unit: .minutes))
    }

    @Test("CMP-15 the investigation report reaches the vice president within 3 natural days")
    func reportWithin() throws {
        let rules = try RulebookFixture.standard().complaints
        #expect(rules.reportWithin == DurationSpec(value: 3, unit: .naturalDays))
        #expect(rules.reportTo == .vp)
    }

    @Test("CMP-30 a complaint form is closed within 6 natural days")
    func closeWithin() throws {
        #expect(try RulebookFixture.standard().complaints.closeWithin == DurationSpec(value: 6, unit: .naturalDays))
    }

    @Test("CMP-31 every department step of the complaint flow has a deadline")
    func stepDeadlines() throws {
        let steps = try RulebookFixture.standard().complaints.stepDeadlines
        #expect(Set(steps.keys) == Set(ComplaintRules.Step.allCases))
        #expect(steps[.rnd] == DurationSpec(value: 2, unit: .naturalDays))
    }

    @Test("CMP-29 complaints are routed by severity to team leader, CS director and vice president")
    func severityRouting() throws {
        let rules = try RulebookFixture.standard().complaints
        #expect(rules.handlerRole(for: .general) == .teamLeader)
        #expect(rules.handlerRole(for: .important) == .csDirector)
        #expect(rules.handlerRole(for: .major) == .vp)
    }

    @Test("CMP-40 last month's complaints are reviewed by the 10th")
    func monthlyReview() throws {
        #expect(try RulebookFixture.standard().complaints.monthlyReviewDay == 10)
    }

    @Test("CMP-02 case numbers follow the pattern prefix-date-sequence")
    func numbering() throws {
        let numbering = try RulebookFixture.standard().numbering
        let number = numbering.number(caseType: "complaint", on: LocalDate(year: 2026, month: 11, day: 23), sequence: 7)
        #expect(number == "KS-20261123-0007")
        #expect(Set(numbering.prefixes.keys) == Set(NumberingRules.caseTypes))
        #expect(numbering.number(caseType: "no_such_type", on: LocalDate(year: 2026, month: 1, day: 1), sequence: 1) == nil)
    }

    @Test("CHN-16 online customers get a first response within 60 seconds")
    func chatFirstResponse() throws {
        let deadlines = try RulebookFixture.standard().deadlines
        #expect(deadlines.chatFirstResponseWithin == DurationSpec(value: 60, unit: .seconds))
        #expect(deadlines.warnAtPercent == 80)
        #expect(deadlines.scanIntervalSeconds == 30)
    }

    @Test("ESC-13 escalation goes agent, team leader, shift leader, CS director, center director")
    func escalationChain() throws {
        let escalation = try RulebookFixture.standard().escalation
        #expect(escalation.chain == [.agent, .teamLeader, .shiftLeader, .csDirector, .centerDirector])
        #expect(escalation.next(above: .agent) == .teamLeader)
        #expect(escalation.next(above: .centerDirector) == nil)
    }

    @Test("RTV-01 a return visit is due within 72 natural hours")
    func returnVisitDue() throws {
        #expect(try RulebookFixture.standard().returnVisits.dueWithin == DurationSpec(value: 72, unit: .hours))
    }

    @Test("RTV-02 the return-visit rate target is 100 percent")
    func returnVisitRate() throws {
        #expect(try RulebookFixture.standard().returnVisits.targetRatePercent == 100)
    }

    @Test("RTV-03 a visit may be closed after 3 failed attempts by default")
    func maxAttemptsDefault() throws {
        #expect(try RulebookFixture.standard().returnVisits.maxAttempts == 3)
    }

    @Test("RTV-03 up to 5 attempts may be configured")
    func maxAttemptsFive() throws {
        #expect(try RulebookFixture.load("return_visits: {max_attempts: 5}").returnVisits.maxAttempts == 5)
    }

    @Test("RTV-03 6 attempts are refused")
    func maxAttemptsSix() throws {
        // given
        let override = """
        return_visits:
          max_attempts: 6
        """
        // when
        let error = try #require(try RulebookFixture.error(override))
        // then
        #expect(error.file == "rulebook.yaml")
        #expect(error.line == 2)
        #expect(error.key == "return_visits.max_attempts")
        #expect(error.expected == "an integer from 3 to 5")
    }

    @Test("RTV-08 member customers are always visited, others per coverage")
    func coverage() throws {
        let all = try RulebookFixture.standard().returnVisits
        #expect(all.coverage == .all)
        #expect(all.covers(customerIsMember: false))
        let members = try RulebookFixture.load("return_visits: {coverage: members_only}").returnVisits
        #expect(members.covers(customerIsMember: true))
        #expect(!members.covers(customerIsMember: false))
    }

    @Test("RTV-07 return visits avoid the customer's rest times")
    func doNotCall() throws {
        let rules = try RulebookFixture.standard().returnVisits
        #expect(rules.isDoNotCall(LocalTime(hour: 12, minute: 30)))
        #expect(!rules.isDoNotCall(LocalTime(hour: 10, minute: 0)))
        #expect(rules.unresolvedFeedbackTo == .csDirector)
    }

    @Test("SAT-06 surveys use the 4-level scale")
    func surveyScale() throws {
        let scale = try RulebookFixture.standard().surveys.scale
        #expect(scale == .fourLevel)
        #expect(scale.levels == ["very_satisfied", "satisfied", "average", "poor"])
    }
}
