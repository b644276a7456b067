import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/my-shifts`: the agent's own shifts with the sign-in/out button (ATT-01/02, SHF-01), leaving the post
/// (SHF-09) and, for the leader on duty, the requests to decide; the handovers waiting for them.
struct ShiftDeskWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "my-shifts", access: .authenticated, summary: "My shifts, sign-in/out, leaving the post", use: page)
        routes.on(.POST, "my-shifts", "sign-in", access: .authenticated, summary: "Sign in (form)") { req in
            try await act(req) { _ = try await Attendance(db: req.db, services: req.services).signIn($0) }
        }
        routes.on(.POST, "my-shifts", "sign-out", access: .authenticated, summary: "Sign out (form)") { req in
            try await act(req) { _ = try await Attendance(db: req.db, services: req.services).signOut($0) }
        }
        routes.on(.POST, "my-shifts", "off-post", access: .authenticated, summary: "Ask to leave the post (form)") { req in
            let reason = try? req.content.get(String.self, at: "reason")
            return try await act(req) { _ = try await OffPost(db: req.db, services: req.services).request(OffPostRequest(reason: reason), by: $0) }
        }
        for action in ["approve", "reject", "return"] {
            routes.on(.POST, "my-shifts", "off-post", ":id", .constant(action), access: .authenticated, summary: "Leaving the post: \(action) (form)") { req in
                let id = try WorkforceAPIController.id(req)
                let offPost = OffPost(db: req.db, services: req.services)
                return try await act(req) { staff in
                    switch action {
                    case "return": _ = try await offPost.returned(id, by: staff)
                    default: _ = try await offPost.decide(id, action == "approve" ? .approve : .reject, by: staff)
                    }
                }
            }
        }
    }

    func act(_ req: Request, _ body: (StaffUser) async throws -> Void) async throws -> Response {
        do {
            try await body(try req.requireStaff())
            return req.redirect(to: "/my-shifts")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await render(req, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func page(req: Request) async throws -> View { try await render(req, flashError: nil) }

    func render(_ req: Request, flashError: String?) async throws -> View {
        let staff = try req.requireStaff()
        let rules = req.services.rulebook
        let now = req.services.now()
        let today = rules.calendar.localDate(of: now)
        let repository = RosterRepository(db: req.db)
        let attendance = Attendance(db: req.db, services: req.services)
        let entries = try await repository.entries(from: QualityPeriod.adding(-1, to: today).description, to: QualityPeriod.adding(13, to: today).description, userID: staff.id)
        let records = Dictionary(try await repository.attendance(rosterEntryIDs: entries.compactMap(\.id)).map { ($0.rosterEntryID, $0) }, uniquingKeysWith: { a, _ in a })
        let templates = try await RosterView(db: req.db, services: req.services).templateNames()
        let current = try await attendance.currentShift(of: staff.id, db: req.db)
        func line(_ e: RosterEntryRecord) -> WorkforcePages.ShiftLine {
            let record = records[e.id!]
            let verdict = attendance.judge(e, signedInAt: record?.signedInAt, signedOutAt: record?.signedOutAt, now: now)
            let day = LocalDate(e.shiftDate)
            return .init(date: e.shiftDate, weekday: day.map { req.t("weekday.\(rules.calendar.weekday(of: $0).key)") } ?? "",
                         shift: templates[e.shiftTemplateID] ?? "", time: "\(DisplayTime.format(e.startsAt, req))–\(DisplayTime.clock(e.endsAt, req))",
                         holiday: day.map { rules.calendar.holidays.contains($0) } ?? false, leads: e.leads,
                         status: WorkforceLabels.status(verdict, req: req), current: e.id == current?.id)
        }
        let open = current.flatMap { records[$0.id!] }
        let mine = try await OffPostRecord.query(on: req.db).filter(\.$userID == staff.id).filter(\.$state ~~ ["pending", "approved"]).first()
        var toApprove: [OffPostRecord] = []
        if !staff.roles.isDisjoint(with: rules.attendance.offPostApprovers) {
            toApprove = try await OffPostRecord.query(on: req.db).filter(\.$state == "pending").filter(\.$userID != staff.id).sort(\.$requestedAt).limit(50).all()
        }
        let names = try await CasePeople.names(of: toApprove.map(\.userID), db: req.db)
        func offLine(_ r: OffPostRecord) -> WorkforcePages.OffPostLine {
            .init(id: r.id!, who: names[r.userID] ?? staff.displayName, reason: r.reason, state: req.t("off_post.state.\(r.state)"),
                  since: DisplayTime.format(r.requestedAt, req), minutes: "\(Int(now.timeIntervalSince(r.decidedAt ?? r.requestedAt) / 60))", flag: "")
        }
        let handovers = try await HandoverRecord.query(on: req.db).group(.or) { $0.filter(\.$incomingUserID == staff.id).filter(\.$outgoingUserID == staff.id) }
            .filter(\.$state != "closed").sort(\.$createdAt, .descending).limit(20).all()
        let people = try await CasePeople.names(of: handovers.flatMap { [$0.incomingUserID, $0.outgoingUserID] }, db: req.db)
        return try await req.view.render("workforce/my-shifts", WorkforcePages.MyShiftsPage(
            shell: PageShell(req, title: req.t("shift.my_title"), flashError: flashError),
            current: current.map(line), canSignIn: current != nil && open == nil, canSignOut: open != nil && open?.signedOutAt == nil,
            signedIn: open.map { DisplayTime.format($0.signedInAt, req) },
            attendanceNote: open.map { WorkforceLabels.arrival($0, req: req, violationAfter: rules.fines.violationAfterMinutes) },
            shifts: entries.filter { $0.shiftDate >= today.description }.map(line), myOffPost: mine.map(offLine), toApprove: toApprove.map(offLine),
            handovers: handovers.map { .init(id: $0.id!, date: $0.shiftDate,
                                             other: people[$0.incomingUserID == staff.id ? $0.outgoingUserID : $0.incomingUserID] ?? "",
                                             state: req.t("handover.state.\($0.state)")) },
            earlyMinutes: rules.attendance.earlyArrivalMinutes))
    }
}
