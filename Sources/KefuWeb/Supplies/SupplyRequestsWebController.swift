import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/supplies/requisitions` (anyone files; the desk issues approved ones against a signature, FDS-04) and
/// `/supplies/purchases` (the desk asks; FDS-07; the desk receives). A refused form re-renders.
struct SupplyRequestsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.GET, "supplies", "requisitions", access: .authenticated, summary: "Requisitions: mine and the form; the desk: to issue", use: requisitions)
        routes.on(.POST, "supplies", "requisitions", access: .authenticated, summary: "File a requisition (form)", use: file)
        routes.on(.POST, "supplies", "requisitions", ":id", "issue", access: desk, summary: "Issue an approved requisition (form)", use: issue)
        routes.on(.GET, "supplies", "purchases", access: desk, summary: "Purchase requests and the form (FDS-07)", use: purchases)
        routes.on(.POST, "supplies", "purchases", access: desk, summary: "Request a purchase (form)", use: request)
        routes.on(.POST, "supplies", "purchases", ":id", "receive", access: desk, summary: "Receive a purchase into stock (form)", use: receive)
    }

    struct Row: Encodable {
        let id: UUID, item: String, quantity: Int, reason: String?, requester: String, createdAt: String, state: String, stateLabel: String
        let approvalID: UUID?, detail: String?
    }
    struct Draft: Encodable { var itemID = "", quantity = "", reason = "" }
    struct Page: Encodable { let shell: PageShell, isDesk: Bool, toIssue: [Row], rows: [Row], items: [SelectOption], draft: Draft }

    func itemOptions(_ req: Request, selected: String) async throws -> [SelectOption] {
        try await SupplyItems(db: req.db, services: req.services).list().map {
            SelectOption(value: $0.id!.uuidString, label: "\($0.name) \($0.specification) (\($0.stock) \($0.unit))", selected: $0.id!.uuidString == selected)
        }
    }

    func row(_ r: SupplyRequisitionRecord, _ req: Request) -> Row {
        Row(id: r.id!, item: "\(r.itemName) \(r.specification)", quantity: r.quantity, reason: r.reason, requester: r.requesterName,
            createdAt: DisplayTime.format(r.createdAt, req), state: r.state, stateLabel: req.t("supply.state.\(r.state)"), approvalID: r.approvalID,
            detail: r.issuedAt.map { "\(r.collectorName ?? "") · \(DisplayTime.format($0, req))" })
    }

    @Sendable func requisitions(req: Request) async throws -> Response { try await renderRequisitions(req, draft: Draft(), refusal: nil) }

    func renderRequisitions(_ req: Request, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let isDesk = staff.has(.frontDeskWork)
        let use = SupplyRequisitions(db: req.db, services: req.services)
        let toIssue = isDesk ? try await use.page(state: .approved, requesterID: nil, after: nil, limit: 100).items.map { row($0, req) } : []
        let rows = try await use.page(state: nil, requesterID: isDesk ? nil : staff.id, after: nil, limit: 50).items.map { row($0, req) }
        let view = try await req.view.render("frontdesk/requisitions", Page(
            shell: PageShell(req, title: req.t("supply.requisitions"), flashError: refusal?.message), isDesk: isDesk, toIssue: toIssue, rows: rows,
            items: try await itemOptions(req, selected: draft.itemID), draft: draft))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    struct RequestForm: Content { let item_id: String?, quantity: String?, reason: String? }

    func draft(_ req: Request) throws -> (Draft, UUID?, Int?) {
        let form = try req.content.decode(RequestForm.self)
        let draft = Draft(itemID: form.item_id ?? "", quantity: form.quantity ?? "", reason: form.reason ?? "")
        return (draft, UUID(uuidString: draft.itemID), Int(draft.quantity.trimmingCharacters(in: .whitespaces)))
    }

    @Sendable func file(req: Request) async throws -> Response {
        let (draft, item, quantity) = try draft(req)
        do {
            _ = try await SupplyRequisitions(db: req.db, services: req.services).file(itemID: item, quantity: quantity, reason: draft.reason, by: req.requireStaff())
            return req.redirect(to: "/supplies/requisitions?flash=flash.supply_requisition_filed")
        } catch let error as DomainError {
            return try await renderRequisitions(req, draft: draft, refusal: req.refusal(error))
        }
    }

    @Sendable func issue(req: Request) async throws -> Response {
        struct Form: Content { let collector_name: String?, signature: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await SupplyRequisitions(db: req.db, services: req.services).issue(
                try SuppliesAPIController.id(req, SupplyRequisitions.subject), collectorName: form.collector_name, signature: form.signature, by: req.requireStaff())
            return req.redirect(to: "/supplies/requisitions?flash=flash.supply_issued")
        } catch let error as DomainError {
            return try await renderRequisitions(req, draft: Draft(), refusal: req.refusal(error))
        }
    }

    @Sendable func purchases(req: Request) async throws -> Response { try await renderPurchases(req, draft: Draft(), refusal: nil) }

    func renderPurchases(_ req: Request, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let rows = try await SupplyPurchases(db: req.db, services: req.services).page(state: nil, after: nil, limit: 50).items.map { r in
            Row(id: r.id!, item: "\(r.itemName) \(r.specification)", quantity: r.quantity, reason: r.reason, requester: r.requesterName,
                createdAt: DisplayTime.format(r.createdAt, req), state: r.state, stateLabel: req.t("supply.state.\(r.state)"), approvalID: r.approvalID,
                detail: r.receivedAt.map { "+\(r.receivedQuantity ?? 0) · \(DisplayTime.format($0, req))" })
        }
        let view = try await req.view.render("frontdesk/purchases", Page(
            shell: PageShell(req, title: req.t("supply.purchases"), flashError: refusal?.message), isDesk: true, toIssue: [], rows: rows,
            items: try await itemOptions(req, selected: draft.itemID), draft: draft))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func request(req: Request) async throws -> Response {
        let (draft, item, quantity) = try draft(req)
        do {
            _ = try await SupplyPurchases(db: req.db, services: req.services).request(itemID: item, quantity: quantity, reason: draft.reason, by: req.requireStaff())
            return req.redirect(to: "/supplies/purchases?flash=flash.supply_purchase_requested")
        } catch let error as DomainError {
            return try await renderPurchases(req, draft: draft, refusal: req.refusal(error))
        }
    }

    @Sendable func receive(req: Request) async throws -> Response {
        struct Form: Content { let quantity: String? }
        let form = try? req.content.decode(Form.self)
        do {
            _ = try await SupplyPurchases(db: req.db, services: req.services).receive(
                try SuppliesAPIController.id(req, SupplyPurchases.subject), quantity: form?.quantity.flatMap { Int($0) }, by: req.requireStaff())
            return req.redirect(to: "/supplies/purchases?flash=flash.supply_received")
        } catch let error as DomainError {
            return try await renderPurchases(req, draft: Draft(), refusal: req.refusal(error))
        }
    }
}
