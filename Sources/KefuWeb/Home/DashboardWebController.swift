import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The home page: the user's inbox (newest notifications) and the approvals waiting for them.
struct DashboardWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, access: .authenticated, summary: "Dashboard", use: dashboard)
    }

    struct DashboardPage: Encodable {
        let shell: PageShell
        let greeting: String
        /// The unread notifications that need the user now (newest 10) and how many; the "for my information"
        /// ones only as a count (they come together in the morning digest).
        let notifications: [NotificationRow]
        let unreadCount: Int
        let informationUnread: Int
        let approvals: [ApprovalView]
        /// The agent's own work at a glance (cases.read holders): open, breached, stuck.
        let work: [String: Int]?
        let canCreateCase: Bool
        let isLeader: Bool
        /// SAT-10: the center's satisfaction and workload, for center-wide report readers.
        let kpis: CenterKPIs?
        /// KB-13 / FDN-05: notices the user has not confirmed yet, shift-start ones marked.
        let notices: [NoticePages.Row]
        /// Hospital mode (HOS): a button to the guide desk for its staff, only when the rulebook enables it.
        var hospitalDesk = false
        /// HOS-10: other departments' staff reach the desk with their requests.
        var hospitalRequests = false
        /// SHF-16: administrators are told when the current or (from 1 November) the coming year has no holidays.
        var holidayWarnings: [String] = []
    }

    @Sendable func dashboard(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let notifications = NotificationRepository(db: req.db)
        let inbox = try await notifications.inbox(userID: staff.id, section: .needsMe, filter: .unread, after: nil, limit: 10)
        let unread = try await notifications.unreadCount(userID: staff.id, section: .needsMe)
        let informationUnread = try await notifications.unreadCount(userID: staff.id, section: .forInformation)
        var approvals: [ApprovalView] = []
        if staff.has(.approvalsDecide) {
            let waiting = try await ApprovalRepository(db: req.db).list(.waiting(for: staff), after: nil, limit: 10).items
            approvals = try await ApprovalPresenter(req: req).views(waiting)
        }
        var work: [String: Int]?
        if staff.has(.casesRead) {
            let rules = req.services.rulebook
            let stuckBefore = CaseBoardWebController.instant(before: req.services.now(), rules.cases.backlogAfter, rules.calendar)
            let mine = try await CaseBoardQueries(db: req.db).load(scope: .all, stuckBefore: stuckBefore, assignees: [staff.id]).first
            work = ["open": mine?.open ?? 0, "breached": mine?.breached ?? 0, "stuck": mine?.stuck ?? 0]
        }
        let kpis = staff.has(.reportsRead) && ReportAccess.isCenterWide(staff.roles) ? try await CenterKPIs.load(req) : nil
        let notices = try await NoticeQueries(db: req.db).received(by: staff.id, unconfirmedOnly: true, after: nil, limit: 5).items
            .filter { $0.notice.archivedAt == nil }.map { NoticePages.row($0.notice, mine: $0.recipient, req) }
        var page = DashboardPage(shell: PageShell(req, title: req.t("dashboard.title")),
                                 greeting: req.t("dashboard.greeting", [staff.displayName]),
                                 notifications: inbox.items.map { NotificationRow($0, req) }, unreadCount: unread,
                                 informationUnread: informationUnread,
                                 approvals: approvals, work: work, canCreateCase: staff.has(.casesCreate), isLeader: staff.has(.casesAssign), kpis: kpis,
                                 notices: notices, hospitalDesk: req.hospitalEnabled && staff.has(.hospitalDesk),
                                 hospitalRequests: req.hospitalEnabled && !staff.has(.hospitalDesk) && staff.departmentID != nil)
        if staff.has(.rulebookManage) {
            page.holidayWarnings = HolidayWarnings.current(req.services).map { req.t($0.messageKey, [String($0.year)]) }
        }
        return try await req.view.render("home/dashboard", page)
    }
}


/// Times on pages: in the organization's time zone, `yyyy-MM-dd HH:mm`.
enum DisplayTime {
    /// Cheap enough for every row of a list: the calendar's date arithmetic, no DateFormatter per call.
    static func format(_ date: Date, _ req: Request) -> String { format(date, services: req.services) }

    /// The same outside a request (notification titles written by use cases).
    static func format(_ date: Date, services: AppServices) -> String {
        let calendar = services.rulebook.calendar
        let day = calendar.localDate(of: date)
        let minutes = Int(date.timeIntervalSince(calendar.startOfDay(day)) / 60)
        return "\(day) " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
