import Foundation
import Testing
@testable import KefuDomain

@Suite("Approvals engine (domain)")
struct ApprovalTests {
    let requester = UUID()
    let now = Date(timeIntervalSince1970: 1_795_399_200)

    func twoStep(department: UUID? = nil) -> Approval {
        let chain = ApprovalChain(steps: [ApprovalStepSpec(role: .teamLeader, departmentID: department), ApprovalStepSpec(role: .csDirector)],
                                  ruleKey: "example.two_step")
        return Approval.start(chain: chain, subjectType: "example", subjectID: UUID(), requestedBy: requester,
                              rulebookVersion: "v1", at: now)
    }

    func decider(_ roles: Set<Role>, department: UUID? = nil) -> Decider {
        Decider(userID: UUID(), roles: roles, departmentID: department)
    }

    @Test("A new approval is pending at its first step; later steps wait")
    func startsAtFirstStep() {
        let approval = twoStep()
        #expect(approval.state == .pending)
        #expect(approval.steps.map(\.state) == [.pending, .waiting])
        #expect(approval.currentStep?.role == .teamLeader)
        #expect(approval.ruleKey == "example.two_step")
    }

    @Test("Approving every step in order approves the request")
    func approveAll() throws {
        var approval = twoStep()
        try approval.decide(.approve, by: decider([.teamLeader]), comment: "ok", at: now)
        #expect(approval.state == .pending)
        #expect(approval.currentStep?.role == .csDirector)
        try approval.decide(.approve, by: decider([.csDirector]), comment: nil, at: now)
        #expect(approval.state == .approved)
        #expect(approval.decidedAt == now)
        #expect(approval.version == 3)
    }

    @Test("A rejection ends the request and skips the steps after it")
    func rejectSkips() throws {
        var approval = twoStep()
        try approval.decide(.reject, by: decider([.teamLeader]), comment: "no", at: now)
        #expect(approval.state == .rejected)
        #expect(approval.steps.map(\.state) == [.rejected, .skipped])
    }

    @Test("Deciding without the step's role is forbidden (403)")
    func wrongRole() {
        var approval = twoStep()
        #expect(throws: DomainError.forbidden(reason: "approval.role_required")) {
            try approval.decide(.approve, by: decider([.csDirector, .agent]), comment: nil, at: now)
        }
    }

    @Test("Deciding twice is a conflict (409)")
    func decideTwice() throws {
        var approval = twoStep()
        try approval.decide(.reject, by: decider([.teamLeader]), comment: "no", at: now)
        #expect(throws: DomainError.conflict(reason: "approval.already_decided")) {
            try approval.decide(.approve, by: decider([.teamLeader]), comment: nil, at: now)
        }
    }

    @Test("Nobody decides their own request, whatever their roles")
    func ownRequest() {
        var approval = twoStep()
        let own = Decider(userID: requester, roles: [.teamLeader], departmentID: nil)
        #expect(!approval.canDecide(own))
        #expect(throws: DomainError.forbidden(reason: "approval.own_request")) {
            try approval.decide(.approve, by: own, comment: nil, at: now)
        }
    }

    @Test("A department-bound step is decided only by that department's holder of the role")
    func departmentBound() throws {
        let department = UUID()
        var approval = twoStep(department: department)
        #expect(!approval.canDecide(decider([.teamLeader], department: UUID())))
        try approval.decide(.approve, by: decider([.teamLeader], department: department), comment: nil, at: now)
        #expect(approval.currentStep?.role == .csDirector)
    }

    @Test("The requester may withdraw a pending request, nobody else")
    func withdraw() throws {
        var approval = twoStep()
        #expect(throws: DomainError.forbidden(reason: "approval.not_requester")) { try approval.withdraw(by: UUID(), at: now) }
        try approval.withdraw(by: requester, at: now)
        #expect(approval.state == .withdrawn)
        #expect(approval.steps.allSatisfy { $0.state == .skipped })
    }
}
