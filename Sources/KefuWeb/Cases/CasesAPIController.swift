import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/cases` (API.md "Cases"): open, list and search, read, timeline, and the actions.
/// Every route needs `cases.read` (or `cases.create`); each action then checks the case itself
/// (`CaseAccess`): a case outside the caller's scope is 404, one they may read but not work on 403.
struct CasesAPIController: RouteCollection {
    let attachmentLimit: ByteCount

    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("api", "v1", "cases")
        cases.on(.POST, access: .permission(.casesCreate), summary: "Open a case", request: CreateCaseRequest.self, response: CaseResponse.self, status: .created, use: create)
        cases.on(.GET, access: .permission(.casesRead), summary: "List and search cases (q: Chinese-aware full text)", use: list)
        cases.on(.GET, ":id", access: .permission(.casesRead), summary: "One case", use: show)
        cases.on(.GET, ":id", "events", access: .permission(.casesRead), summary: "Timeline of a case", use: events)
        cases.on(.GET, ":id", "notes", access: .permission(.casesRead), summary: "Notes of a case", use: notes)
        for (action, summary) in [("assign", "Assign or reassign"), ("notes", "Add a note: internal unless \"internal\": false (a reply to the customer)"),
                                  ("pause", "Wait for the customer (clocks stop)"), ("resume", "Resume after the customer answered"),
                                  ("resolve", "Resolve"), ("close", "Close a resolved case"), ("reopen", "Reopen"),
                                  ("escalate", "Escalate one level (ESC-06)"), ("links", "Link to another case")] {
            cases.on(.POST, ":id", .constant(action), access: .permission(.casesRead), summary: summary) { req in
                try await perform(action, req: req)
            }
        }
        CaseAttachmentsAPI().boot(cases, limit: attachmentLimit)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateCaseRequest.self)
        let staff = try req.requireStaff()
        let services = req.services
        let opened = try await OpenCase(db: req.db, services: services).open(body.input, by: staff)
        return try await Self.response(opened, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<CaseResponse> {
        let (cursor, limit) = try req.pagination()
        let staff = try req.requireStaff()
        let filter = try CaseListQuery.filter(from: req, staff: staff)
        let scope = try await CaseScope.of(staff, db: req.db)
        let page = try await CaseRepository(db: req.db).list(scope: scope.repositoryScope, filter: filter, after: cursor, limit: limit)
        let items = try await CaseResponse.page(page.items, unmasked: staff.has(.customerPIIRead), db: req.db)
        return ListResponse(items: items, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> CaseResponse {
        let record = try await Self.readable(req)
        let staff = try req.requireStaff()
        // SEC-03: the case shows its customer in full; the read is logged like the customer's own page.
        if staff.has(.customerPIIRead) {
            try await CustomerPrivacy(db: req.db, staff: staff, services: req.services).logRead(record.customerID, via: "api.case")
        }
        return try await Self.response(record, req: req)
    }

    @Sendable func events(req: Request) async throws -> ListResponse<AuditAPIController.EventResponse> {
        let record = try await Self.readable(req)
        let (cursor, limit) = try req.pagination()
        let page = try await AuditRepository(db: req.db).timeline(subjectType: "case", subjectID: record.id!, after: cursor, limit: limit)
        return ListResponse(page.map(AuditAPIController.EventResponse.init))
    }

    @Sendable func notes(req: Request) async throws -> ListResponse<CaseNoteResponse> {
        let record = try await Self.readable(req)
        return ListResponse(items: try await CaseRepository(db: req.db).notes(caseID: record.id!, includeInternal: true).map(CaseNoteResponse.init))
    }

    @Sendable func perform(_ action: String, req: Request) async throws -> CaseResponse {
        let id = try Self.caseID(req)
        let staff = try req.requireStaff()
        let body = req.body.data == nil ? nil : try req.content.decode(CaseActionRequest.self)
        let version = body?.version ?? req.headers.first(name: .ifMatch).flatMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))) }
        let actions = CaseActions(db: req.db, services: req.services)
        let record: CaseRecord
        switch action {
        case "assign":
            guard let assignee = body?.assigneeID else { throw DomainError.validation(fields: ["assignee_id": "error.field.required"]) }
            record = try await actions.assign(id, to: assignee, by: staff, expectedVersion: version, comment: body?.comment)
        case "notes":
            record = try await actions.addNote(id, body: body?.body ?? "", isInternal: body?.isInternal ?? true, by: staff, expectedVersion: version)
        case "pause": record = try await actions.pause(id, reason: body?.reason ?? "", by: staff, expectedVersion: version)
        case "resume": record = try await actions.resume(id, by: staff, expectedVersion: version)
        case "resolve": record = try await actions.resolve(id, resolution: body?.resolution ?? "", by: staff, expectedVersion: version)
        case "close": record = try await actions.close(id, by: staff, expectedVersion: version)
        case "reopen": record = try await actions.reopen(id, reason: body?.reason ?? "", by: staff, expectedVersion: version)
        case "escalate":
            record = try await actions.escalate(id, reason: body?.reason ?? "", emergency: body?.emergency ?? false, by: staff, expectedVersion: version)
        default:
            guard let other = body?.otherCaseID else { throw DomainError.validation(fields: ["other_case_id": "error.field.required"]) }
            record = try await actions.link(id, to: other, kind: body?.kind ?? "related", by: staff)
        }
        return try await Self.response(record, req: req)
    }

    static func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "case") }
        return id
    }

    static func readable(_ req: Request) async throws -> CaseRecord {
        let scope = try await CaseScope.of(try req.requireStaff(), db: req.db)
        return try await scope.readable(try caseID(req), db: req.db)
    }

    /// A case just opened: its customer and clocks are at hand (no reads) unless something in the same step changed them.
    static func response(_ opened: OpenCase.Opened, req: Request) async throws -> CaseResponse {
        guard let clocks = opened.clocks else { return try await response(opened.record, req: req) }
        let staff = try req.requireStaff()
        return CaseResponse(opened.record, customer: opened.customer, clocks: clocks, unmasked: staff.has(.customerPIIRead))
    }

    static func response(_ record: CaseRecord, req: Request) async throws -> CaseResponse {
        let staff = try req.requireStaff()
        var response = try await CaseResponse.page([record], unmasked: staff.has(.customerPIIRead), db: req.db)[0]
        if let form = try await ComplaintRepository(db: req.db).form(caseID: record.id!) { response.complaint = try await ComplaintResponse.full(form, db: req.db) }
        return response
    }
}
