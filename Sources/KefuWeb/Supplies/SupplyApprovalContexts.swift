import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What an approver reads about a supply requisition or purchase: which item, how many, what for, who asks.
enum SupplyApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: SupplyRequisitions.subject, requisitions)
        contexts.register(subjectType: SupplyPurchases.subject, purchases)
    }

    @Sendable static func requisitions(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let rows = try await SupplyRequisitionRecord.query(on: asking.db).filter(\.$id ~~ approvals.map(\.subjectID)).all()
        let byID = Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let r = byID[approval.subjectID] else { continue }
            contexts[approval.id] = context(item: r.itemName, specification: r.specification, quantity: r.quantity, reason: r.reason,
                                            purchase: false, requester: r.requesterName, approval: approval, asking)
        }
        return contexts
    }

    @Sendable static func purchases(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        let rows = try await SupplyPurchaseRecord.query(on: asking.db).filter(\.$id ~~ approvals.map(\.subjectID)).all()
        let byID = Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let r = byID[approval.subjectID] else { continue }
            contexts[approval.id] = context(item: r.itemName, specification: r.specification, quantity: r.quantity, reason: r.reason,
                                            purchase: true, requester: r.requesterName, approval: approval, asking)
        }
        return contexts
    }

    private static func context(item: String, specification: String, quantity: Int, reason: String?, purchase: Bool,
                                requester: String, approval: Approval, _ asking: ApprovalContextRequest) -> ApprovalContext {
        let what = [item, specification].filter { !$0.isEmpty }.joined(separator: " ")
        var facts = [ApprovalFact(label: asking.t("approvals.fact.item"), value: what),
                     ApprovalFact(label: asking.t("supply.quantity"), value: "\(quantity)")]
        if let reason, !reason.isEmpty {
            facts.append(ApprovalFact(label: purchase ? asking.t("supply.purchase_reason") : asking.t("supply.reason"), value: reason))
        }
        return ApprovalContext(summary: asking.t("approvals.supply.summary", [what, "\(quantity)"]), facts: facts,
                               object: asking.t("approvals.supply.object", [requester, what, "\(quantity)"]),
                               link: SupplyRequestPage.link(for: approval))
    }
}
