import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/inspections` (SEC-06, SEC-11, and the standing rules SEC-04/07/08/09/12/20/21 as checklist items): the
/// schedule, the checklist form, findings to put right, and today's closing round. Refusals re-render.
struct InspectionsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "inspections", access: .authenticated, summary: "Safety inspections, findings and the closing round", use: page)
        routes.on(.POST, "inspections", access: .permission(.safetyManage), summary: "Record a safety inspection (form)", use: create)
        routes.on(.POST, "inspections", "findings", ":id", "close", access: .authenticated, summary: "Close a finding (form)", use: close)
        routes.on(.POST, "inspections", "closing", access: .authenticated, summary: "Record the closing round (form)", use: closing)
    }

    struct ItemRow: Encodable { let key: String, label: String, rule: String }
    struct FindingRow: Encodable { let id: UUID, item: String, description: String, owner: String, due: String, late: Bool, mine: Bool }
    struct InspectionRow: Encodable { let at: String, inspector: String, custodian: String, findings: Int }
    struct Page: Encodable {
        let shell: PageShell, canManage: Bool, nextDue: String, dueNow: Bool, lastCustodian: String?, items: [ItemRow], closingItems: [ItemRow]
        let findings: [FindingRow], inspections: [InspectionRow], people: [SelectOption], closedToday: String?
    }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, refusal: nil) }

    func render(_ req: Request, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let manage = staff.has(.safetyManage)
        let now = req.services.now()
        let (last, due) = try await Inspections(db: req.db, services: req.services).nextDue()
        let queries = SafetyQueries(db: req.db)
        let findings = try await queries.findings(state: "open", owner: manage ? nil : staff.id, after: nil, limit: 100).items
        let today = req.services.rulebook.calendar.localDate(of: now).description
        let closed = try await ClosingCheckRecord.query(on: req.db).filter(\.$checkDate == today).first()
        let people = manage ? try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all() : []
        let view = try await req.view.render("inspections/index", Page(
            shell: PageShell(req, title: req.t("inspection.title"), flashError: refusal?.message), canManage: manage,
            nextDue: last == nil ? req.t("inspection.never") : DisplayTime.format(due, req), dueNow: last == nil || due <= now, lastCustodian: last?.custodianName,
            items: InspectionItem.allCases.map { ItemRow(key: $0.rawValue, label: req.t("inspection.item.\($0.rawValue)"), rule: $0.ruleID) },
            closingItems: ClosingItem.allCases.map { ItemRow(key: $0.rawValue, label: req.t("closing.item.\($0.rawValue)"), rule: "SEC-11") },
            findings: findings.map { FindingRow(id: $0.id!, item: req.t("inspection.item.\($0.item)"), description: $0.details, owner: $0.ownerName,
                                                due: DisplayTime.format($0.dueAt, req), late: $0.dueAt < now, mine: $0.ownerID == staff.id) },
            inspections: manage ? try await queries.inspections(after: nil, limit: 10).items.map {
                InspectionRow(at: DisplayTime.format($0.inspectedAt, req), inspector: $0.inspectorName, custodian: $0.custodianName, findings: $0.findings) } : [],
            people: people.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName) },
            closedToday: closed.map { "\($0.userName) · \(DisplayTime.format($0.checkedAt, req))" }))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func create(req: Request) async throws -> Response {
        // Form fields: result_<item>, note_<item>, owner_<item> for every checklist item.
        let form = try req.content.decode([String: String].self)
        let lines = InspectionItem.allCases.map { item in
            Inspections.Line(item: item.rawValue, result: form["result_\(item.rawValue)"] ?? "", note: form["note_\(item.rawValue)"],
                             ownerID: form["owner_\(item.rawValue)"].flatMap(UUID.init(uuidString:)))
        }
        do {
            _ = try await Inspections(db: req.db, services: req.services).record(
                custodianID: form["custodian_id"].flatMap(UUID.init(uuidString:)), lines: lines, note: form["note"], by: req.requireStaff())
            return req.redirect(to: "/inspections?flash=flash.inspection_saved")
        } catch let error as DomainError {
            return try await render(req, refusal: req.refusal(error))
        }
    }

    @Sendable func close(req: Request) async throws -> Response {
        struct Form: Content { let note: String? }
        let form = try req.content.decode(Form.self)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "safety_finding") }
        do {
            _ = try await Inspections(db: req.db, services: req.services).closeFinding(id, note: form.note, by: req.requireStaff())
            return req.redirect(to: "/inspections?flash=flash.finding_closed")
        } catch let error as DomainError {
            return try await render(req, refusal: req.refusal(error))
        }
    }

    @Sendable func closing(req: Request) async throws -> Response {
        struct Form: Content { let items: [String]?, note: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await Inspections(db: req.db, services: req.services).recordClosing(ticked: Set(form.items ?? []), note: form.note, by: req.requireStaff())
            return req.redirect(to: "/inspections?flash=flash.closing_saved")
        } catch let error as DomainError {
            return try await render(req, refusal: req.refusal(error))
        }
    }
}
