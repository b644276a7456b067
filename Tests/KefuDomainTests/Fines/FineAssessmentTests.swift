import Foundation
import Testing
@testable import KefuDomain

@Suite("Fines: the violation catalogue's amount by occurrence in the month")
struct FineAssessmentTests {
    @Test("ATT-05/ATT-27 late or early: 10元 the first time, 20元 from the second (含二次) on", arguments: [(0, "10"), (1, "20"), (2, "20"), (7, "20")])
    func lateTiers(prior: Int, amount: String) throws {
        let result = try FineAssessment.assess(code: "late_or_early", priorOccurrences: prior, rules: RulebookFixture.standard().fines)
        #expect(result.occurrence == prior + 1)
        #expect(result.amount == Decimal(string: amount))
        #expect(!result.isDismissal)
    }

    @Test("ATT-10/ATT-30 private landline calls: 50元, 100元, then dismissal (开除)")
    func landlineDismissal() throws {
        let rules = try RulebookFixture.standard().fines
        #expect(try FineAssessment.assess(code: "private_landline_call", priorOccurrences: 0, rules: rules).amount == 50)
        #expect(try FineAssessment.assess(code: "private_landline_call", priorOccurrences: 1, rules: rules).amount == 100)
        let third = try FineAssessment.assess(code: "private_landline_call", priorOccurrences: 2, rules: rules)
        #expect(third.isDismissal)
        #expect(third.amount == nil)
    }

    @Test("ATT-31 a code outside the catalogue is refused naming fines.catalogue")
    func unknownCode() throws {
        #expect(throws: DomainError.ruleViolation(rule: "fines.catalogue", reason: "error.fines.unknown_code")) {
            try FineAssessment.assess(code: "smoking", priorOccurrences: 0, rules: RulebookFixture.standard().fines)
        }
    }

    @Test("ATT-06/ATT-27 (C5) an organization with the flat 20元 variant configures the catalogue")
    func flatVariant() throws {
        var rules = try RulebookFixture.standard().fines
        rules.catalogue["late_or_early"]?.amounts = [20]
        #expect(try FineAssessment.assess(code: "late_or_early", priorOccurrences: 0, rules: rules).amount == 20)
        #expect(try FineAssessment.assess(code: "late_or_early", priorOccurrences: 3, rules: rules).amount == 20)
    }
}
