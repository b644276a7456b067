import Foundation
import Testing
@testable import KefuDomain

/// The promotion ladder's criteria and the demotion checks (PRM-02..12), on the default rulebook.
@Suite("Promotion ladder (PRM)")
struct PromotionLadderTests {
    let rulebook: Rulebook
    init() throws { rulebook = try RulebookFixture.standard() }

    func check(_ history: PromotionHistory, _ target: Grade) -> [PromotionCriterionResult] {
        PromotionLadder.check(history, to: target, pay: rulebook.payGrades[target]!, rules: rulebook.promotion)
    }
    func unmet(_ results: [PromotionCriterionResult]) -> [PromotionCriterionResult.Criterion] { results.filter { !$0.met }.map(\.criterion) }

    @Test("PRM-03 the ladder goes probation → junior → intermediate → senior → reserve supervisor and stops there")
    func ladder() {
        #expect(PromotionLadder.next(after: .probation) == .junior)
        #expect(PromotionLadder.next(after: .senior) == .reserveSupervisor)
        #expect(PromotionLadder.next(after: .reserveSupervisor) == nil)
    }

    @Test("PRM-02 a promotion is one level at a time")
    func oneLevel() {
        let history = PromotionHistory(grade: .junior, monthsOfService: 24, excellentTitles: 3, quarterlyGrades: ["A", "A", "A"],
                                       monthlyRanks: Array(repeating: 1, count: 12), failedMonths: [false])
        #expect(unmet(check(history, .senior)) == [.oneLevel])
        #expect(unmet(check(history, .intermediate)).isEmpty)
    }

    @Test("PRM-06 PRM-14 a probationer becomes junior after a passed evaluation and with no disciplinary violation")
    func junior() {
        #expect(unmet(check(PromotionHistory(grade: .probation, monthsOfService: 2, failedMonths: [false]), .junior)).isEmpty)
        #expect(unmet(check(PromotionHistory(grade: .probation, monthsOfService: 2, failedMonths: [true], violations: 1), .junior))
                == [.noViolations, .lastMonthPassed])
    }

    @Test("PRM-08 intermediate needs 3 months, one quarterly A and a monthly average in the top three")
    func intermediate() {
        let ok = PromotionHistory(grade: .junior, monthsOfService: 4, quarterlyGrades: ["B", "A"], monthlyRanks: [5, 2, 3, 1])
        #expect(unmet(check(ok, .intermediate)).isEmpty)
        let short = PromotionHistory(grade: .junior, monthsOfService: 2, quarterlyGrades: ["B"], monthlyRanks: [4, 5])
        let results = check(short, .intermediate)
        #expect(unmet(results) == [.monthsOfService, .quarterlyAGrades, .topRank])
        #expect(results.first { $0.criterion == .topRank }?.actual == "-")   // two months cannot show a 3-month average
        let outside = PromotionHistory(grade: .junior, monthsOfService: 4, quarterlyGrades: ["A"], monthlyRanks: [4, 5, 3])
        #expect(check(outside, .intermediate).first { $0.criterion == .topRank }?.actual == "4.0")
    }

    @Test("PRM-10 senior needs 6 months, an excellent-agent title and two consecutive quarterly A grades")
    func senior() {
        let base = PromotionHistory(grade: .intermediate, monthsOfService: 8, excellentTitles: 1, quarterlyGrades: ["A", "B", "A", "A"],
                                    monthlyRanks: [2, 1, 3, 2, 1, 2])
        #expect(unmet(check(base, .senior)).isEmpty)
        var broken = base
        broken.quarterlyGrades = ["A", "A", "B", "A"]
        broken.excellentTitles = 0
        #expect(unmet(check(broken, .senior)) == [.excellentTitles, .quarterlyAGrades])
    }

    @Test("PRM-12 reserve supervisor needs 12 months, three titles and three quarterly A grades")
    func reserve() {
        let history = PromotionHistory(grade: .senior, monthsOfService: 13, excellentTitles: 2, quarterlyGrades: ["A", "B", "A", "A"],
                                       monthlyRanks: Array(repeating: 2, count: 12))
        #expect(unmet(check(history, .reserveSupervisor)) == [.excellentTitles])
    }

    @Test("PRM-09 an intermediate agent is demoted after three consecutive months outside the top three or two quarterly Bs")
    func demoteIntermediate() {
        let rules = rulebook.promotion
        #expect(PromotionLadder.demotionDue(PromotionHistory(grade: .intermediate, monthsOfService: 9, monthlyRanks: [4, 5, 6]), rules: rules) == "months_outside_top")
        #expect(PromotionLadder.demotionDue(PromotionHistory(grade: .intermediate, monthsOfService: 9, monthlyRanks: [4, 2, 6]), rules: rules) == nil)
        #expect(PromotionLadder.demotionDue(PromotionHistory(grade: .intermediate, monthsOfService: 9, quarterlyGrades: ["B", "B"]), rules: rules) == "quarterly_b")
        #expect(PromotionLadder.demotionDue(PromotionHistory(grade: .intermediate, monthsOfService: 9, quarterlyGrades: ["A", "C"]), rules: rules) == "quarterly_below_b")
    }

    @Test("PRM-11 a senior agent is demoted after three months outside the top three within the year, not necessarily consecutive")
    func demoteSenior() {
        let rules = rulebook.promotion
        #expect(PromotionLadder.demotionDue(PromotionHistory(grade: .senior, monthsOfService: 20, monthlyRanks: [4, 1, 5, 2, 6]), rules: rules) == "months_outside_top")
        #expect(PromotionLadder.demotionDue(PromotionHistory(grade: .senior, monthsOfService: 20, monthlyRanks: [4, 1, 5, 2, 1]), rules: rules) == nil)
        #expect(PromotionLadder.demotionDue(PromotionHistory(grade: .junior, monthsOfService: 20, monthlyRanks: [9, 9, 9]), rules: rules) == nil)
    }

    @Test("PRM-07 a junior agent with three consecutive failed monthly evaluations may be dismissed")
    func dismissal() {
        let rules = rulebook.promotion
        #expect(PromotionLadder.dismissalEligible(PromotionHistory(grade: .junior, monthsOfService: 5, failedMonths: [false, true, true, true]), rules: rules))
        #expect(!PromotionLadder.dismissalEligible(PromotionHistory(grade: .junior, monthsOfService: 5, failedMonths: [true, false, true, true]), rules: rules))
    }

    @Test("PRM-17 each grade has its monthly pay")
    func pay() {
        #expect(rulebook.payGrades[.probation]?.monthlyPay == 1800)
        #expect(rulebook.payGrades[.reserveSupervisor]?.monthlyPay == 4000)
    }
}
