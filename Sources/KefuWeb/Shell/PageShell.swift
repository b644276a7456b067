import Foundation
import FluentKit
import Fluent
import KefuDomain
import Vapor

/// What the layout needs on every page: title, language, CSRF token, the user and the navigation
/// for their roles. Labels are resolved here in the request's language.
struct PageShell: Encodable {
    struct NavItem: Encodable {
        let label: String
        let href: String
        let active: Bool
    }

    let title: String
    let language: String
    /// The organization's time zone (IANA name): script that shows a time (live chat messages) renders it in
    /// this zone, never the browser's.
    let timeZone: String
    /// This page's path, for the language switch to come back to.
    let path: String
    let csrfToken: String
    let userName: String?
    let nav: [NavItem]
    let adminNav: [NavItem]
    /// Tabs under the main bar for a section with several pages (排班考勤 for leaders).
    let subnav: [NavItem]
    let flash: String?
    let flashError: String?

    init(_ request: Request, title: String, flash: String? = nil, flashError: String? = nil) {
        self.title = title
        language = request.language.rawValue
        timeZone = request.services.rulebook.calendar.timeZone.identifier
        path = request.method == .GET ? request.url.path : "/"
        csrfToken = CSRF.token(for: request)
        userName = request.staff?.displayName
        self.flash = flash ?? request.query[String.self, at: "flash"].flatMap { Self.flashKeys.contains($0) ? request.t($0) : nil }
        self.flashError = flashError
        let path = request.url.path
        func item(_ key: String, _ href: String) -> NavItem {
            NavItem(label: request.t(key), href: href,
                    active: href == "/" ? path == "/" : path.hasPrefix(href) && !(href == "/cases" && path.hasPrefix("/cases/board")) && !(href == "/complaints" && path.hasPrefix("/complaints/reviews"))
                        && !(href == "/admin/rulebook" && path.hasPrefix("/admin/rulebook/holidays")))
        }
        guard let staff = request.staff else { nav = []; adminNav = []; subnav = []; return }
        var main = [item("nav.dashboard", "/")]
        // 工单 and the live-chat console (网络客服) share one entry; the console is a tab of it.
        let casesSection = path.hasPrefix("/console/chat") || (path.hasPrefix("/cases") && !path.hasPrefix("/cases/board"))
        if staff.has(.casesRead) { main.append(NavItem(label: request.t("nav.cases"), href: "/cases", active: casesSection)) }
        if staff.has(.casesAssign) { main.append(item("nav.board", "/cases/board")) }
        if staff.roles.contains(request.services.rulebook.service.dispatcher) { main.append(item("nav.dispatch", "/service/dispatch")) }
        if staff.has(.complaintsWork) { main.append(item("nav.complaints", "/complaints")) }
        if staff.has(.complaintsReview) { main.append(item("nav.complaint_reviews", "/complaints/reviews")) }
        if staff.has(.returnVisitsWork) { main.append(item("nav.return_visits", "/return-visits")) }
        if staff.has(.customersRead) { main.append(item("nav.customers", "/customers")) }
        if staff.has(.kbRead) { main.append(item("nav.kb", "/kb")) }
        // 通知 groups the inbox, the notices (FDN) and the phone messages (FDP) under one entry with tabs.
        let inbox = Self.inboxPaths.contains { path.hasPrefix($0) }
        main.append(NavItem(label: request.t("nav.notifications"), href: "/notifications", active: inbox))
        if staff.has(.approvalsDecide) { main.append(item("nav.approvals", "/approvals")) }
        // 问责: managers and the appeal reviewer see the register; everyone else their own cases.
        let seesAccountability = staff.has(.accountabilityManage) || staff.roles.contains(request.services.rulebook.accountability.appealTo)
        main.append(item(seesAccountability ? "nav.accountability" : "nav.accountability_mine", "/accountability"))
        // 质检: inspectors and directors see the board; everyone sees their own scorecards.
        main.append(staff.has(.qaInspect) ? item("nav.qa", "/qa") : item("nav.qa_mine", "/qa/mine"))
        if staff.has(.reportsRead) { main.append(item("nav.reports", "/reports")) }
        if staff.has(.frontDeskWork) { main.append(item("nav.front_desk", "/front-desk")) }
        // 奖罚 (§14): readers see the month's overview; everyone their own statement.
        main.append(staff.has(.finesRead) ? item("nav.fines", "/fines") : item("nav.fines_mine", "/fines/statement"))
        main.append(item(staff.has(.meetingsManage) ? "nav.meetings" : "nav.meetings_mine", "/meetings"))
        // 排班考勤 (SHF, ATT): one entry in the main bar (it is full); the roster, roll call and duty log of the
        // leaders are tabs on those pages.
        let workforce = Self.workforcePaths.contains { path.hasPrefix($0) }
        main.append(NavItem(label: request.t("nav.my_shifts"), href: "/my-shifts", active: workforce))
        nav = main
        var admin: [NavItem] = []
        if staff.has(.usersManage) { admin.append(item("nav.users", "/admin/users")) }
        if staff.has(.organizationManage) {
            admin.append(item("nav.departments", "/admin/departments"))
            admin.append(item("nav.teams", "/admin/teams"))
        }
        if staff.has(.rulebookRead) {
            admin.append(item("nav.rulebook", "/admin/rulebook"))
            admin.append(item("nav.holidays", "/admin/rulebook/holidays"))
        }
        adminNav = admin
        var tabs: [NavItem] = []
        if workforce {
            tabs.append(item("nav.my_shifts_tab", "/my-shifts"))
            tabs.append(item("nav.leave", "/leave"))
            tabs.append(item("nav.shift_swaps", "/shift-swaps"))
            if staff.has(.rosterManage) { tabs.append(item("nav.roster", "/roster")) }
            if staff.has(.attendanceRollCall) { tabs.append(item("nav.roll_call", "/roll-call")) }
            if staff.has(.dutyLogWrite) { tabs.append(item("nav.duty_log", "/duty-logs")) }
            tabs.append(item("nav.training", "/training"))
            tabs.append(item("nav.evaluations", "/evaluations"))
            tabs.append(item("nav.duties", "/duties"))
            tabs.append(item("nav.inspections", "/inspections"))
        }
        if casesSection, staff.has(.chatServe) {
            tabs.append(NavItem(label: request.t("nav.cases_tab"), href: "/cases", active: path.hasPrefix("/cases")))
            tabs.append(item("nav.chat_console", "/console/chat"))
        }
        if inbox {
            tabs.append(item("nav.inbox_tab", "/notifications"))
            tabs.append(item("nav.notices", "/notices"))
            tabs.append(item("nav.messages", "/messages"))
            tabs.append(item("nav.rule_feedback", "/rule-feedback"))
        }
        subnav = tabs.count > 1 ? tabs : []
    }

