import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/supply-requisitions` (anyone files; FDS-03 approval; the desk issues, FDS-04) and
/// `/api/v1/supplies/purchases` (the desk asks; FDS-07 two-step approval; the desk receives).
struct SupplyRequestsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.POST, "api", "v1", "supply-requisitions", access: .authenticated, summary: "File a supplies requisition (FDS-02/03) → pending approval", request: RequestBody.self, use: file)
        routes.on(.GET, "api", "v1", "supply-requisitions", access: .authenticated,
                  summary: "Requisitions (?state=); mine, or everyone's for the desk with ?scope=all", use: list)
        routes.on(.GET, "api", "v1", "supply-requisitions", ":id", access: .authenticated, summary: "One requisition", use: show)
        routes.on(.POST, "api", "v1", "supply-requisitions", ":id", "issue", access: desk, summary: "Issue an approved requisition from stock, signed (FDS-04)", request: IssueBody.self, use: issue)
        routes.on(.POST, "api", "v1", "supplies", "purchases", access: desk, summary: "Request a purchase (FDS-07) → review then leadership approval", request: RequestBody.self, use: request)
        routes.on(.GET, "api", "v1", "supplies", "purchases", access: desk, summary: "Purchase requests (?state=)", use: purchases)
        routes.on(.POST, "api", "v1", "supplies", "purchases", ":id", "receive", access: desk, summary: "Receive an approved purchase into stock", request: ReceiveBody?.self, use: receive)
    }

    struct RequestBody: Content { let item_id: UUID?, quantity: Int?, reason: String? }

    @Sendable func file(req: Request) async throws -> Response {
        let body = try req.content.decode(RequestBody.self)
        let record = try await SupplyRequisitions(db: req.db, services: req.services).file(itemID: body.item_id, quantity: body.quantity, reason: body.reason, by: req.requireStaff())
        return try await SuppliesAPIController.created(SupplyRequisitionResponse(record), req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<SupplyRequisitionResponse> {
        let staff = try req.requireStaff()
        let all = req.query[String.self, at: "scope"] == "all"
        if all, !staff.has(.frontDeskWork) { throw DomainError.forbidden(reason: "error.forbidden") }
        let state = try req.query[String.self, at: "state"].map { text in
            guard let state = SupplyRequisitions.State(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
            return state
        }
        let (cursor, limit) = try req.pagination()
        let page = try await SupplyRequisitions(db: req.db, services: req.services).page(state: state, requesterID: all ? nil : staff.id, after: cursor, limit: limit)
        return ListResponse(items: page.items.map(SupplyRequisitionResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> SupplyRequisitionResponse {
        SupplyRequisitionResponse(try await SupplyRequisitions(db: req.db, services: req.services).find(
            try SuppliesAPIController.id(req, SupplyRequisitions.subject), for: req.requireStaff()))
    }

    @Sendable func issue(req: Request) async throws -> SupplyRequisitionResponse {
        let body = try req.content.decode(IssueBody.self)
        return SupplyRequisitionResponse(try await SupplyRequisitions(db: req.db, services: req.services).issue(
            try SuppliesAPIController.id(req, SupplyRequisitions.subject), collectorName: body.collector_name, signature: body.signature, by: req.requireStaff()))
    }

    @Sendable func request(req: Request) async throws -> Response {
        let body = try req.content.decode(RequestBody.self)
        let record = try await SupplyPurchases(db: req.db, services: req.services).request(itemID: body.item_id, quantity: body.quantity, reason: body.reason, by: req.requireStaff())
        return try await SuppliesAPIController.created(SupplyPurchaseResponse(record), req)
    }

    @Sendable func purchases(req: Request) async throws -> ListResponse<SupplyPurchaseResponse> {
        let state = try req.query[String.self, at: "state"].map { text in
            guard let state = SupplyPurchases.State(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
            return state
        }
        let (cursor, limit) = try req.pagination()
        let page = try await SupplyPurchases(db: req.db, services: req.services).page(state: state, after: cursor, limit: limit)
        return ListResponse(items: page.items.map(SupplyPurchaseResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func receive(req: Request) async throws -> SupplyPurchaseResponse {
        let body = try req.optionalContent(ReceiveBody.self)
        return SupplyPurchaseResponse(try await SupplyPurchases(db: req.db, services: req.services).receive(
            try SuppliesAPIController.id(req, SupplyPurchases.subject), quantity: body?.quantity, by: req.requireStaff()))
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension SupplyRequestsAPIController {
    struct IssueBody: Content { let collector_name: String?, signature: String? }
    struct ReceiveBody: Content { let quantity: Int? }
}
