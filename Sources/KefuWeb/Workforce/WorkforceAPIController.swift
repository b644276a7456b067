import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/…` for the workforce (REQUIREMENTS §11 SHF, §14 ATT-01..04; API.md "Workforce"): shift
/// templates and the roster (`roster.manage`), who is on duty, sign-in/out and leaving the post (every
/// staff member, for themselves), the roll call (`attendance.roll_call`), handovers and the duty log.
struct WorkforceAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.GET, "shift-templates", access: .authenticated, summary: "Shift templates (SHF-12..20)", use: templates)
        api.on(.POST, "shift-templates", access: .permission(.rosterManage), summary: "Create a shift template; end == start is refused (SHF-12..20)", request: CreateShiftTemplateRequest.self, response: ShiftTemplateResponse.self, status: .created, use: createTemplate)
        api.on(.GET, "roster", access: .authenticated, summary: "Roster entries from … to (team_id) with holidays marked (SHF-19)", use: roster)
        api.on(.POST, "roster", access: .permission(.rosterManage), summary: "Put a person on a shift; overlaps are 409 (SHF-19)", request: CreateRosterEntryRequest.self, status: .created, use: addEntry)
        api.on(.DELETE, "roster", ":id", access: .permission(.rosterManage), summary: "Remove a roster entry nobody signed into", use: removeEntry)
        api.on(.POST, "roster", "copy-week", access: .permission(.rosterManage), summary: "Copy a week onto another; existing shifts are skipped and listed", request: CopyWeekRequest.self, use: copyWeek)
        api.on(.GET, "roster", "on-duty", access: .authenticated, summary: "Who is on duty now (team_id), for assignment", use: onDuty)
        api.on(.POST, "attendance", "sign-in", access: .authenticated, summary: "Sign in to one's current shift (ATT-01/02, SHF-01)", request: NoBody.self, response: AttendanceResponse.self, status: .created, use: signIn)
        api.on(.POST, "attendance", "sign-out", access: .authenticated, summary: "Sign out (ATT-01)", request: NoBody.self, use: signOut)
        api.on(.POST, "roll-calls", access: .permission(.attendanceRollCall), summary: "Save a shift's roll call with comments (SHF-01/07, QA-06)", request: RollCallRequest.self, use: rollCall)
        api.on(.POST, "off-post", access: .authenticated, summary: "Ask to leave the post (SHF-09)", request: OffPostRequest.self, response: OffPostResponse.self, status: .created, use: offPost)
        for decision in ["approve", "reject"] {
            api.on(.POST, "off-post", ":id", .constant(decision), access: .authenticated, summary: "Leader on duty decides (SHF-09)",
                   request: NoBody.self) { req in
                let decided = try await OffPost(db: req.db, services: req.services).decide(try Self.id(req), decision == "approve" ? .approve : .reject,
                                                                                            by: try req.requireStaff())
                return OffPostResponse(decided)
            }
        }
        api.on(.POST, "off-post", ":id", "return", access: .authenticated, summary: "Back at the post; minutes judged (ATT-03/04)", request: NoBody.self, use: offPostReturn)
        api.on(.POST, "handovers", access: .authenticated, summary: "Write a handover log to the incoming person (SHF-05/06)", request: CreateHandoverRequest.self, response: HandoverResponse.self, status: .created, use: createHandover)
        api.on(.GET, "handovers", ":id", access: .authenticated, summary: "One handover", use: handover)
        for action in Handovers.Action.allCases {
            api.on(.POST, "handovers", ":id", .constant(action.rawValue), access: .authenticated,
                   summary: "Handover: \(action.rawValue) (incoming acknowledges; close after it or leader override, SHF-04)", request: HandoverActionRequest?.self) { req in
                let body = req.body.data == nil ? HandoverActionRequest() : try req.content.decode(HandoverActionRequest.self)
                return HandoverResponse(try await Handovers(db: req.db, services: req.services).perform(action, on: try Self.id(req), body, by: try req.requireStaff()))
            }
        }
        api.on(.GET, "duty-logs", access: .permission(.dutyLogWrite), summary: "Duty log, newest first (RPT-03)", use: dutyLogs)
        api.on(.POST, "duty-logs", access: .permission(.dutyLogWrite), summary: "Write the shift's duty log (RPT-03)", request: CreateDutyLogRequest.self, response: DutyLogResponse.self, status: .created, use: createDutyLog)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "id") }
        return id
    }

    @Sendable func templates(req: Request) async throws -> ListResponse<ShiftTemplateResponse> {
        ListResponse(items: try await RosterRepository(db: req.db).templates().map(ShiftTemplateResponse.init))
    }

    @Sendable func createTemplate(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateShiftTemplateRequest.self)
        let record = try await ShiftTemplates(db: req.db, services: req.services).create(input, by: try req.requireStaff())
        return try await ShiftTemplateResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func roster(req: Request) async throws -> ListResponse<RosterEntryResponse> {
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        let from = try Self.date(req, "from") ?? QualityPeriod.weekStart(of: today)
        let to = try Self.date(req, "to") ?? QualityPeriod.adding(6, to: from)
        var team: UUID?
        if let text = req.query[String.self, at: "team_id"] {
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["team_id": "error.field.invalid_value"]) }
            team = id
        }
        guard from <= to, Rosters.days(from: from, to: to) <= 62 else { throw DomainError.validation(fields: ["to": "error.field.invalid_value"]) }
        return ListResponse(items: try await RosterView(db: req.db, services: req.services).responses(from: from, to: to, teamID: team))
    }

    static func date(_ req: Request, _ name: String) throws -> LocalDate? {
        guard let text = req.query[String.self, at: name] else { return nil }
        guard let date = LocalDate(text) else { throw DomainError.validation(fields: [name: "error.field.invalid_value"]) }
        return date
    }

    @Sendable func addEntry(req: Request) async throws -> Response {
        let record = try await Rosters(db: req.db, services: req.services).add(try req.content.decode(CreateRosterEntryRequest.self), by: try req.requireStaff())
        return try await RosterView(db: req.db, services: req.services).response(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func removeEntry(req: Request) async throws -> HTTPStatus {
        try await Rosters(db: req.db, services: req.services).remove(try Self.id(req), by: try req.requireStaff())
        return .noContent
    }

    @Sendable func copyWeek(req: Request) async throws -> CopyWeekResponse {
        let result = try await Rosters(db: req.db, services: req.services).copyWeek(try req.content.decode(CopyWeekRequest.self), by: try req.requireStaff())
        let names = try await CasePeople.names(of: result.skipped.map(\.entry.userID), db: req.db)
        return CopyWeekResponse(copied: result.copied, skipped: result.skipped.map {
            .init(userName: names[$0.entry.userID] ?? "", date: $0.entry.shiftDate, reason: $0.reason)
        })
    }

    @Sendable func onDuty(req: Request) async throws -> OnDutyResponse {
        let team = req.query[String.self, at: "team_id"].flatMap(UUID.init(uuidString:))
        let now = req.services.now()
        return OnDutyResponse(at: now, items: try await RosterView(db: req.db, services: req.services).onDuty(at: now, teamID: team))
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let record = try await Attendance(db: req.db, services: req.services).signIn(try req.requireStaff())
        return try await AttendanceResponse(record, violationAfter: req.services.rulebook.fines.violationAfterMinutes).encodeResponse(status: .created, for: req)
    }

    @Sendable func signOut(req: Request) async throws -> AttendanceResponse {
        AttendanceResponse(try await Attendance(db: req.db, services: req.services).signOut(try req.requireStaff()),
                           violationAfter: req.services.rulebook.fines.violationAfterMinutes)
    }

    @Sendable func rollCall(req: Request) async throws -> HTTPStatus {
        _ = try await RollCalls(db: req.db, services: req.services, language: req.language)
            .save(try req.content.decode(RollCallRequest.self), by: try req.requireStaff())
        return .created
    }

    @Sendable func offPost(req: Request) async throws -> Response {
        let record = try await OffPost(db: req.db, services: req.services).request(try req.content.decode(OffPostRequest.self), by: try req.requireStaff())
        return try await OffPostResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func offPostReturn(req: Request) async throws -> OffPostResponse {
        OffPostResponse(try await OffPost(db: req.db, services: req.services).returned(try Self.id(req), by: try req.requireStaff()))
    }

    @Sendable func createHandover(req: Request) async throws -> Response {
        let record = try await Handovers(db: req.db, services: req.services).create(try req.content.decode(CreateHandoverRequest.self), by: try req.requireStaff())
        return try await HandoverResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func handover(req: Request) async throws -> HandoverResponse {
        let staff = try req.requireStaff()
        guard let record = try await HandoverRecord.find(try Self.id(req), on: req.db),
              HandoverView.canRead(record, staff: staff, rules: req.services.rulebook.attendance) else { throw DomainError.notFound(subject: "handover") }
        return HandoverResponse(record)
    }

    @Sendable func dutyLogs(req: Request) async throws -> ListResponse<DutyLogResponse> {
        ListResponse(items: try await DutyLogQueries(db: req.db).latest(limit: 100).map(DutyLogResponse.init))
    }

    @Sendable func createDutyLog(req: Request) async throws -> Response {
        let record = try await DutyLogs(db: req.db, services: req.services).create(try req.content.decode(CreateDutyLogRequest.self), by: try req.requireStaff())
        return try await DutyLogResponse(DutyLogEntry(record)).encodeResponse(status: .created, for: req)
    }
}
