import Foundation
import Testing
@testable import KefuDomain

/// When a complaint form closes (REQUIREMENTS §4 workflow: … → 答复客户 → 结案), and the other choices the
/// complaint page no longer makes for the person (issue 21 item 6).
@Suite("Complaints: closing conditions, approved return quantity, task department")
struct ComplaintClosingTests {
    static let rules = try! Rulebook.load(defaults: DefaultRulebook.text, override: nil).complaints
    let owner = UUID()

    /// A complaint case accepted at t0 and resolved an hour later.
    func resolvedComplaint() throws -> ServiceCase {
        var complaint = ServiceCase(number: "TS-20261123-0001", type: .complaint, channel: .phone, ownerID: owner, createdAt: .t0)
        try complaint.assign(to: owner)
        try complaint.resolve(at: .t0 + 3_600)
        return complaint
    }

    @Test("CMP-24 a complaint with a department's task still open does not close (422 complaints.close_requires)")
    func openTaskRefuses() throws {
        // given: answered, but R&D's investigation is still open
        var complaint = try resolvedComplaint()
        let facts = ComplaintClosingFacts(openTasks: 1, answeredAt: .t0 + 7_200)
        // when / then
        #expect(throws: DomainError.ruleViolation(rule: "complaints.close_requires", reason: "rule.complaints.close_tasks_open")) {
            try complaint.close(complaint: facts, rules: Self.rules, at: .t0 + 10_800)
        }
        #expect(complaint.status == .resolved)
        #expect(ComplaintClosing.unmet(facts, rules: Self.rules, at: .t0 + 10_800) == [.tasksDone])
    }

    @Test("CMP-25 a complaint whose customer has not been told the conclusion does not close")
    func unansweredRefuses() throws {
        var complaint = try resolvedComplaint()
        let facts = ComplaintClosingFacts(openTasks: 0, answeredAt: nil)
        #expect(throws: DomainError.ruleViolation(rule: "complaints.close_requires", reason: "rule.complaints.close_unanswered")) {
            try complaint.close(complaint: facts, rules: Self.rules, at: .t0 + 10_800)
        }
        // An answer dated after `now` has not been given yet.
        #expect(ComplaintClosing.unmet(ComplaintClosingFacts(openTasks: 0, answeredAt: .t0 + 20_000), rules: Self.rules, at: .t0 + 10_800)
                == [.customerAnswered])
    }

    @Test("CMP-24 CMP-25 both missing: the tasks are named first, as the rulebook lists them")
    func bothMissing() {
        let facts = ComplaintClosingFacts(openTasks: 2, answeredAt: nil)
        #expect(ComplaintClosing.unmet(facts, rules: Self.rules, at: .t0) == [.tasksDone, .customerAnswered])
    }

    @Test("CMP-30 tasks done and the customer answered: the complaint closes, its return visit still to come, even after the six days")
    func closesWithoutReturnVisit() throws {
        // given: resolved, tasks done, answered; nothing about the return visit is asked
        var complaint = try resolvedComplaint()
        let facts = ComplaintClosingFacts(openTasks: 0, answeredAt: .t0 + 7_200)
        // when: closed on day 8 (late against CMP-30's six days, which a clock reports, not a refusal)
        let late = Date.t0 + 8 * 86_400
        try complaint.close(complaint: facts, rules: Self.rules, at: late)
        // then
        #expect(complaint.status == .closed)
        #expect(complaint.closedAt == late)
    }

    @Test("CMP-24 closing is still the case's status machine: an unresolved complaint is 409, not a rule")
    func unresolvedIsConflict() {
        var complaint = ServiceCase(number: "TS-20261123-0002", type: .complaint, channel: .phone, ownerID: owner, createdAt: .t0)
        #expect(throws: DomainError.invalidTransition(from: "new", to: "closed")) {
            try complaint.close(complaint: ComplaintClosingFacts(openTasks: 0, answeredAt: .t0), rules: Self.rules, at: .t0)
        }
    }

    @Test("CMP-24 CMP-25 an organization may require only the answer (complaints.close_requires: [customer_answered])")
    func rulebookListsConditions() throws {
        let override = "complaints:\n  close_requires: [customer_answered]\n"
        let rules = try Rulebook.load(defaults: DefaultRulebook.text, override: override).complaints
        #expect(rules.closeRequires == [.customerAnswered])
        #expect(Self.rules.closeRequires == [.tasksDone, .customerAnswered])
        #expect(ComplaintClosing.unmet(ComplaintClosingFacts(openTasks: 3, answeredAt: .t0), rules: rules, at: .t0).isEmpty)
    }

    @Test("CMP-24 a closed complaint's tasks take no result, reminder or addition (409: invalid in the closed state)")
    func closedTasksAreFinal() throws {
        #expect(throws: DomainError.conflict(reason: "rule.complaints.closed_tasks_final")) {
            try ComplaintClosing.checkTaskAction(caseStatus: .closed)
        }
        try ComplaintClosing.checkTaskAction(caseStatus: .resolved)
        try ComplaintClosing.checkTaskAction(caseStatus: .inProgress)
    }

    @Test("CMP-38 a compensation (赔款) records no approved return quantity; a return records only the one entered", arguments: [
        (ComplaintSettlementMethod.compensation, Int?.none, Int?.none), (.discount, nil, nil), (.notEstablished, nil, nil),
        (.returnGoods, 5, 5), (.reprocess, 2, 2),
    ])
    func returnQuantity(method: ComplaintSettlementMethod, entered: Int?, recorded: Int?) throws {
        #expect(try method.approvedReturnQuantity(entered) == recorded)
    }

    @Test("CMP-38 a return needs its quantity; a compensation refuses one")
    func returnQuantityRefusals() {
        #expect(throws: DomainError.validation(fields: ["return_qty": "error.complaint.return_qty_required"])) {
            try ComplaintSettlementMethod.returnGoods.approvedReturnQuantity(nil)
        }
        #expect(throws: DomainError.validation(fields: ["return_qty": "error.complaint.return_qty_not_for_method"])) {
            try ComplaintSettlementMethod.compensation.approvedReturnQuantity(1)
        }
    }

    @Test("CMP-05 核查订单资料 goes to the one marketing department (营销部); with two of that kind the person chooses")
    func taskDepartment() {
        let marketing = UUID(), sales = UUID(), hr = UUID(), secondMarketing = UUID()
        let departments: [(id: UUID, kind: DepartmentKind)] = [(hr, .hr), (sales, .sales), (marketing, .marketing)]
        #expect(ComplaintTaskKind.verifyOrder.defaultDepartment(among: departments) == marketing)
        #expect(ComplaintTaskKind.receivable.defaultDepartment(among: departments) == sales)
        #expect(ComplaintTaskKind.investigation.defaultDepartment(among: departments) == nil)
        #expect(ComplaintTaskKind.verifyOrder.defaultDepartment(among: departments + [(secondMarketing, .marketing)]) == nil)
    }
}
