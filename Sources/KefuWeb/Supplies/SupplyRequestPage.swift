import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// One requisition or purchase request as its approver sees it (FDS-03: "based on stock and actual need"):
/// the item, quantity, reason and the current stock, with the link to the approval. The approvals page links
/// here (`link(for:)`).
struct SupplyRequestPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "supplies", "requisitions", ":id", access: .authenticated, summary: "One requisition with the current stock", use: requisition)
        routes.on(.GET, "supplies", "purchases", ":id", access: .authenticated, summary: "One purchase request with the current stock", use: purchase)
    }

    struct Page: Encodable {
        let shell: PageShell, title: String, item: String, quantity: Int, reason: String?, requester: String, createdAt: String
        let stateLabel: String, stock: Int, unit: String, minimum: Int, approvalID: UUID?, detail: String?
        /// FDS-04: the desk's issue form with the signature pad, on an approved requisition.
        var issueURL: String? = nil
    }

    static func link(for approval: Approval) -> String? {
        switch approval.subjectType {
        case SupplyRequisitions.subject: "/supplies/requisitions/\(approval.subjectID)"
        case SupplyPurchases.subject: "/supplies/purchases/\(approval.subjectID)"
        default: nil
        }
    }

    @Sendable func requisition(req: Request) async throws -> View {
        let r = try await SupplyRequisitions(db: req.db, services: req.services).find(try SuppliesAPIController.id(req, SupplyRequisitions.subject), for: req.requireStaff())
        return try await render(req, title: req.t("supply.new_requisition"), itemID: r.itemID, item: "\(r.itemName) \(r.specification)", quantity: r.quantity,
                                reason: r.reason, requester: r.requesterName, createdAt: r.createdAt, state: r.state, approvalID: r.approvalID,
                                detail: r.issuedAt.map { "\(r.collectorName ?? "") · \(DisplayTime.format($0, req))" },
                issueURL: try req.requireStaff().has(.frontDeskWork) && r.state == SupplyRequisitions.State.approved.rawValue ? "/supplies/requisitions/\(r.id!)/issue" : nil)
    }

    @Sendable func purchase(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let rules = req.services.rulebook.supplies
        guard let r = try await SupplyPurchaseRecord.find(try SuppliesAPIController.id(req, SupplyPurchases.subject), on: req.db),
              staff.has(.frontDeskWork) || staff.roles.contains(rules.purchaseReviewer) || staff.roles.contains(rules.purchaseApprover)
        else { throw DomainError.notFound(subject: SupplyPurchases.subject) }
        return try await render(req, title: req.t("supply.new_purchase"), itemID: r.itemID, item: "\(r.itemName) \(r.specification)", quantity: r.quantity,
                                reason: r.reason, requester: r.requesterName, createdAt: r.createdAt, state: r.state, approvalID: r.approvalID,
                                detail: r.receivedAt.map { "+\(r.receivedQuantity ?? 0) · \(DisplayTime.format($0, req))" })
    }

    func render(_ req: Request, title: String, itemID: UUID, item: String, quantity: Int, reason: String?, requester: String, createdAt: Date,
                state: String, approvalID: UUID?, detail: String?, issueURL: String? = nil) async throws -> View {
        let stock = try await SupplyItems(db: req.db, services: req.services).find(itemID)
        return try await req.view.render("frontdesk/supply-request", Page(
            shell: PageShell(req, title: title), title: title, item: item, quantity: quantity, reason: reason, requester: requester,
            createdAt: DisplayTime.format(createdAt, req), stateLabel: req.t("supply.state.\(state)"), stock: stock.stock, unit: stock.unit,
            minimum: stock.minimumStock, approvalID: approvalID, detail: detail, issueURL: issueURL))
    }
}
