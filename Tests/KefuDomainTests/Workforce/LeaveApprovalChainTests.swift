import Foundation
@testable import KefuDomain
import Testing

/// The one chain function the leave form's preview and the filing both call (LV-07, LV-16).
@Suite("Leave approval chain")
struct LeaveApprovalChainTests {
    let rules: LeaveRules

    init() throws { rules = try RulebookFixture.standard().leave }

    @Test("LV-07 one day or less goes to the CS director, more than one day to the center director; the band that chose says so")
    func byLength() {
        for (days, role) in [(Decimal(0.5), Role.csDirector), (1, .csDirector), (2, .centerDirector), (30, .centerDirector)] {
            let chain = LeaveApprovalChain.chain(rules: rules, type: .personal, days: days)
            #expect(chain.steps.map(\.role) == [role])
            #expect(chain.ruleKey == LeaveApprovalChain.byDaysRule)
            #expect(LeaveApprovalChain.band(rules: rules, type: .personal, days: days)?.role == role)
        }
    }

    @Test("LV-16 official business and study go to the center director whatever their length, with no band")
    func official() {
        for type in [LeaveType.officialBusiness, .study] {
            let chain = LeaveApprovalChain.chain(rules: rules, type: type, days: 1)
            #expect(chain.steps.map(\.role) == [.centerDirector])
            #expect(chain.ruleKey == LeaveApprovalChain.officialRule)
            #expect(LeaveApprovalChain.band(rules: rules, type: type, days: 1) == nil)
        }
    }
}

@Suite("Approval comments")
struct ApprovalCommentTests {
    @Test("A rejection needs a reason; a blank approval comment is none; more than 1000 characters is refused")
    func rules() throws {
        #expect(throws: DomainError.validation(fields: ["comment": "error.field.required"])) { try ApprovalComment.check("  ", for: .reject) }
        #expect(try ApprovalComment.check(" ", for: .approve) == nil)
        #expect(try ApprovalComment.check(" 同意 ", for: .approve) == "同意")
        #expect(throws: DomainError.validation(fields: ["comment": "error.field.too_long"])) {
            try ApprovalComment.check(String(repeating: "字", count: 1001), for: .approve)
        }
    }
}
