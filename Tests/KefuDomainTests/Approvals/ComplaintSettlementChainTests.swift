import Foundation
import Testing
@testable import KefuDomain

/// The example chain plugged into the engine: complaint settlements by amount (CMP-32).
@Suite("CMP-32 complaint settlement chain")
struct ComplaintSettlementChainTests {
    static let defaults = try! Rulebook.load(defaults: DefaultRulebook.text, override: nil)

    @Test("CMP-32 the settlement chain names the approver of each amount band", arguments: [
        (Decimal(999.99), Role.salesManager), (Decimal(1000), .vp), (Decimal(3000), .vp), (Decimal(5000), .vp), (Decimal(5000.01), .gm),
    ])
    func bands(amount: Decimal, role: Role) {
        let chain = ComplaintSettlementChain.chain(rulebook: Self.defaults, amount: amount)
        #expect(chain.steps == [ApprovalStepSpec(role: role)])
        #expect(chain.ruleKey == "complaints.approval_bands")
    }

    @Test("CMP-32 a settlement of 3000 needs the vice president: the sales manager cannot approve it")
    func threeThousand() throws {
        let chain = ComplaintSettlementChain.chain(rulebook: Self.defaults, amount: 3000)
        var approval = Approval.start(chain: chain, subjectType: "complaint_decision", subjectID: UUID(), requestedBy: UUID(),
                                      rulebookVersion: Self.defaults.versionShort, at: .t0)
        #expect(throws: DomainError.forbidden(reason: "approval.role_required")) {
            try approval.decide(.approve, by: Decider(userID: UUID(), roles: [.salesManager], departmentID: nil), comment: nil, at: .t0)
        }
        try approval.decide(.approve, by: Decider(userID: UUID(), roles: [.vp], departmentID: nil), comment: nil, at: .t0)
        #expect(approval.state == .approved)
    }
}

/// The default rulebook text, read from the package's Resources folder.
enum DefaultRulebook {
    static let text: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Resources/Rulebook/default.yaml")
        return try! String(contentsOf: url, encoding: .utf8)
    }()
}
