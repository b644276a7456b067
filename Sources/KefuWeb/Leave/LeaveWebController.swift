import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/leave` (请假): the form, one's requests with balance and history, the team's requests for leaders; one
/// request's page with the sick-note hand-in; `/leave/calendar`, the month of the team's leave. The swap
/// pages live in `ShiftSwapWebController`; decisions happen on `/approvals`.
struct LeaveWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "leave", access: .authenticated, summary: "My leave: request form, history and balance; the team's requests", use: page)
        routes.on(.POST, "leave", access: .authenticated, summary: "Request leave (form)", use: file)
        routes.on(.GET, "leave", "calendar", access: .authenticated, summary: "Month calendar of the team's leave", use: calendarPage)
        routes.on(.GET, "leave", "chain", access: .authenticated, summary: "Who would decide a leave of this type and dates (the form's script)") { req in
            try await LeaveChainResponse.answer(req)
        }
        routes.on(.GET, "leave", ":id", access: .authenticated, summary: "One leave request", use: detail)
        routes.on(.POST, "leave", ":id", "withdraw", access: .authenticated, summary: "Withdraw a pending request (form)") { req in
            let id = try WorkforceAPIController.id(req)
            return try await act(req, values: [:]) { _ = try await LeaveRequests(db: req.db, services: req.services).withdraw(id, by: $0) }
        }
        routes.on(.POST, "leave", ":id", "hand-in", access: .authenticated, summary: "Hand in the sick note (form)", use: handIn)
        try ShiftSwapWebController().boot(routes: routes)
    }

    static let fields = ["type", "starts_at", "ends_at", "reason", "special", "emergency", "institution", "certificate_from", "certificate_to"]

    @Sendable func file(req: Request) async throws -> Response {
        var values: [String: String] = [:]
        for field in Self.fields { values[field] = try? req.content.get(String.self, at: field) }
        var certificate: CreateLeaveRequest.Certificate?
        if let institution = values["institution"], !institution.trimmingCharacters(in: .whitespaces).isEmpty {
            certificate = .init(institution: institution, periods: [.init(from: values["certificate_from"], to: values["certificate_to"])])
        }
        let input = CreateLeaveRequest(type: values["type"], startsAt: values["starts_at"], endsAt: values["ends_at"], reason: values["reason"],
                                       special: values["special"] != nil, emergency: values["emergency"] != nil, certificate: certificate)
        var filed: UUID?
        let response = try await act(req, values: values) { filed = try await LeaveRequests(db: req.db, services: req.services).file(input, by: $0).id }
        // The confirmation in words (what was filed, who decides it) is read back from the request itself.
        if let filed, response.status == .seeOther { return req.redirect(to: "/leave?filed=\(filed)") }
        return response
    }

    func act(_ req: Request, values: [String: String], _ body: (StaffUser) async throws -> Void) async throws -> Response {
        do {
            try await body(try req.requireStaff())
            return req.redirect(to: "/leave")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await render(req, values: values, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func page(req: Request) async throws -> View {
        // The form may be prefilled from the query (type and dates): the chain is then shown for them.
        var values: [String: String] = [:]
        for field in ["type", "starts_at", "ends_at"] { values[field] = req.query[String.self, at: field] }
        return try await render(req, values: values, flashError: nil, flash: try await filedConfirmation(req))
    }

    /// "已提交事假（12月8日–12月9日），等待客服部主任 王芳审批" after filing, read from the filed request.
    func filedConfirmation(_ req: Request) async throws -> String? {
        let staff = try req.requireStaff()
        guard let id = req.query[UUID.self, at: "filed"], let record = try await LeaveRequestRecord.find(id, on: req.db),
              record.userID == staff.id || record.filedBy == staff.id else { return nil }
        let what = req.t("leave.type.\(record.type)"), period = DisplayTime.period(record.startsAt, record.endsAt, req)
        guard record.state == "pending", let approvalID = record.approvalID, let approval = try await ApprovalRepository(db: req.db).find(approvalID),
              let waiting = try await LeaveChainPreview(req: req).waitingFor(approval) else {
            return req.t("leave.filed", [what, period])
        }
        return req.t("leave.filed_waiting", [what, period, waiting])
    }

    func render(_ req: Request, values: [String: String], flashError: String?, flash: String? = nil) async throws -> View {
        let staff = try req.requireStaff()
        let queries = LeaveQueries(db: req.db, services: req.services)
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        let balance = try await queries.balance(of: staff.id, year: today.year)
        let scope = try await queries.scope(staff, own: false)
        var team: [LeaveRequestRecord] = []
        if scope != .only(staff.id) { team = try await queries.leave(in: scope, state: "pending", after: nil, limit: 50).items }
        let names = try await CasePeople.names(of: team.map(\.userID) + [staff.id], db: req.db)
        let chosen = values["type"] ?? LeaveType.personal.rawValue
        let chain = try await chainWords(req, values: values)
        let decide = try await LeaveApprovalsToDecide.count(req)
        return try await req.view.render("leave/index", LeavePages.LeavePage(
            shell: PageShell(req, title: req.t("leave.title"), flash: flash, flashError: flashError),
            types: LeaveType.allCases.map { .init(value: $0.rawValue, label: req.t("leave.type.\($0.rawValue)"), selected: $0.rawValue == chosen) },
            values: values, mine: balance.history.map { Self.line($0, names: names, staff: staff, req: req) },
            team: team.map { Self.line($0, names: names, staff: staff, req: req) },
            totals: balance.approvedDays.sorted { $0.key < $1.key }.map { .init(type: req.t("leave.type.\($0.key)"), days: "\($0.value)") },
            year: today.year, pending: balance.pending, absenteeism: balance.absenteeism, seesTeam: scope != .only(staff.id),
            month: String(today.description.prefix(7)), chain: chain, leaveToDecide: decide.leave, swapsToDecide: decide.swaps,
            teamDecidedBy: decide.leave == 0 ? LeaveApprovalsToDecide.whoDecides(req) : nil))
    }

    /// LV-07 / LV-16 on the form: who decides the chosen type and dates, or — without dates yet — who decides
    /// each length. The form's script asks `/leave/chain` again as the type and dates change.
    func chainWords(_ req: Request, values: [String: String]) async throws -> LeavePages.Chain {
        let calendar = req.services.rulebook.calendar
        let type = values["type"].flatMap(LeaveType.init(rawValue:)) ?? .personal
        if let start = LeaveTime.parse(values["starts_at"], calendar: calendar), let end = LeaveTime.parse(values["ends_at"], calendar: calendar),
           end > start, end.timeIntervalSince(start) <= Double(LeaveRequests.maxDays) * 86_400 {
            let preview = try await LeaveChainPreview(req: req).preview(type: type, start: start, end: end)
            return LeavePages.Chain(decidedBy: preview.decidedBy, because: preview.because, ruleKey: preview.chain.ruleKey)
        }
        let overview = try await LeaveChainPreview(req: req).overview(type: type)
        return LeavePages.Chain(decidedBy: overview.decidedBy, because: overview.because,
                                ruleKey: type.isOfficial ? LeaveApprovalChain.officialRule : LeaveApprovalChain.byDaysRule)
    }

    static func line(_ r: LeaveRequestRecord, names: [UUID: String], staff: StaffUser, req: Request) -> LeavePages.Line {
        .init(id: r.id!, who: names[r.userID] ?? "", type: req.t("leave.type.\(r.type)"),
              period: "\(DisplayTime.format(r.startsAt, req)) – \(DisplayTime.format(r.endsAt, req))", days: r.days,
              state: req.t("leave.state.\(r.state)"), stateKey: r.state, absenteeism: r.absenteeismAt != nil,
              handInDue: (r.certificateNeeded || r.emergency) && r.handedInAt == nil && r.state != "withdrawn",
              canWithdraw: r.state == "pending" && (r.userID == staff.id || r.filedBy == staff.id))
    }

    @Sendable func detail(req: Request) async throws -> View {
        try await renderDetail(req, record: try await LeaveAPIController.visible(req), flashError: nil)
    }

    func renderDetail(_ req: Request, record: LeaveRequestRecord, flashError: String?) async throws -> View {
        let staff = try req.requireStaff()
        let names = try await CasePeople.names(of: [record.userID, record.filedBy], db: req.db)
        let line = Self.line(record, names: names, staff: staff, req: req)
        let fields: [LeavePages.Field] = [
            .init(label: req.t("leave.person"), value: line.who), .init(label: req.t("leave.type"), value: line.type),
            .init(label: req.t("leave.period"), value: line.period), .init(label: req.t("leave.days"), value: line.days),
            .init(label: req.t("leave.reason"), value: record.reason), .init(label: req.t("leave.notice_rule"), value: req.ruleTitle(record.noticeRule) ?? record.noticeRule),
            .init(label: req.t("leave.filed_by"), value: names[record.filedBy] ?? ""),
            .init(label: req.t("leave.certificate"), value: [record.certificateInstitution, record.certificatePeriods].compactMap { $0 }.joined(separator: " · ")),
            .init(label: req.t("leave.handed_in"), value: record.handedInAt.map { DisplayTime.format($0, req) } ?? "—"),
        ]
        return try await req.view.render("leave/show", LeavePages.LeaveDetailPage(
            shell: PageShell(req, title: req.t("leave.request_title"), flashError: flashError), line: line, fields: fields,
            approvalLink: record.approvalID.map { "/approvals/\($0)" }, canHandIn: line.handInDue))
    }

    @Sendable func handIn(req: Request) async throws -> Response {
        let record = try await LeaveAPIController.visible(req)
        let institution = try? req.content.get(String.self, at: "institution")
        var input = LeaveHandInRequest()
        if let institution, !institution.trimmingCharacters(in: .whitespaces).isEmpty {
            input.certificate = .init(institution: institution, periods: [.init(from: try? req.content.get(String.self, at: "certificate_from"),
                                                                                   to: try? req.content.get(String.self, at: "certificate_to"))])
        }
        do {
            _ = try await LeaveHandIn(db: req.db, services: req.services).handIn(record.id!, input, by: try req.requireStaff())
            return req.redirect(to: "/leave/\(record.id!)")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderDetail(req, record: record, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func calendarPage(req: Request) async throws -> View {
        try await LeaveCalendarPage.render(req)
    }
}
