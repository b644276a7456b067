import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/duties` (SEC-13..19): my duties today with a big 完成 button, the supervisor's check (合格/不合格) of
/// today's done duties, and the week's roster. Refusals re-render the page with the message.
struct DutiesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "duties", access: .authenticated, summary: "My duties today, the supervisor's checks and the week's roster", use: page)
        routes.on(.POST, "duties", "generate", access: .permission(.safetyManage), summary: "Generate today's duties (form)", use: generate)
        routes.on(.POST, "duties", ":id", "done", access: .authenticated, summary: "Mark my duty done (form)", use: done)
        routes.on(.POST, "duties", ":id", "check", access: .permission(.safetyManage), summary: "Check a done duty: pass or fail (form)", use: check)
        routes.on(.POST, "duties", ":id", "assign", access: .authenticated, summary: "Reassign a duty (form; SEC-17)", use: assign)
    }

    struct Row: Encodable {
        let id: UUID, date: String, kind: String, zone: String?, assignee: String, due: String, state: String, stateLabel: String
        let overdue: Bool, open: Bool, done: Bool, note: String?, redoCount: Int, mine: Bool
    }
    struct Day: Encodable { let date: String, rows: [Row] }
    struct Page: Encodable {
        let shell: PageShell, today: String, mine: [Row], toCheck: [Row], todayAll: [Row], week: [Day], canManage: Bool
        /// Who a duty can be handed to (SEC-17), for supervisors.
        var people: [SelectOption] = []
    }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, refusal: nil) }

    func render(_ req: Request, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let manage = staff.has(.safetyManage)
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        let monday = DutyRoster.date(today, adding: 1 - calendar.weekday(of: today).rawValue)
        let sunday = DutyRoster.date(monday, adding: 6)
        let queries = DutyQueries(db: req.db)
        // Mine: today's, plus any earlier one still to do (a redo or an overdue duty).
        let mine = try await DutyRecord.query(on: req.db).filter(\.$assigneeID == staff.id).filter(\.$dutyDate <= today.description)
            .filter(\.$dutyDate >= DutyRoster.date(today, adding: -7).description).sort(\.$dueAt).limit(100).all()
            .filter { $0.dutyDate == today.description || DutyState.open.map(\.rawValue).contains($0.state) }
        let week = try await queries.page(.init(from: monday.description, to: sunday.description, assigneeID: manage ? nil : staff.id),
                                          after: nil, limit: 200).items
        let todayAll = manage ? try await queries.page(.init(date: today.description), after: nil, limit: 200).items : []
        let toCheck = manage ? try await queries.page(.init(state: .done), after: nil, limit: 100).items : []
        let days = Dictionary(grouping: week.map { row($0, req, staff) }, by: \.date).sorted { $0.key < $1.key }.map { Day(date: $0.key, rows: $0.value) }
        let view = try await req.view.render("duties/index", Page(
            shell: PageShell(req, title: req.t("duty.title"), flashError: refusal?.message), today: today.description,
            mine: mine.map { row($0, req, staff) }, toCheck: toCheck.map { row($0, req, staff) }, todayAll: todayAll.map { row($0, req, staff) },
            week: days, canManage: manage,
            people: manage ? try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all()
                .map { SelectOption(value: $0.id!.uuidString, label: $0.displayName) } : []))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    func row(_ d: DutyRecord, _ req: Request, _ staff: StaffUser) -> Row {
        Row(id: d.id!, date: d.dutyDate, kind: req.t("duty.kind.\(d.kind)"), zone: d.zone.isEmpty ? nil : d.zone, assignee: d.assigneeName,
            due: DisplayTime.format(d.dueAt, req), state: d.state, stateLabel: req.t("duty.state.\(d.state)"),
            overdue: d.flaggedAt != nil || (DutyState.open.map(\.rawValue).contains(d.state) && d.dueAt < req.services.now()),
            open: DutyState.open.map(\.rawValue).contains(d.state), done: d.state == DutyState.done.rawValue, note: d.checkNote,
            redoCount: d.redoCount, mine: d.assigneeID == staff.id)
    }

    @Sendable func generate(req: Request) async throws -> Response {
        let today = req.services.rulebook.calendar.localDate(of: req.services.now())
        _ = try await DutyGeneration(db: req.db, services: req.services).generate(today)
        return req.redirect(to: "/duties?flash=flash.duties_generated")
    }

    @Sendable func done(req: Request) async throws -> Response {
        do {
            _ = try await Duties(db: req.db, services: req.services).markDone(try DutiesAPIController.id(req), by: req.requireStaff())
            return req.redirect(to: "/duties?flash=flash.duty_done")
        } catch let error as DomainError {
            return try await render(req, refusal: req.refusal(error))
        }
    }

    @Sendable func assign(req: Request) async throws -> Response {
        struct Form: Content { let assignee_id: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await Duties(db: req.db, services: req.services).reassign(
                try DutiesAPIController.id(req), to: form.assignee_id.flatMap(UUID.init(uuidString:)), by: req.requireStaff())
            return req.redirect(to: "/duties?flash=flash.duty_checked")
        } catch let error as DomainError {
            return try await render(req, refusal: req.refusal(error))
        }
    }

    @Sendable func check(req: Request) async throws -> Response {
        struct Form: Content { let result: String?, note: String? }
        let form = try req.content.decode(Form.self)
        do {
            let passed: Bool? = form.result == "pass" ? true : form.result == "fail" ? false : nil
            _ = try await Duties(db: req.db, services: req.services).check(try DutiesAPIController.id(req), passed: passed, note: form.note, by: req.requireStaff())
            return req.redirect(to: "/duties?flash=flash.duty_checked")
        } catch let error as DomainError {
            return try await render(req, refusal: req.refusal(error))
        }
    }
}
