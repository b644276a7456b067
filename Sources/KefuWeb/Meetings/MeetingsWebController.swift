import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/meetings`: upcoming meetings with the scheduling form (meetings.manage), and a meeting's page with
/// attendance, leave (MTG-14), minutes and decisions.
struct MeetingsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "meetings", access: .authenticated, summary: "Upcoming meetings", use: list)
        routes.on(.POST, "meetings", access: .permission(.meetingsManage), summary: "Schedule a meeting (form)", use: schedule)
        routes.on(.GET, "meetings", ":id", access: .authenticated, summary: "Meeting page", use: show)
        routes.on(.POST, "meetings", ":id", "leave", access: .authenticated, summary: "Ask for leave (form, MTG-14)", use: leave)
        routes.on(.POST, "meetings", ":id", "attendance", access: .permission(.meetingsManage), summary: "Mark attendance (form)", use: attendance)
        routes.on(.POST, "meetings", ":id", "minutes", access: .permission(.meetingsManage), summary: "Record minutes (form)", use: minutes)
        routes.on(.POST, "meetings", ":id", "decisions", ":decision", "done", access: .authenticated, summary: "A task decision is done (form)", use: taskDone)
        routes.on(.POST, "meetings", ":id", "decisions", access: .permission(.meetingsManage), summary: "Add a decision (form)", use: decision)
    }

    @Sendable func list(req: Request) async throws -> View {
        let template = req.query[String.self, at: "template"].flatMap { MeetingPages.prefill($0, req) }
        return try await renderList(req, values: template ?? [:], error: nil)
    }

    private func renderList(_ req: Request, values: [String: String], error: String?) async throws -> View {
        let staff = try req.requireStaff()
        let meetings = try await Meetings(db: req.db, services: req.services).list(from: req.services.now().addingTimeInterval(-7 * 86_400), by: staff)
        let now = req.services.now(), rules = req.services.rulebook.meetings, calendar = req.services.rulebook.calendar
        let next = MeetingKind.allCases.compactMap { kind in
            MeetingSchedule.next(kind, after: now, rules: rules, calendar: calendar).map { "\(req.t("meeting.kind.\(kind.rawValue)"))：\(DisplayTime.format($0, req))" }
        }
        return try await req.view.render("meetings/index", MeetingPages.ListPage(
            shell: PageShell(req, title: req.t("meeting.title"), flashError: error), rows: try await MeetingPages.rows(meetings, req: req),
            canManage: staff.has(.meetingsManage),
            kinds: MeetingKind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("meeting.kind.\($0.rawValue)"), selected: $0.rawValue == values["kind"]) },
            values: values, nextDates: next, templates: staff.has(.meetingsManage) ? MeetingPages.templateRows(req) : [],
            people: staff.has(.meetingsManage) ? try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all()
                .map { SelectOption(value: $0.id!.uuidString, label: $0.displayName) } : []))
    }

    /// The schedule form: text fields, plus the invited people of an ad-hoc meeting (`attendee_ids[]`).
    struct ScheduleForm: Content {
        let kind: String?, title: String?, starts_at: String?, location: String?, agenda: String?, attendee_ids: [String]?
        var values: [String: String] {
            ["kind": kind ?? "", "title": title ?? "", "starts_at": starts_at ?? "", "location": location ?? "", "agenda": agenda ?? ""]
        }
    }

    @Sendable func schedule(req: Request) async throws -> Response {
        let form = try req.content.decode(ScheduleForm.self)
        let values = form.values
        do {
            var startsAt: Date?
            if let text = values["starts_at"]?.nilIfBlank {
                guard let date = LocalDateTimeField.parse(text, calendar: req.services.rulebook.calendar) else {
                    throw DomainError.validation(fields: ["starts_at": "error.field.invalid_value"])
                }
                startsAt = date
            }
            let meeting = try await Meetings(db: req.db, services: req.services).schedule(.init(
                kind: values["kind"].flatMap(MeetingKind.init(rawValue:)), title: values["title"], startsAt: startsAt, location: values["location"],
                agenda: values["agenda"], chairID: nil,
                attendeeIDs: form.attendee_ids.map { $0.compactMap(UUID.init(uuidString:)) }.flatMap { $0.isEmpty ? nil : $0 }), by: try req.requireStaff())
            return req.redirect(to: "/meetings/\(meeting.id!)?flash=flash.meeting_scheduled")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderList(req, values: values, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let meeting = try await Meetings(db: req.db, services: req.services).readable(try MeetingsAPIController.id(req), by: try req.requireStaff())
        return try await req.view.render("meetings/show", try await MeetingPages.show(meeting, req: req))
    }

    /// Runs a meeting form action; a refusal re-renders the meeting page with the message.
    private func act(_ req: Request, _ body: (UUID, [String: String], StaffUser) async throws -> Void) async throws -> Response {
        let id = try MeetingsAPIController.id(req)
        let staff = try req.requireStaff()
        let values = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            try await body(id, values, staff)
            return req.redirect(to: "/meetings/\(id)?flash=flash.meeting_updated")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let meeting = try await Meetings(db: req.db, services: req.services).readable(id, by: staff)
            let response = try await req.view.render("meetings/show", try await MeetingPages.show(meeting, req: req, error: message)).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func leave(req: Request) async throws -> Response {
        try await act(req) { id, values, staff in
            _ = try await Meetings(db: req.db, services: req.services).requestLeave(
                id, reason: values["reason"], delegateID: values["delegate_id"]?.nilIfBlank.flatMap(UUID.init(uuidString:)), by: staff)
        }
    }

    @Sendable func attendance(req: Request) async throws -> Response {
        try await act(req) { id, values, staff in
            var marks: [UUID: String] = [:]
            for (key, value) in values where key.hasPrefix("status_") && value != "invited" {
                if let userID = UUID(uuidString: String(key.dropFirst("status_".count))) { marks[userID] = value }
            }
            _ = try await Meetings(db: req.db, services: req.services).markAttendance(id, marks, by: staff)
        }
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        try await act(req) { id, values, staff in
            _ = try await Meetings(db: req.db, services: req.services).recordMinutes(id, minutes: values["minutes"], expectedVersion: values["version"].flatMap { Int($0) }, by: staff)
        }
    }

    @Sendable func taskDone(req: Request) async throws -> Response {
        try await act(req) { id, _, staff in
            guard let decision = req.parameters.get("decision", as: UUID.self) else { throw DomainError.notFound(subject: "meeting_decision") }
            _ = try await Meetings(db: req.db, services: req.services).completeTask(id, decisionID: decision, by: staff)
        }
    }

    @Sendable func decision(req: Request) async throws -> Response {
        try await act(req) { id, values, staff in
            _ = try await Meetings(db: req.db, services: req.services).addDecision(id, .init(
                text: values["text"], followUp: values["follow_up"].flatMap(Meetings.FollowUp.init(rawValue:)),
                assigneeID: values["assignee_id"]?.nilIfBlank.flatMap(UUID.init(uuidString:)), dueOn: values["due_on"]?.nilIfBlank,
                catalog: nil, question: nil), by: staff)
        }
    }
}
