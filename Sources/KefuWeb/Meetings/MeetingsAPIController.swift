import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/meetings` (会议, REQUIREMENTS §19). Scheduling, attendance, minutes and decisions need
/// `meetings.manage`; an invited person reads the meeting and asks for leave (MTG-14).
struct MeetingsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "meetings")
        api.on(.POST, access: .permission(.meetingsManage), summary: "Schedule a meeting; recurring kinds default to their rulebook date (MTG-01..03, MTG-16)", request: ScheduleMeetingRequest.self, response: MeetingResponse.self, status: .created,
               use: schedule)
        api.on(.GET, access: .authenticated, summary: "Upcoming meetings (from=YYYY-MM-DD); one's own without meetings.manage", use: list)
        api.on(.GET, ":id", access: .authenticated, summary: "One meeting with attendees and decisions", use: show)
        api.on(.POST, ":id", "leave", access: .authenticated,
               summary: "Ask for leave at least meetings.leave_notice_minutes before the start, optionally naming a delegate (MTG-14)", request: MeetingLeaveRequest.self, use: leave)
        api.on(.POST, ":id", "attendance", access: .permission(.meetingsManage), summary: "Mark attendance: present, late, absent, excused", request: MeetingAttendanceRequest.self, use: attendance)
        api.on(.POST, ":id", "minutes", access: .permission(.meetingsManage), summary: "Record the minutes (会议纪要, MTG-05); the meeting is held", request: MeetingMinutesRequest.self, use: minutes)
        api.on(.POST, ":id", "decisions", access: .permission(.meetingsManage),
               summary: "Add a decision: none, kb (a knowledge-base draft of the unified wording, KB-12) or task", request: MeetingDecisionRequest.self, response: MeetingResponse.Decision.self, status: .created, use: decision)
        api.on(.POST, ":id", "decisions", ":decision", "done", access: .authenticated,
               summary: "A task decision is done: by its assignee or an organizer", request: NoBody.self, use: taskDone)
    }

    func meetings(_ req: Request) -> Meetings { Meetings(db: req.db, services: req.services) }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "meeting") }
        return id
    }

    func response(_ meeting: MeetingRecord, _ req: Request) async throws -> MeetingResponse {
        MeetingResponse(meeting, rules: req.services.rulebook.meetings, attendees: try await meetings(req).attendees(of: meeting.id!),
                        decisions: try await meetings(req).decisions(of: meeting.id!))
    }

    @Sendable func schedule(req: Request) async throws -> Response {
        let body = try req.content.decode(ScheduleMeetingRequest.self)
        let meeting = try await meetings(req).schedule(.init(kind: body.kind, title: body.title, startsAt: body.startsAt, location: body.location,
                                                             agenda: body.agenda, chairID: body.chairID, attendeeIDs: body.attendeeIDs),
                                                       by: try req.requireStaff())
        return try await response(meeting, req).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<MeetingResponse> {
        var from = req.services.now().addingTimeInterval(-7 * 86_400)
        if let text = req.query[String.self, at: "from"] {
            guard let day = LocalDate(text) else { throw DomainError.validation(fields: ["from": "error.field.invalid_value"]) }
            from = req.services.rulebook.calendar.startOfDay(day)
        }
        let rows = try await meetings(req).list(from: from, by: try req.requireStaff())
        return ListResponse(items: rows.map { MeetingResponse($0, rules: req.services.rulebook.meetings) })
    }

    @Sendable func show(req: Request) async throws -> MeetingResponse {
        try await response(try await meetings(req).readable(try Self.id(req), by: try req.requireStaff()), req)
    }

    @Sendable func leave(req: Request) async throws -> MeetingResponse {
        let body = try req.content.decode(MeetingLeaveRequest.self)
        let id = try Self.id(req)
        _ = try await meetings(req).requestLeave(id, reason: body.reason, delegateID: body.delegateID, by: try req.requireStaff())
        return try await show(req: req)
    }

    @Sendable func attendance(req: Request) async throws -> MeetingResponse {
        let body = try req.content.decode(MeetingAttendanceRequest.self)
        let marks = Dictionary(body.entries.map { ($0.userID, $0.status) }, uniquingKeysWith: { _, b in b })
        _ = try await meetings(req).markAttendance(try Self.id(req), marks, by: try req.requireStaff())
        return try await show(req: req)
    }

    @Sendable func minutes(req: Request) async throws -> MeetingResponse {
        let body = try req.content.decode(MeetingMinutesRequest.self)
        let meeting = try await meetings(req).recordMinutes(try Self.id(req), minutes: body.minutes, expectedVersion: body.version ?? req.headers.first(name: .ifMatch).flatMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))) },
                                                            by: try req.requireStaff())
        return try await response(meeting, req)
    }

    @Sendable func taskDone(req: Request) async throws -> MeetingResponse.Decision {
        guard let decision = req.parameters.get("decision", as: UUID.self) else { throw DomainError.notFound(subject: "meeting_decision") }
        return MeetingResponse.Decision(try await meetings(req).completeTask(try Self.id(req), decisionID: decision, by: try req.requireStaff()))
    }

    @Sendable func decision(req: Request) async throws -> Response {
        let body = try req.content.decode(MeetingDecisionRequest.self)
        let record = try await meetings(req).addDecision(try Self.id(req), .init(
            text: body.text, followUp: body.followUp, assigneeID: body.assigneeID, dueOn: body.dueOn, catalog: body.catalog, question: body.question),
            by: try req.requireStaff())
        return try await MeetingResponse.Decision(record).encodeResponse(status: .created, for: req)
    }
}
