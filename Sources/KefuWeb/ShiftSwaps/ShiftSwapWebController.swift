import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/shift-swaps` (换班): the form (my coming shifts, colleagues' coming shifts in my department's teams),
/// my swaps and the team's; `/shift-swaps/{id}/print`, the printable 换班登记表 (SWP-02).
struct ShiftSwapWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "shift-swaps", access: .authenticated, summary: "My shift swaps and the request form", use: page)
        routes.on(.POST, "shift-swaps", access: .authenticated, summary: "Request a shift swap (form)", use: request)
        routes.on(.POST, "shift-swaps", ":id", "withdraw", access: .authenticated, summary: "Withdraw a pending swap (form)") { req in
            let id = try WorkforceAPIController.id(req)
            return try await act(req, values: [:]) { _ = try await ShiftSwaps(db: req.db, services: req.services).withdraw(id, by: $0) }
        }
        routes.on(.GET, "shift-swaps", ":id", "print", access: .authenticated, summary: "换班登记表 (printable)", use: printPage)
    }

    @Sendable func request(req: Request) async throws -> Response {
        var values: [String: String] = [:]
        for field in ["requester_roster_id", "counterpart_roster_id", "return_roster_id", "reason"] { values[field] = try? req.content.get(String.self, at: field) }
        let input = CreateShiftSwapRequest(requesterRosterID: values["requester_roster_id"].flatMap(UUID.init(uuidString:)),
                                           counterpartRosterID: values["counterpart_roster_id"].flatMap(UUID.init(uuidString:)),
                                           returnRosterID: values["return_roster_id"].flatMap(UUID.init(uuidString:)), reason: values["reason"])
        return try await act(req, values: values) { _ = try await ShiftSwaps(db: req.db, services: req.services).request(input, by: $0) }
    }

    func act(_ req: Request, values: [String: String], _ body: (StaffUser) async throws -> Void) async throws -> Response {
        do {
            try await body(try req.requireStaff())
            return req.redirect(to: "/shift-swaps")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await render(req, values: values, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func page(req: Request) async throws -> View { try await render(req, values: [:], flashError: nil) }

    func render(_ req: Request, values: [String: String], flashError: String?) async throws -> View {
        let staff = try req.requireStaff()
        let calendar = req.services.rulebook.calendar
        let now = req.services.now()
        let from = calendar.localDate(of: now).description, to = QualityPeriod.adding(31, to: calendar.localDate(of: now)).description
        let roster = RosterRepository(db: req.db)
        let mine = try await roster.entries(from: from, to: to, userID: staff.id).filter { $0.startsAt > now }
        // Partners come from the teams of one's department (a swap across teams needs both leaders, SWP-02).
        var teamIDs = staff.teamID.map { [$0] } ?? []
        if let department = staff.departmentID {
            teamIDs = try await TeamRecord.query(on: req.db).filter(\.$departmentID == department).filter(\.$active == true).limit(50).all().compactMap(\.id)
        }
        var theirs: [RosterEntryRecord] = []
        if !teamIDs.isEmpty {
            theirs = try await RosterEntryRecord.query(on: req.db).filter(\.$shiftDate >= from).filter(\.$shiftDate <= to).filter(\.$teamID ~~ teamIDs)
                .sort(\.$shiftDate).sort(\.$startsAt).limit(500).all()
        }
        theirs = theirs.filter { $0.userID != staff.id && $0.startsAt > now }
        let templates = try await RosterView(db: req.db, services: req.services).templateNames()
        let queries = LeaveQueries(db: req.db, services: req.services)
        let swaps = try await queries.swaps(in: try await queries.scope(staff, own: false), after: nil, limit: 50).items
        let names = try await CasePeople.names(of: theirs.map(\.userID) + swaps.flatMap { [$0.requesterID, $0.counterpartID] }, db: req.db)
        func option(_ e: RosterEntryRecord, _ field: String) -> LeavePages.Option {
            .init(value: e.id!.uuidString, label: "\(e.shiftDate) \(templates[e.shiftTemplateID] ?? "") \(DisplayTime.clock(e.startsAt, req))–\(DisplayTime.clock(e.endsAt, req))"
                    + (e.userID == staff.id ? "" : " · \(names[e.userID] ?? "")"), selected: values[field] == e.id!.uuidString)
        }
        return try await req.view.render("leave/swaps", LeavePages.SwapsPage(
            shell: PageShell(req, title: req.t("swap.title"), flashError: flashError),
            mine: mine.map { option($0, "requester_roster_id") }, theirs: theirs.map { option($0, "counterpart_roster_id") }, values: values,
            swaps: swaps.map { .init(id: $0.id!, requester: names[$0.requesterID] ?? "", counterpart: names[$0.counterpartID] ?? "",
                                     swapDate: $0.swapDate, returnDate: $0.returnDate, state: req.t("leave.state.\($0.state)"),
                                     canWithdraw: $0.state == "pending" && $0.requesterID == staff.id, missed: $0.missedUserID != nil) },
            maxPerMonth: req.services.rulebook.shiftSwap.maxPerMonth))
    }

    @Sendable func printPage(req: Request) async throws -> View {
        let record = try await LeaveAPIController.visibleSwap(req)
        let people = Dictionary(try await UserRepository(db: req.db).find(ids: [record.requesterID, record.counterpartID]).map { ($0.id!, $0) },
                                uniquingKeysWith: { a, _ in a })
        let entries = try await RosterEntryRecord.query(on: req.db).filter(\.$id ~~ record.rosterIDs).all()
        let templates = try await RosterView(db: req.db, services: req.services).templateNames()
        func shift(_ id: UUID?) -> String {
            guard let id, let e = entries.first(where: { $0.id == id }) else { return "—" }
            return "\(e.shiftDate) \(templates[e.shiftTemplateID] ?? "") \(DisplayTime.clock(e.startsAt, req))–\(DisplayTime.clock(e.endsAt, req))"
        }
        func person(_ id: UUID) -> String {
            guard let p = people[id] else { return "" }
            let job = SwapPartners.jobType(of: p.roles).map { req.t("role.\($0.rawValue)") } ?? ""
            return [p.displayName, job, p.grade.map { req.t("grade.\($0)") } ?? "", p.skill.map { req.t("skill.\($0)") } ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
        }
        var approval: Approval?
        if let approvalID = record.approvalID { approval = try await ApprovalRepository(db: req.db).find(approvalID) }
        let deciders = try await CasePeople.names(of: approval?.steps.compactMap(\.decidedBy) ?? [], db: req.db)
        let signatures = (approval?.steps ?? []).map { step in
            LeavePages.Field(label: req.t(step.position == 0 ? "swap.leader_requester" : "swap.leader_counterpart"),
                             value: step.decidedBy.map { "\(deciders[$0] ?? "") \(req.t("approval.step.\(step.state.rawValue)"))" } ?? req.t("approval.step.\(step.state.rawValue)"))
        }
        return try await req.view.render("leave/print", LeavePages.PrintPage(
            shell: PageShell(req, title: req.t("swap.form_title")), title: req.t("swap.form_title"), fields: [
                .init(label: req.t("swap.requester"), value: person(record.requesterID)),
                .init(label: req.t("swap.counterpart"), value: person(record.counterpartID)),
                .init(label: req.t("swap.swap_shift"), value: shift(record.requesterRosterID)),
                .init(label: req.t("swap.counterpart_shift"), value: shift(record.counterpartRosterID)),
                .init(label: req.t("swap.return_shift"), value: shift(record.returnRosterID ?? record.counterpartRosterID)),
                .init(label: req.t("swap.reason"), value: record.reason),
                .init(label: req.t("swap.state"), value: req.t("leave.state.\(record.state)")),
            ], signatures: signatures))
    }
}
