import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/inspections` (SEC-06, SEC-11): safety inspections with their checklist and findings, the findings
/// to put right (own for everyone, all for `safety.manage`), and the day's closing round.
struct InspectionsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manage = Access.permission(.safetyManage)
        routes.on(.POST, "api", "v1", "inspections", access: manage, summary: "Record a safety inspection: every checklist item pass/finding (SEC-06)", request: CreateBody.self, response: InspectionResponse.self, status: .created, use: create)
        routes.on(.GET, "api", "v1", "inspections", access: manage, summary: "Safety inspections, newest first, with the next due date", use: list)
        routes.on(.GET, "api", "v1", "inspections", "findings", access: .authenticated, summary: "Findings by ?state= (own only without safety.manage)", use: findings)
        routes.on(.POST, "api", "v1", "inspections", "findings", ":id", "close", access: .authenticated, summary: "Close a finding with a note (its owner or safety.manage)", request: CloseBody.self, use: close)
        routes.on(.POST, "api", "v1", "inspections", "closing", access: .authenticated, summary: "The last person out records the closing round (SEC-11)", request: ClosingBody.self, response: ClosingResponse.self, status: .created, use: closing)
        routes.on(.GET, "api", "v1", "inspections", "closing", access: manage, summary: "Closing rounds, newest first (SEC-11)", use: closings)
        routes.on(.GET, "api", "v1", "inspections", ":id", access: manage, summary: "One inspection with its items and findings", use: show)
    }

    struct ItemResponse: Content {
        let item: String, rule: String, result: String, note: String?
        init(_ r: SafetyInspectionItemRecord) { item = r.item; rule = InspectionItem(rawValue: r.item)?.ruleID ?? ""; result = r.result; note = r.note }
    }
    struct FindingResponse: Content {
        let id: UUID, inspectionId: UUID, item: String, description: String, ownerId: UUID, ownerName: String, dueAt: Date, state: String
        let closedAt: Date?, closeNote: String?
        enum CodingKeys: String, CodingKey {
            case id, item, description, state, inspectionId = "inspection_id", ownerId = "owner_id", ownerName = "owner_name", dueAt = "due_at"
            case closedAt = "closed_at", closeNote = "close_note"
        }
        init(_ f: SafetyFindingRecord) {
            id = f.id!; inspectionId = f.inspectionID; item = f.item; description = f.details; ownerId = f.ownerID; ownerName = f.ownerName
            dueAt = f.dueAt; state = f.state; closedAt = f.closedAt; closeNote = f.closeNote
        }
    }
    struct InspectionResponse: Content {
        let id: UUID, inspectedAt: Date, inspector: String, custodianId: UUID, custodianName: String, findingCount: Int, note: String?
        let items: [ItemResponse]?, findings: [FindingResponse]?
        enum CodingKeys: String, CodingKey {
            case id, inspector, note, items, findings, inspectedAt = "inspected_at", custodianId = "custodian_id", custodianName = "custodian_name"
            case findingCount = "finding_count"
        }
        init(_ i: SafetyInspectionRecord, items: [SafetyInspectionItemRecord]? = nil, findings: [SafetyFindingRecord]? = nil) {
            id = i.id!; inspectedAt = i.inspectedAt; inspector = i.inspectorName; custodianId = i.custodianID; custodianName = i.custodianName
            findingCount = i.findings; note = i.note; self.items = items?.map(ItemResponse.init); self.findings = findings?.map(FindingResponse.init)
        }
    }
    struct ClosingResponse: Content {
        let id: UUID, date: String, checkedAt: Date, by: String, items: [String], note: String?
        enum CodingKeys: String, CodingKey { case id, date, by, items, note, checkedAt = "checked_at" }
        init(_ c: ClosingCheckRecord) { id = c.id!; date = c.checkDate; checkedAt = c.checkedAt; by = c.userName; items = c.items.split(separator: ",").map(String.init); note = c.note }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let b = try req.content.decode(CreateBody.self)
        guard let lines = b.items, lines.count <= 100 else { throw DomainError.validation(fields: ["items": "error.field.required"]) }
        let inspection = try await Inspections(db: req.db, services: req.services).record(
            custodianID: b.custodian_id, lines: lines.map { .init(item: $0.item ?? "", result: $0.result ?? "", note: $0.note, ownerID: $0.owner_id) },
            note: b.note, by: req.requireStaff())
        let (items, findings) = try await SafetyQueries(db: req.db).detail(inspection.id!)
        let response = try await InspectionResponse(inspection, items: items, findings: findings).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<InspectionResponse> {
        let (cursor, limit) = try req.pagination()
        let page = try await SafetyQueries(db: req.db).inspections(after: cursor, limit: limit)
        return ListResponse(items: page.items.map { InspectionResponse($0) }, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> InspectionResponse {
        guard let id = req.parameters.get("id", as: UUID.self), let inspection = try await SafetyInspectionRecord.find(id, on: req.db) else {
            throw DomainError.notFound(subject: "safety_inspection")
        }
        let (items, findings) = try await SafetyQueries(db: req.db).detail(id)
        return InspectionResponse(inspection, items: items, findings: findings)
    }

    @Sendable func findings(req: Request) async throws -> ListResponse<FindingResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        let state = req.query[String.self, at: "state"]
        if let state, !["open", "closed"].contains(state) { throw DomainError.validation(fields: ["state": "error.field.invalid_value"]) }
        let page = try await SafetyQueries(db: req.db).findings(state: state, owner: staff.has(.safetyManage) ? nil : staff.id, after: cursor, limit: limit)
        return ListResponse(items: page.items.map(FindingResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func close(req: Request) async throws -> FindingResponse {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "safety_finding") }
        let b = try req.content.decode(CloseBody.self)
        return FindingResponse(try await Inspections(db: req.db, services: req.services).closeFinding(id, note: b.note, by: req.requireStaff()))
    }

    @Sendable func closing(req: Request) async throws -> Response {
        let b = try req.content.decode(ClosingBody.self)
        let record = try await Inspections(db: req.db, services: req.services).recordClosing(ticked: Set(b.items ?? []), note: b.note, by: req.requireStaff())
        let response = try await ClosingResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func closings(req: Request) async throws -> ListResponse<ClosingResponse> {
        let (cursor, limit) = try req.pagination()
        let page = try await SafetyQueries(db: req.db).closings(after: cursor, limit: limit)
        return ListResponse(items: page.items.map(ClosingResponse.init), nextCursor: page.nextCursor)
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension InspectionsAPIController {
    struct CreateLine: Content { let item: String?, result: String?, note: String?, owner_id: UUID? }
    struct CreateBody: Content { let custodian_id: UUID?, items: [CreateLine]?, note: String? }
    struct CloseBody: Content { let note: String? }
    struct ClosingBody: Content { let items: [String]?, note: String? }
}
