import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/supplies` (办公用品): items and stock with low stock highlighted, the desk's new-item form, and the
/// stocktake form `/supplies/stocktake` (FDS-06) with its result page. A refused form re-renders.
struct SuppliesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.GET, "supplies", access: .authenticated, summary: "Office supplies and stock (low stock first)", use: page)
        routes.on(.POST, "supplies", access: desk, summary: "Add an office-supply item (form)", use: create)
        routes.on(.GET, "supplies", "stocktake", access: desk, summary: "Stocktake form: counted vs book (FDS-06)", use: stocktakePage)
        routes.on(.POST, "supplies", "stocktake", access: desk, summary: "Record a stocktake (form)", use: stocktake)
        routes.on(.GET, "supplies", "stocktakes", ":id", access: desk, summary: "A stocktake's lines and variances", use: stocktakeResult)
    }

    struct ItemRow: Encodable {
        let id: UUID, name: String, specification: String, unit: String, category: String?, minimum: Int, stock: Int, low: Bool
        var counted = "", explanation = ""
    }
    struct Draft: Encodable { var name = "", specification = "", unit = "", category = "", minimumStock = "", stock = "" }
    struct Page: Encodable { let shell: PageShell, isDesk: Bool, items: [ItemRow], lowCount: Int, stocktakeDue: Bool, draft: Draft }

    static func rows(_ items: [SupplyItemRecord]) -> [ItemRow] {
        let rows = items.map { ItemRow(id: $0.id!, name: $0.name, specification: $0.specification, unit: $0.unit, category: $0.category,
                                       minimum: $0.minimumStock, stock: $0.stock, low: $0.isLow) }
        return rows.filter(\.low) + rows.filter { !$0.low }
    }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, draft: Draft(), refusal: nil) }

    func render(_ req: Request, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let items = Self.rows(try await SupplyItems(db: req.db, services: req.services).list())
        let isDesk = staff.has(.frontDeskWork)
        let due = isDesk ? try await SupplyStocktakes(db: req.db, services: req.services).isDue(now: req.services.now()) : false
        let view = try await req.view.render("frontdesk/supplies", Page(
            shell: PageShell(req, title: req.t("supply.title"), flashError: refusal?.message), isDesk: isDesk, items: items,
            lowCount: items.filter(\.low).count, stocktakeDue: due, draft: draft))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func create(req: Request) async throws -> Response {
        struct Form: Content { let name: String?, specification: String?, unit: String?, category: String?, minimum_stock: String?, stock: String? }
        let form = try req.content.decode(Form.self)
        let draft = Draft(name: form.name ?? "", specification: form.specification ?? "", unit: form.unit ?? "", category: form.category ?? "",
                          minimumStock: form.minimum_stock ?? "", stock: form.stock ?? "")
        do {
            func number(_ text: String, _ field: String) throws -> Int? {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return nil }
                guard let value = Int(trimmed) else { throw DomainError.validation(fields: [field: "error.field.number"]) }
                return value
            }
            _ = try await SupplyItems(db: req.db, services: req.services).create(.init(
                name: draft.name, specification: draft.specification, unit: draft.unit, category: draft.category,
                minimumStock: try number(draft.minimumStock, "minimum_stock"), stock: try number(draft.stock, "stock")), by: req.requireStaff())
            return req.redirect(to: "/supplies?flash=flash.supply_item_added")
        } catch let error as DomainError {
            return try await render(req, draft: draft, refusal: req.refusal(error))
        }
    }

    struct StocktakePage: Encodable { let shell: PageShell, items: [ItemRow], note: String, recent: [Recent] }
    struct Recent: Encodable { let id: UUID, takenAt: String, takenBy: String, variances: Int }

    @Sendable func stocktakePage(req: Request) async throws -> Response { try await renderStocktake(req, typed: [:], note: "", refusal: nil) }

    func renderStocktake(_ req: Request, typed: [UUID: (String, String)], note: String,
                         refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        var items = try await SupplyItems(db: req.db, services: req.services).list().map {
            ItemRow(id: $0.id!, name: $0.name, specification: $0.specification, unit: $0.unit, category: $0.category,
                    minimum: $0.minimumStock, stock: $0.stock, low: $0.isLow)
        }
        for index in items.indices { if let (counted, why) = typed[items[index].id] { items[index].counted = counted; items[index].explanation = why } }
        let recent = try await SupplyStocktakes(db: req.db, services: req.services).recent(limit: 10).map {
            Recent(id: $0.id!, takenAt: DisplayTime.format($0.takenAt, req), takenBy: $0.takenByName, variances: $0.varianceLines)
        }
        let view = try await req.view.render("frontdesk/stocktake", StocktakePage(
            shell: PageShell(req, title: req.t("supply.stocktake"), flashError: refusal?.message), items: items, note: note, recent: recent))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    /// Form fields `counted_<item id>` and `explanation_<item id>`; an item left blank is not counted.
    @Sendable func stocktake(req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        var typed: [UUID: (String, String)] = [:]
        for (key, value) in fields where key.hasPrefix("counted_") {
            guard let id = UUID(uuidString: String(key.dropFirst("counted_".count))) else { continue }
            typed[id] = (value, fields["explanation_\(id.uuidString)"] ?? "")
        }
        let note = fields["note"] ?? ""
        do {
            var lines: [SupplyStocktakes.Line] = []
            for (id, (counted, why)) in typed.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                let text = counted.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                guard let number = Int(text) else { throw DomainError.validation(fields: ["counted": "error.field.number"]) }
                lines.append(.init(itemID: id, counted: number, explanation: why))
            }
            let (take, _) = try await SupplyStocktakes(db: req.db, services: req.services).record(lines, note: note, by: req.requireStaff())
            return req.redirect(to: "/supplies/stocktakes/\(take.id!)")
        } catch let error as DomainError {
            return try await renderStocktake(req, typed: typed, note: note, refusal: req.refusal(error))
        }
    }

    struct ResultPage: Encodable { let shell: PageShell, takenAt: String, takenBy: String, note: String?, lines: [SupplyStocktakeResponse.Line] }

    @Sendable func stocktakeResult(req: Request) async throws -> View {
        let (take, lines) = try await SupplyStocktakes(db: req.db, services: req.services).find(try SuppliesAPIController.id(req, SupplyStocktakes.subject))
        let response = SupplyStocktakeResponse(take, lines: lines)
        return try await req.view.render("frontdesk/stocktake-result", ResultPage(
            shell: PageShell(req, title: req.t("supply.stocktake")), takenAt: DisplayTime.format(take.takenAt, req), takenBy: take.takenByName,
            note: take.note, lines: response.lines ?? []))
    }
}