    /// The workforce pages, which share the 排班考勤 entry and its tabs.
    static let workforcePaths = ["/my-shifts", "/roster", "/roll-call", "/duty-logs", "/handovers", "/training", "/leave", "/shift-swaps", "/evaluations", "/duties", "/inspections", "/safety-requests"]

    /// The inbox pages, which share the 通知 entry and its tabs.
    static let inboxPaths = ["/notifications", "/notices", "/messages", "/rule-feedback"]

    /// Flash messages a redirect may name in `?flash=`; anything else is ignored (no reflected text).
    static let flashKeys: Set<String> = [
        "flash.user_created", "flash.department_created", "flash.team_created", "flash.password_changed",
        "flash.approval_decided", "flash.customer_registered", "flash.notifications_read", "flash.notifications_all_read", "flash.user_updated",
        "flash.case_opened", "flash.case_updated", "flash.accountability_opened", "flash.accountability_updated",
        "flash.qa_saved", "flash.qa_updated", "flash.qa_plan_saved", "flash.report_submitted", "flash.message_taken", "flash.message_read", "flash.visitor_saved",
        "flash.parcel_saved", "flash.supply_saved",
        "flash.rulebook_scheduled", "flash.holidays_saved", "flash.rulebook_cancelled", "flash.feedback_filed", "flash.feedback_answered",
        "flash.qa_saved", "flash.qa_updated", "flash.qa_plan_saved", "flash.fines_violation_recorded", "flash.fines_reward_recorded", "flash.fines_paid",
        "flash.meeting_scheduled", "flash.meeting_updated",
        "flash.notice_published", "flash.notice_confirmed", "flash.notice_delivered", "flash.notice_reminded", "flash.notice_archived",
        "flash.evaluation_closed", "flash.evaluation_saved", "flash.promotion_nominated", "flash.training_scheduled", "flash.training_mentor", "flash.training_result", "flash.assessment_saved", "flash.card_issued", "flash.card_returned", "flash.card_lost", "flash.access_reported", "flash.access_resolved",
        "flash.room_saved",
        "flash.hospital_arrived", "flash.hospital_step", "flash.hospital_referred", "flash.hospital_accepted", "flash.hospital_registered", "flash.hospital_request_sent",
        "flash.upward_filed", "flash.upward_updated",
        "flash.duty_done", "flash.duty_checked", "flash.duties_generated", "flash.inspection_saved", "flash.finding_closed",
        "flash.closing_saved", "flash.safety_requested", "flash.safety_started",
        "flash.chat_transferred", "flash.chat_invited",
    ]
}
