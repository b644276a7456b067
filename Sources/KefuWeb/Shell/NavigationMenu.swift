import KefuCore
import KefuDomain

/// The main bar of one user (issue 21 item 3): the role's daily work as direct links, then everything else
/// in a few groups that open as dropdown menus. A flat bar of every page overflowed at 1366 px (an admin
/// lost 14 of 21 entries in English), so the bar holds at most `maximumPins` links and six groups.
///
/// Pure: it knows permissions, roles and two rulebook roles, not the request; `PageShell` turns the
/// localization keys into labels and marks the current page.
struct NavigationMenu: Equatable, Sendable {
    struct Link: Equatable, Sendable {
        /// Localization key of the label, written out in full (`nav.cases`).
        let key: String
        let href: String
    }

    struct Group: Equatable, Sendable {
        /// Localization key of the group's label (`nav.group.service`).
        let key: String
        let links: [Link]

        /// The key's last word (`service`), for the ids of the toggle and its menu.
        var id: String { key.split(separator: ".").last.map(String.init) ?? key }
    }

    /// What the menu depends on.
    struct Viewer: Sendable {
        var roles: Set<Role>
        var permissions: Set<Permission>
        /// The rulebook's `service.dispatcher` (派工).
        var dispatcher: Role
        /// The rulebook's `accountability.appeal_to`, who sees the whole 问责 register.
        var accountabilityAppealTo: Role

        func has(_ permission: Permission) -> Bool { permissions.contains(permission) }
    }

    /// Eight or more direct links no longer fit beside six groups in English at 1366 px.
    static let maximumPins = 4

    /// The role's daily work, shown as direct links in this order (each is also in a group's catalogue).
    let pinned: [Link]
    /// The other pages, by group; a group left empty is not shown.
    let groups: [Group]

    init(for viewer: Viewer) {
        let catalogue = Self.catalogue(for: viewer)
        let offered = Dictionary(catalogue.flatMap(\.links).map { ($0.href, $0) }, uniquingKeysWith: { first, _ in first })
        var pins: [Link] = []
        for pin in Self.dailyWork(of: viewer.roles) where pins.count < Self.maximumPins {
            guard offered[pin.href] != nil, !pins.contains(where: { $0.href == pin.href }) else { continue }
            pins.append(pin)
        }
        let pinnedHrefs = Set(pins.map(\.href))
        pinned = pins
        groups = catalogue.map { Group(key: $0.key, links: $0.links.filter { !pinnedHrefs.contains($0.href) }) }
            .filter { !$0.links.isEmpty }
    }

    /// Every link the viewer may open, in menu order (pins first).
    var allLinks: [Link] { pinned + groups.flatMap(\.links) }

    /// Every page of the menu by group, before the daily work is pinned. A link appears when the viewer's
    /// permissions open its page; pages everyone may open (their own shifts, fines, notices …) always do.
    static func catalogue(for viewer: Viewer) -> [Group] {
        func link(_ key: String, _ href: String, when allowed: Bool = true) -> Link? { allowed ? Link(key: key, href: href) : nil }
        let service: [Link?] = [
            link("nav.cases", "/cases", when: viewer.has(.casesRead)),
            link("nav.chat_console", "/console/chat", when: viewer.has(.chatServe)),
            link("nav.board", "/cases/board", when: viewer.has(.casesAssign)),
            link("nav.dispatch", "/service/dispatch", when: viewer.roles.contains(viewer.dispatcher)),
            link("nav.complaints", "/complaints", when: viewer.has(.complaintsWork)),
            link("nav.complaint_reviews", "/complaints/reviews", when: viewer.has(.complaintsReview)),
            link("nav.return_visits", "/return-visits", when: viewer.has(.returnVisitsWork)),
            link("nav.customers", "/customers", when: viewer.has(.customersRead)),
            link("nav.kb", "/kb", when: viewer.has(.kbRead)),
        ]
        // 问责: managers and the appeal reviewer see the register; everyone else their own cases.
        let seesAccountability = viewer.has(.accountabilityManage) || viewer.roles.contains(viewer.accountabilityAppealTo)
        let quality: [Link?] = [
            viewer.has(.qaInspect) ? link("nav.qa", "/qa") : link("nav.qa_mine", "/qa/mine"),
            link("nav.reports", "/reports", when: viewer.has(.reportsRead)),
            link(seesAccountability ? "nav.accountability" : "nav.accountability_mine", "/accountability"),
            viewer.has(.finesRead) ? link("nav.fines", "/fines") : link("nav.fines_mine", "/fines/statement"),
        ]
        let people: [Link?] = [
            link("nav.my_shifts_tab", "/my-shifts"),
            link("nav.leave", "/leave"),
            link("nav.shift_swaps", "/shift-swaps"),
            link("nav.roster", "/roster", when: viewer.has(.rosterManage)),
            link("nav.roll_call", "/roll-call", when: viewer.has(.attendanceRollCall)),
            link("nav.duty_log", "/duty-logs", when: viewer.has(.dutyLogWrite)),
            link(viewer.has(.meetingsManage) ? "nav.meetings" : "nav.meetings_mine", "/meetings"),
            link("nav.training", "/training"),
            link("nav.evaluations", "/evaluations"),
            link("nav.duties", "/duties"),
            link("nav.inspections", "/inspections"),
        ]
        let office: [Link?] = [
            link("nav.front_desk", "/front-desk", when: viewer.has(.frontDeskWork)),
            link("nav.rooms", "/rooms"),
            link(viewer.has(.frontDeskWork) ? "nav.parcels" : "nav.parcels_mine", "/parcels"),
            link("nav.supplies", "/supplies"),
            link("nav.access_cards", "/access-cards", when: viewer.has(.frontDeskWork)),
        ]
        // Administrators keep the rulebook with the other settings; for everyone else it is something to read,
        // next to the rule feedback and the notices that announce its changes.
        let administers = viewer.has(.rulebookManage)
        let inbox: [Link?] = [
            link("nav.inbox_tab", "/notifications"),
            link("nav.approvals", "/approvals", when: viewer.has(.approvalsDecide)),
            link("nav.notices", "/notices"),
            link("nav.messages", "/messages"),
            link("nav.upward_reports", "/upward-reports"),
            link("nav.rulebook", "/admin/rulebook", when: viewer.has(.rulebookRead) && !administers),
            link("nav.rule_feedback", "/rule-feedback"),
        ]
        let admin: [Link?] = [
            link("nav.users", "/admin/users", when: viewer.has(.usersManage)),
            link("nav.departments", "/admin/departments", when: viewer.has(.organizationManage)),
            link("nav.teams", "/admin/teams", when: viewer.has(.organizationManage)),
            link("nav.rulebook", "/admin/rulebook", when: viewer.has(.rulebookRead) && administers),
            link("nav.holidays", "/admin/rulebook/holidays", when: viewer.has(.rulebookRead) && administers),
        ]
        return [
            Group(key: "nav.group.service", links: service.compactMap { $0 }),
            Group(key: "nav.group.quality", links: quality.compactMap { $0 }),
            Group(key: "nav.group.people", links: people.compactMap { $0 }),
            Group(key: "nav.group.office", links: office.compactMap { $0 }),
            Group(key: "nav.group.inbox", links: inbox.compactMap { $0 }),
            Group(key: "nav.group.admin", links: admin.compactMap { $0 }),
        ]
    }
}
