import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What an approver reads about the complaint approvals: the settlement decision (CMP-32: method, amount,
/// reason, the case and its customer), the 签呈 (CMP-20), the discount certificate or return slip
/// (CMP-36/37) and the 奖罚通知单 (CMP-42). Each links to its form or document for the rest.
enum ComplaintApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: Complaints.decisionSubject, decisions)
        contexts.register(subjectType: ComplaintProgress.petitionSubject, petitions)
        contexts.register(subjectType: ComplaintSlipFlow.subject, slips)
        contexts.register(subjectType: ComplaintReviews.deductionSubject, deductions)
    }

    private static func complaints(_ approvals: [Approval], _ db: any Database) async throws -> [UUID: ComplaintRecord] {
        try await ComplaintRepository(db: db).forms(ids: approvals.map(\.subjectID))
    }

    static func yuan(_ amount: String?, _ asking: ApprovalContextRequest) -> String? {
        amount.map { asking.t("approvals.unit.yuan", [$0]) }
    }

    /// CMP-32: the decision the amount band sends to one approver.
    @Sendable static func decisions(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let complaints = try await complaints(approvals, asking.db)
        let cases = try await ApprovalCaseFacts.load(caseIDs: complaints.values.map(\.caseID), asking)
        let departmentIDs = Set(complaints.values.compactMap(\.responsibleDepartmentID))
        let departments = departmentIDs.isEmpty ? [:] : Dictionary(
            try await OrganizationRepository(db: asking.db).departments().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let complaint = complaints[approval.subjectID] else { continue }
            let method = complaint.decisionMethod.map { asking.t("complaint.method.\($0)") } ?? ""
            let amount = yuan(complaint.decisionAmount, asking) ?? ""
            var facts = [ApprovalFact(label: asking.t("complaint.method"), value: method),
                         ApprovalFact(label: asking.t("complaint.amount"), value: amount)]
            if let reason = complaint.decisionReason { facts.append(ApprovalFact(label: asking.t("approvals.fact.decision_reason"), value: reason)) }
            facts += cases.facts(complaint.caseID, asking)
            facts.append(ApprovalFact(label: asking.t("complaint.category"), value: asking.t("complaint.category.\(complaint.category)")))
            facts.append(ApprovalFact(label: asking.t("complaint.customer_request"), value: complaint.customerRequest))
            if let claim = yuan(complaint.claimAmount, asking) { facts.append(ApprovalFact(label: asking.t("complaint.claim_amount"), value: claim)) }
            if let department = complaint.responsibleDepartmentID.flatMap({ departments[$0] }) {
                facts.append(ApprovalFact(label: asking.t("complaint.responsible_department"), value: department))
            }
            if let quantity = complaint.returnQuantity { facts.append(ApprovalFact(label: asking.t("complaint.return_qty"), value: "\(quantity)")) }
            var band: String?
            if let value = complaint.decisionAmount.flatMap({ Decimal(string: $0) }),
               let chosen = asking.services.rulebook.complaints.approvalBands.band(for: value), chosen.role == approval.steps.first?.role {
                band = ApprovalRuleWords.band(chosen, unit: .yuan, asking.req)
            }
            let label = cases.caseLabel(complaint.caseID) ?? ""
            contexts[approval.id] = ApprovalContext(
                summary: [label, [method, amount].filter { !$0.isEmpty }.joined(separator: " ")].filter { !$0.isEmpty }.joined(separator: " · "),
                facts: facts, object: asking.t("approvals.complaint.decision_object", [cases.caseNumber(complaint.caseID) ?? "", method, amount]),
                band: band, link: "/cases/\(complaint.caseID)/complaint")
        }
        return contexts
    }

    /// CMP-20: the customer objects to "not established"; the petition goes to the superior.
    @Sendable static func petitions(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let complaints = try await complaints(approvals, asking.db)
        let cases = try await ApprovalCaseFacts.load(caseIDs: complaints.values.map(\.caseID), asking)
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let complaint = complaints[approval.subjectID] else { continue }
            var facts = cases.facts(complaint.caseID, asking)
            facts.append(ApprovalFact(label: asking.t("complaint.customer_request"), value: complaint.customerRequest))
            if let reason = complaint.decisionReason { facts.append(ApprovalFact(label: asking.t("approvals.fact.decision_reason"), value: reason)) }
            if let text = complaint.petitionText { facts.append(ApprovalFact(label: asking.t("complaint.petition"), value: text)) }
            contexts[approval.id] = ApprovalContext(
                summary: cases.caseLabel(complaint.caseID) ?? "", facts: facts,
                object: asking.t("approvals.complaint.petition_object", [cases.caseNumber(complaint.caseID) ?? ""]),
                link: "/cases/\(complaint.caseID)/complaint")
        }
        return contexts
    }

    /// CMP-36/37: the 销货折扣证明单 or 产品退货单 the sales VP approves.
    @Sendable static func slips(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let slips = try await ComplaintRepository(db: asking.db).slips(ids: approvals.map(\.subjectID))
        let rows = Array(slips.values)
        let cases = try await ApprovalCaseFacts.load(caseIDs: rows.map(\.caseID), asking)
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let slip = slips[approval.subjectID] else { continue }
            let kind = asking.t("complaint.slip.\(slip.kind)")
            let amount = yuan(slip.amount, asking)
            var facts = [ApprovalFact(label: asking.t("approvals.fact.document"), value: kind),
                         ApprovalFact(label: asking.t("complaint.method"), value: asking.t("complaint.method.\(slip.method)"))]
            if let amount { facts.append(ApprovalFact(label: asking.t("complaint.amount"), value: amount)) }
            if let quantity = slip.approvedQuantity { facts.append(ApprovalFact(label: asking.t("complaint.return_qty"), value: "\(quantity)")) }
            if let reason = slip.reason { facts.append(ApprovalFact(label: asking.t("approvals.fact.slip_reason"), value: reason)) }
            if let basis = slip.basis { facts.append(ApprovalFact(label: asking.t("approvals.fact.slip_basis"), value: basis)) }
            facts += cases.facts(slip.caseID, asking)
            contexts[approval.id] = ApprovalContext(
                summary: [cases.caseLabel(slip.caseID) ?? "", kind, amount ?? ""].filter { !$0.isEmpty }.joined(separator: " · "), facts: facts,
                object: asking.t("approvals.complaint.slip_object", [cases.caseNumber(slip.caseID) ?? "", kind]),
                link: "/cases/\(slip.caseID)/complaint/slips/\(slip.kind)/print")
        }
        return contexts
    }

    /// CMP-42: a 奖罚通知单 — whose bonus, how much, for which complaint.
    @Sendable static func deductions(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let items = try await ComplaintRepository(db: asking.db).reviewItems(ids: approvals.map(\.subjectID))
        let rows = Array(items.values)
        let cases = try await ApprovalCaseFacts.load(caseIDs: rows.map(\.caseID), asking)
        let names = try await CasePeople.names(of: rows.compactMap(\.personID), db: asking.db)
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let item = items[approval.subjectID] else { continue }
            let person = item.personID.flatMap { names[$0] } ?? asking.t("approvals.unknown_person")
            let amount = yuan(item.amount, asking) ?? ""
            var facts = [ApprovalFact(label: asking.t("approvals.fact.person"), value: person),
                         ApprovalFact(label: asking.t("complaint.deduction"), value: amount)]
            if let note = item.note { facts.append(ApprovalFact(label: asking.t("approvals.fact.deduction_reason"), value: note)) }
            if let label = cases.caseLabel(item.caseID) { facts.append(ApprovalFact(label: asking.t("approvals.fact.case"), value: label)) }
            contexts[approval.id] = ApprovalContext(
                summary: [person, amount].filter { !$0.isEmpty }.joined(separator: " · "), facts: facts,
                object: asking.t("approvals.complaint.deduction_object", [person, amount]),
                link: "/complaints/reviews/\(item.reviewID)/items/\(item.id!)/notice")
        }
        return contexts
    }
}
