import Foundation
@testable import KefuDomain
import Testing

@Suite("Quality inspection (质检): scorecards, quota and sampling in the domain")
struct QualityScorecardTests {
    static let callScores = [("service_phrases", 10), ("service_attitude", 10), ("tone", 5), ("needs_summary", 10), ("adaptability", 10)]
        .map { QualityScoreInput(criterion: $0.0, score: $0.1) }

    @Test("QA-03 the 服务质量综合考评表 scores the five criteria with their weights; a low one is a finding")
    func callScorecard() throws {
        let rules = try RulebookFixture.standard().quality
        #expect(rules.criteria(of: .call).map(\.code) == ["service_phrases", "service_attitude", "tone", "needs_summary", "adaptability"])
        let result = try QualityScorecard.score(Self.callScores, form: .call, rules: rules)
        #expect(result.total == 92.5)
        #expect(result.findings.map(\.criterion.code) == ["tone"])
    }

    @Test("QA-11 chat cases are scored on greeting, closing, attitude, phrases and business knowledge")
    func chatScorecard() throws {
        let rules = try RulebookFixture.standard().quality
        #expect(rules.form(forChannel: "chat") == .chat)
        #expect(rules.form(forChannel: "phone") == .call)
        #expect(rules.criteria(of: .chat).map(\.code) == ["chat_greeting", "chat_closing", "chat_attitude", "chat_phrases", "chat_knowledge"])
    }

    @Test("QA-03 a score outside the scale, an unknown or a missing criterion is refused with its field")
    func badScores() throws {
        let rules = try RulebookFixture.standard().quality
        var input = Self.callScores
        input[0].score = 11
        input.append(QualityScoreInput(criterion: "smile", score: 3))
        input.remove(at: 4)
        #expect(throws: DomainError.validation(fields: ["scores.service_phrases": "error.qa.score_out_of_scale",
                                                        "scores.smile": "error.qa.unknown_criterion",
                                                        "scores.adaptability": "error.field.required"])) {
            try QualityScorecard.score(input, form: .call, rules: rules)
        }
    }

    @Test("QA-02 the monthly quota is configurable from 1 to 5")
    func quotaRange() throws {
        #expect(try RulebookFixture.standard().quality.monthlyQuota == 3)
        #expect(try RulebookFixture.load("quality: {monthly_quota: 5}").quality.monthlyQuota == 5)
        #expect(try RulebookFixture.error("quality: {monthly_quota: 6}") != nil)
        #expect(try RulebookFixture.error("quality: {monthly_quota: 0}") != nil)
        #expect(QualityQuota(done: 2, quota: 3).isBelow)
        #expect(QualityQuota(done: 2, quota: 3).remaining == 1)
        #expect(!QualityQuota(done: 3, quota: 3).isBelow)
    }

    @Test("QA-02 the sampler's pick is random but stable for a seed")
    func sampler() {
        let ids = (0..<20).map { "case-\($0)" }
        let first = QualitySampler.pick(ids, count: 3, seed: "agent|2026-11")
        #expect(first.count == 3)
        #expect(first == QualitySampler.pick(ids, count: 3, seed: "agent|2026-11"))
        #expect(QualitySampler.pick(ids, count: 0, seed: "x").isEmpty)
    }

    @Test("QA-05 weeks start on Monday; QA-04 months are YYYY-MM")
    func periods() {
        #expect(QualityPeriod.weekStart(of: LocalDate(year: 2026, month: 11, day: 23)).description == "2026-11-23")
        #expect(QualityPeriod.weekStart(of: LocalDate(year: 2026, month: 11, day: 29)).description == "2026-11-23")
        #expect(QualityPeriod.weekStart(of: LocalDate(year: 2026, month: 11, day: 22)).description == "2026-11-16")
        #expect(QualityPeriod.month(of: LocalDate(year: 2026, month: 1, day: 9)) == "2026-01")
        #expect(QualityPeriod.firstDay(ofMonth: "2026-13") == nil)
    }
}
