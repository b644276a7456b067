import Foundation
import FluentKit
import Fluent
import KefuCore
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

    struct NavGroup: Encodable {
        /// Stable id for the toggle and its menu (`service`, `admin` …).
        let id: String
        let label: String
        /// Whether the current page is in this group.
        let active: Bool
        let items: [NavItem]
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
    /// The direct links of the main bar: the dashboard and the role's daily work (`NavigationMenu`).
    let nav: [NavItem]
    /// Everything else, in groups that open as dropdown menus.
    let navGroups: [NavGroup]
    /// Tabs under the main bar for a section with several pages (排班考勤 for leaders).
    let subnav: [NavItem]
    let flash: String?
    let flashError: String?
    /// A refused form's summary and fields, linked to the fields by forms.js (issue 21 §7).
    let refusalSummary: String?
    let refusedFields: [FormRefusal.Field]

    init(_ request: Request, title: String, flash: String? = nil, flashError: String? = nil) {
        self.title = title
        language = request.language.rawValue
        timeZone = request.services.rulebook.calendar.timeZone.identifier
        path = request.method == .GET ? request.url.path : "/"
        csrfToken = CSRF.token(for: request)
        userName = request.staff?.displayName
        self.flash = flash ?? Confirmation.carried(by: request)?.text(request) ?? request.query[String.self, at: "flash"].flatMap { Self.flashKeys.contains($0) ? request.t($0) : nil }
        self.flashError = flashError
        let refusal = flashError == nil ? nil : request.storage[FormRefusal.Key.self]
        refusalSummary = refusal?.summary
        refusedFields = refusal?.fields ?? []
        let path = request.url.path
        guard let staff = request.staff else { nav = []; navGroups = []; subnav = []; return }
        let menu = NavigationMenu(for: NavigationMenu.Viewer(
            roles: staff.roles, permissions: staff.permissions, dispatcher: request.services.rulebook.service.dispatcher,
            accountabilityAppealTo: request.services.rulebook.accountability.appealTo))
        let current = Self.currentHref(path, among: ["/"] + menu.allLinks.map(\.href))
        func link(_ link: NavigationMenu.Link) -> NavItem {
            NavItem(label: request.t(link.key), href: link.href, active: link.href == current)
        }
        nav = [link(NavigationMenu.Link(key: "nav.dashboard", href: "/"))] + menu.pinned.map(link)
        navGroups = menu.groups.map { group in
            NavGroup(id: group.id, label: request.t(group.key), active: group.links.contains { $0.href == current },
                     items: group.links.map(link))
        }
        func item(_ key: String, _ href: String) -> NavItem {
            NavItem(label: request.t(key), href: href, active: Self.currentHref(path, among: [href]) == href)
        }
        let casesSection = path.hasPrefix("/console/chat") || (path.hasPrefix("/cases") && !path.hasPrefix("/cases/board"))
        let workforce = Self.workforcePaths.contains { path.hasPrefix($0) }
        let inbox = Self.inboxPaths.contains { path.hasPrefix($0) }
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

    /// The link of the current page: the longest `href` that is the path or a folder above it, so that
    /// `/cases/board` marks 班长看板 and not 工单, and `/leave/calendar` marks 请假.
    static func currentHref(_ path: String, among hrefs: [String]) -> String? {
        hrefs.filter { $0 == path || ($0 != "/" && path.hasPrefix($0 + "/")) }.max { $0.count < $1.count }
    }

    /// The workforce pages, which share the tabs of 我的班次.
    static let workforcePaths = ["/my-shifts", "/roster", "/roll-call", "/duty-logs", "/handovers", "/training", "/leave", "/shift-swaps", "/evaluations", "/duties", "/inspections", "/safety-requests"]

    /// The inbox pages, which share the tabs of 系统通知.
    static let inboxPaths = ["/notifications", "/notices", "/messages", "/rule-feedback"]

    /// Flash messages a redirect may name in `?flash=`; anything else is ignored (no reflected text).
    static let flashKeys: Set<String> = [
        "flash.user_created", "flash.department_created", "flash.team_created", "flash.password_changed",
        "flash.approval_decided", "flash.customer_registered", "flash.notifications_read", "flash.notifications_all_read", "flash.user_updated",
        "flash.accountability_opened", "flash.accountability_updated",
        "flash.qa_saved", "flash.qa_updated", "flash.qa_plan_saved", "flash.report_submitted", "flash.message_taken", "flash.message_read", "flash.visitor_saved",
        "flash.rulebook_scheduled", "flash.holidays_saved", "flash.rulebook_cancelled", "flash.feedback_filed", "flash.feedback_answered",
        "flash.qa_saved", "flash.qa_updated", "flash.qa_plan_saved", "flash.fines_violation_recorded", "flash.fines_reward_recorded", "flash.fines_paid",
        "flash.meeting_scheduled", "flash.meeting_updated",
        "flash.notice_published", "flash.notice_confirmed", "flash.notice_delivered", "flash.notice_reminded", "flash.notice_archived",
        "flash.evaluation_closed", "flash.promotion_nominated", "flash.training_scheduled", "flash.training_mentor", "flash.training_result", "flash.assessment_saved", "flash.card_issued", "flash.card_returned", "flash.card_lost", "flash.access_reported", "flash.access_resolved",
        // Issue 21 §9: a word for each action that used to say only 已保存.
        "flash.service.register", "flash.service.dispatch", "flash.service.start", "flash.service.voucher", "flash.service.countersign", "flash.service.costs", "flash.service.file", "flash.customer_product_added", "flash.customer_note_added", "flash.customer_phone_added",
        "flash.room_booked", "flash.room_added", "flash.room_lent", "flash.room_returned", "flash.room_step.approve", "flash.room_step.reject", "flash.room_step.cancel", "flash.room_step.reconfirm", "flash.room_step.checks", "flash.room_step.minutes", "flash.supply_item_added", "flash.supply_requisition_filed", "flash.supply_issued", "flash.supply_purchase_requested", "flash.supply_received", "flash.evaluation_graded", "flash.evaluation_titled", "flash.hospital_step.desk", "flash.hospital_step.registration", "flash.hospital_step.consulting-room", "flash.hospital_step.leave",
        "flash.hospital_arrived", "flash.hospital_step", "flash.hospital_referred", "flash.hospital_accepted", "flash.hospital_registered", "flash.hospital_request_sent",
        "flash.upward_filed", "flash.upward_updated",
        "flash.duty_done", "flash.duty_checked", "flash.duties_generated", "flash.inspection_saved", "flash.finding_closed",
        "flash.closing_saved", "flash.safety_requested", "flash.safety_started",
        "flash.chat_transferred", "flash.chat_invited",
    ]
}
