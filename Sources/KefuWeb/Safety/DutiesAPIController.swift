import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/duties` (SEC-13..19): the day's duties from the rulebook and the roster, done by their assignee,
/// checked by the supervisor (`safety.manage`), reassigned by the supervisor or — when none is on shift — the
/// team leader (SEC-17). Without `safety.manage` a person lists only their own duties.
struct DutiesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manage = Access.permission(.safetyManage)
        routes.on(.POST, "api", "v1", "duties", "generate", access: manage, summary: "Generate a day's duties from the rulebook and the roster (SEC-13..19)", request: GenerateBody?.self, use: generate)
        routes.on(.GET, "api", "v1", "duties", access: .authenticated, summary: "Duties by ?date=, ?from=&to=, ?assignee_id=, ?state= (own only without safety.manage)", use: list)
        routes.on(.GET, "api", "v1", "duties", ":id", access: .authenticated, summary: "One duty (its assignee, team leader or a supervisor)", use: show)
        routes.on(.POST, "api", "v1", "duties", ":id", "done", access: .authenticated, summary: "The assignee marks the duty done (SEC-15/16)", request: NoBody.self, use: done)
        routes.on(.POST, "api", "v1", "duties", ":id", "check", access: manage, summary: "The supervisor checks a done duty: pass or fail → redo (SEC-16)", request: CheckBody.self, use: check)
        routes.on(.POST, "api", "v1", "duties", ":id", "assign", access: .authenticated, summary: "Reassign a duty (supervisor; team leader when no supervisor is on shift, SEC-17)", request: AssignBody.self, use: assign)
    }

    struct DutyResponse: Content {
        let id: UUID, date: String, kind: String, zone: String?, teamId: UUID?, assigneeId: UUID, assigneeName: String, dueAt: Date
        let state: String, doneAt: Date?, checkedAt: Date?, checkedBy: String?, checkNote: String?, redoCount: Int, overdue: Bool, version: Int
        enum CodingKeys: String, CodingKey {
            case id, date, kind, zone, state, overdue, version
            case teamId = "team_id", assigneeId = "assignee_id", assigneeName = "assignee_name", dueAt = "due_at", doneAt = "done_at"
            case checkedAt = "checked_at", checkedBy = "checked_by", checkNote = "check_note", redoCount = "redo_count"
        }
        init(_ d: DutyRecord) {
            id = d.id!; date = d.dutyDate; kind = d.kind; zone = d.zone.isEmpty ? nil : d.zone; teamId = d.teamID; assigneeId = d.assigneeID
            assigneeName = d.assigneeName; dueAt = d.dueAt; state = d.state; doneAt = d.doneAt; checkedAt = d.checkedAt; checkedBy = d.checkedByName
            checkNote = d.checkNote; redoCount = d.redoCount; overdue = d.flaggedAt != nil; version = d.version
        }
    }

    @Sendable func generate(req: Request) async throws -> Response {
        let body = try req.optionalContent(GenerateBody.self)
        let day = try Self.day(body?.date, field: "date", req) ?? req.services.rulebook.calendar.localDate(of: req.services.now())
        let created = try await DutyGeneration(db: req.db, services: req.services).generate(day)
        let response = Response(status: created > 0 ? .created : .ok)
        try response.content.encode(["date": day.description, "created": "\(created)"])
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<DutyResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        var filter = DutyQueries.Filter()
        filter.date = try Self.day(req.query[String.self, at: "date"], field: "date", req)?.description
        filter.from = try Self.day(req.query[String.self, at: "from"], field: "from", req)?.description
        filter.to = try Self.day(req.query[String.self, at: "to"], field: "to", req)?.description
        if let text = req.query[String.self, at: "state"] {
            guard let state = DutyState(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.invalid_value"]) }
            filter.state = state
        }
        if let text = req.query[String.self, at: "assignee_id"] {
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["assignee_id": "error.field.invalid_value"]) }
            filter.assigneeID = id
        }
        // Data scope: without safety.manage only one's own duties, whatever was asked.
        if !staff.has(.safetyManage) { filter.assigneeID = staff.id }
        let page = try await DutyQueries(db: req.db).page(filter, after: cursor, limit: limit)
        return ListResponse(items: page.items.map(DutyResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> DutyResponse {
        DutyResponse(try await DutyQueries(db: req.db).visible(try Self.id(req), to: req.requireStaff()))
    }

    @Sendable func done(req: Request) async throws -> DutyResponse {
        DutyResponse(try await Duties(db: req.db, services: req.services).markDone(try Self.id(req), by: req.requireStaff()))
    }

    @Sendable func check(req: Request) async throws -> DutyResponse {
        let b = try req.content.decode(CheckBody.self)
        let passed: Bool? = b.result == "pass" ? true : b.result == "fail" ? false : nil
        return DutyResponse(try await Duties(db: req.db, services: req.services).check(try Self.id(req), passed: passed, note: b.note, by: req.requireStaff()))
    }

    @Sendable func assign(req: Request) async throws -> DutyResponse {
        let b = try req.content.decode(AssignBody.self)
        return DutyResponse(try await Duties(db: req.db, services: req.services).reassign(try Self.id(req), to: b.assignee_id, by: req.requireStaff()))
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "duty") }
        return id
    }

    static func day(_ text: String?, field: String, _ req: Request) throws -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let day = LocalDate(text) else { throw DomainError.validation(fields: [field: "error.field.invalid_value"]) }
        return day
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension DutiesAPIController {
    struct GenerateBody: Content { let date: String? }
    struct CheckBody: Content { let result: String?, note: String? }
    struct AssignBody: Content { let assignee_id: UUID? }
}
