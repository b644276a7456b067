import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/roster` (the supervisor's week grid with copy-week and the shift templates, SHF-19), `/roll-call`
/// (SHF-01/07, QA-06) and `/duty-logs` (RPT-03).
struct WorkforceWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "roster", access: .permission(.rosterManage), summary: "Roster week grid", use: roster)
        routes.on(.POST, "roster", access: .permission(.rosterManage), summary: "Add a roster entry (form)") { req in
            let v = try req.content.decode([String: String].self)
            return try await act(req, week: v["week"]) {
                _ = try await Rosters(db: req.db, services: req.services).add(CreateRosterEntryRequest(
                    userID: v["user_id"].flatMap(UUID.init(uuidString:)), date: v["date"], shiftTemplateID: v["shift_template_id"].flatMap(UUID.init(uuidString:)),
                    leads: v["leads"] == "on"), by: $0)
                return nil
            }
        }
        routes.on(.POST, "roster", ":id", "remove", access: .permission(.rosterManage), summary: "Remove a roster entry (form)") { req in
            let id = try WorkforceAPIController.id(req)
            return try await act(req, week: try? req.content.get(String.self, at: "week")) {
                try await Rosters(db: req.db, services: req.services).remove(id, by: $0); return nil
            }
        }
        routes.on(.POST, "roster", "copy-week", access: .permission(.rosterManage), summary: "Copy the week onto the next (form)") { req in
            let week = try? req.content.get(String.self, at: "week")
            return try await act(req, week: week) { staff in
                let from = week.flatMap(LocalDate.init) ?? LocalDate(year: 2000, month: 1, day: 3)
                let result = try await Rosters(db: req.db, services: req.services).copyWeek(
                    CopyWeekRequest(fromWeek: from.description, toWeek: QualityPeriod.adding(7, to: from).description, teamID: nil), by: staff)
                return req.t("roster.copied", ["\(result.copied)", "\(result.skipped.count)"])
            }
        }
        routes.on(.POST, "shift-templates", access: .permission(.rosterManage), summary: "Create a shift template (form)") { req in
            let v = try req.content.decode([String: String].self)
            return try await act(req, week: v["week"]) {
                _ = try await ShiftTemplates(db: req.db, services: req.services).create(CreateShiftTemplateRequest(
                    name: v["name"], startsAt: v["starts_at"], endsAt: v["ends_at"], breaks: v["breaks"]?.nilIfBlank.map { [$0] },
                    night: v["night"] == "on", holidayDuty: v["holiday_duty"] == "on"), by: $0)
                return nil
            }
        }
        routes.on(.GET, "roll-call", access: .permission(.attendanceRollCall), summary: "Roll call of a shift", use: rollCall)
        routes.on(.POST, "roll-call", access: .permission(.attendanceRollCall), summary: "Save the roll call (form)", use: saveRollCall)
        routes.on(.GET, "duty-logs", access: .permission(.dutyLogWrite), summary: "Duty log", use: dutyLogs)
        routes.on(.POST, "duty-logs", access: .permission(.dutyLogWrite), summary: "Write the duty log (form)", use: createDutyLog)
    }

    /// Runs a roster form action; the page is shown again with the outcome (a note or the refusal).
    func act(_ req: Request, week: String?, _ body: (StaffUser) async throws -> String?) async throws -> Response {
        do {
            let note = try await body(try req.requireStaff())
            let response = try await RosterPageBuilder(req: req).render(week: week, note: note, error: nil).encodeResponse(for: req)
            return response
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await RosterPageBuilder(req: req).render(week: week, note: nil, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func roster(req: Request) async throws -> View {
        try await RosterPageBuilder(req: req).render(week: req.query[String.self, at: "week"], note: nil, error: nil)
    }

    @Sendable func rollCall(req: Request) async throws -> View {
        try await RollCallPageBuilder(req: req).render(date: req.query[String.self, at: "date"], templateID: req.query[String.self, at: "shift_template_id"],
                                                       saved: false, error: nil)
    }

    @Sendable func saveRollCall(req: Request) async throws -> Response {
        struct Form: Content { var date: String?; var shift_template_id: String?; var comments: String?; var present: [String]? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await RollCalls(db: req.db, services: req.services, language: req.language).save(RollCallRequest(
                date: form.date, shiftTemplateID: form.shift_template_id.flatMap(UUID.init(uuidString:)), comments: form.comments,
                presentUserIDs: (form.present ?? []).compactMap(UUID.init(uuidString:))), by: try req.requireStaff())
            return try await RollCallPageBuilder(req: req).render(date: form.date, templateID: form.shift_template_id, saved: true, error: nil).encodeResponse(for: req)
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await RollCallPageBuilder(req: req).render(date: form.date, templateID: form.shift_template_id, saved: false, error: message)
                .encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func dutyLogs(req: Request) async throws -> View { try await renderDutyLogs(req, error: nil) }

    func renderDutyLogs(_ req: Request, error: String?) async throws -> View {
        let templates = try await RosterRepository(db: req.db).templates(activeOnly: true)
        return try await req.view.render("workforce/duty-logs", WorkforcePages.DutyLogPage(
            shell: PageShell(req, title: req.t("duty_log.title"), flashError: error),
            today: req.services.rulebook.calendar.localDate(of: req.services.now()).description,
            templates: templates.map { .init(value: $0.id!.uuidString, label: $0.name, selected: false) },
            entries: try await DutyLogQueries(db: req.db).latest(limit: 50).map(DutyLogResponse.init)))
    }

    @Sendable func createDutyLog(req: Request) async throws -> Response {
        let v = try req.content.decode([String: String].self)
        do {
            _ = try await DutyLogs(db: req.db, services: req.services).create(CreateDutyLogRequest(
                shiftDate: v["shift_date"]?.nilIfBlank, shiftTemplateID: v["shift_template_id"].flatMap(UUID.init(uuidString:)),
                summary: v["summary"], incidents: v["incidents"], instructions: v["instructions"]), by: try req.requireStaff())
            return req.redirect(to: "/duty-logs")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderDutyLogs(req, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }
}
