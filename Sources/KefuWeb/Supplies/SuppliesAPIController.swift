import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/supplies` (API.md "Front desk"): the catalogue with stock (everyone reads it to file a
/// requisition; the desk keeps it) and the stocktakes under `/api/v1/supplies/stocktakes` (FDS-06).
struct SuppliesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.POST, "api", "v1", "supplies", access: desk, summary: "Add an office-supply item with its opening stock (FDS-02)", request: ItemRequest.self, use: create)
        routes.on(.GET, "api", "v1", "supplies", access: .authenticated, summary: "Office supplies with stock (?low=true: below minimum)", use: list)
        routes.on(.GET, "api", "v1", "supplies", ":id", access: .authenticated, summary: "One office-supply item", use: show)
        routes.on(.PATCH, "api", "v1", "supplies", ":id", access: desk, summary: "Change an item's details or minimum (not its stock)", request: ItemRequest.self, use: update)
        routes.on(.POST, "api", "v1", "supplies", "stocktakes", access: desk, summary: "Record a stocktake: counted vs book, variances explained (FDS-06)", request: StocktakeBody.self, use: stocktake)
        routes.on(.GET, "api", "v1", "supplies", "stocktakes", access: desk, summary: "Recent stocktakes (FDS-06)", use: stocktakes)
        routes.on(.GET, "api", "v1", "supplies", "stocktakes", ":id", access: desk, summary: "One stocktake with its lines", use: showStocktake)
    }

    struct ItemRequest: Content {
        let name: String?, specification: String?, unit: String?, category: String?, minimumStock: Int?, stock: Int?, active: Bool?, version: Int?
        enum CodingKeys: String, CodingKey {
            case name, specification, unit, category, stock, active, version
            case minimumStock = "minimum_stock"
        }
        var input: SupplyItems.Input { .init(name: name, specification: specification, unit: unit, category: category, minimumStock: minimumStock, stock: stock) }
    }

    static func id(_ req: Request, _ subject: String) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: subject) }
        return id
    }

    static func created<T: Content>(_ value: T, _ req: Request) async throws -> Response {
        let response = try await value.encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(ItemRequest.self)
        return try await Self.created(SupplyItemResponse(try await SupplyItems(db: req.db, services: req.services).create(body.input, by: req.requireStaff())), req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<SupplyItemResponse> {
        let items = try await SupplyItems(db: req.db, services: req.services).list(lowOnly: req.query[Bool.self, at: "low"] ?? false)
        return ListResponse(items: items.map(SupplyItemResponse.init), nextCursor: nil)
    }

    @Sendable func show(req: Request) async throws -> SupplyItemResponse {
        SupplyItemResponse(try await SupplyItems(db: req.db, services: req.services).find(try Self.id(req, SupplyItems.subject)))
    }

    @Sendable func update(req: Request) async throws -> SupplyItemResponse {
        let body = try req.content.decode(ItemRequest.self)
        return SupplyItemResponse(try await SupplyItems(db: req.db, services: req.services).update(
            try Self.id(req, SupplyItems.subject), body.input, active: body.active, version: body.version, by: req.requireStaff()))
    }

    @Sendable func stocktake(req: Request) async throws -> Response {
        let body = try req.content.decode(StocktakeBody.self)
        let (take, lines) = try await SupplyStocktakes(db: req.db, services: req.services).record(
            (body.lines ?? []).map { .init(itemID: $0.item_id, counted: $0.counted, explanation: $0.explanation) }, note: body.note, by: req.requireStaff())
        return try await Self.created(SupplyStocktakeResponse(take, lines: lines), req)
    }

    @Sendable func stocktakes(req: Request) async throws -> ListResponse<SupplyStocktakeResponse> {
        let takes = try await SupplyStocktakes(db: req.db, services: req.services).recent(limit: 50)
        return ListResponse(items: takes.map { SupplyStocktakeResponse($0, lines: nil) }, nextCursor: nil)
    }

    @Sendable func showStocktake(req: Request) async throws -> SupplyStocktakeResponse {
        let (take, lines) = try await SupplyStocktakes(db: req.db, services: req.services).find(try Self.id(req, SupplyStocktakes.subject))
        return SupplyStocktakeResponse(take, lines: lines)
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension SuppliesAPIController {
    struct StocktakeLine: Content { let item_id: UUID?, counted: Int?, explanation: String? }
    struct StocktakeBody: Content { let lines: [StocktakeLine]?, note: String? }
}
