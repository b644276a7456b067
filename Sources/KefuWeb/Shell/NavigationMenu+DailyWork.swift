import KefuCore
import KefuDomain

extension NavigationMenu {
    /// Whose daily work comes first when someone holds several roles: the administrator's settings, then the
    /// desks that serve customers, then the leaders, then the departments that mostly approve.
    static let rolePriority: [Role] = [
        .admin, .frontDesk, .agent, .qaInspector, .returnVisitor, .kbEditor, .teamLeader, .shiftLeader,
        .csDirector, .centerDirector, .deptManager, .adminOffice, .hr, .gmOffice, .gm, .vp, .leadership,
        .salesManager, .salesVP, .marketing, .rnd, .finance, .warehouse,
    ]

    /// The pages a role works in every day, most used first (issue 21: "the working day of each role").
    /// A page the viewer may not open is skipped; the label may say what the role does there (请假审批).
    static func dailyWork(of role: Role) -> [Link] {
        switch role {
        case .admin:
            [Link(key: "nav.users", href: "/admin/users"), Link(key: "nav.departments", href: "/admin/departments"),
             Link(key: "nav.teams", href: "/admin/teams"), Link(key: "nav.rulebook", href: "/admin/rulebook")]
        case .agent:
            [Link(key: "nav.cases", href: "/cases"), Link(key: "nav.complaints", href: "/complaints"),
             Link(key: "nav.chat_console", href: "/console/chat"), Link(key: "nav.kb", href: "/kb")]
        case .teamLeader:
            [Link(key: "nav.board", href: "/cases/board"), Link(key: "nav.roster", href: "/roster"),
             Link(key: "nav.leave_approvals", href: "/leave"), Link(key: "nav.cases", href: "/cases")]
        case .shiftLeader:
            [Link(key: "nav.board", href: "/cases/board"), Link(key: "nav.roll_call", href: "/roll-call"),
             Link(key: "nav.duty_log", href: "/duty-logs"), Link(key: "nav.roster", href: "/roster")]
        case .qaInspector:
            [Link(key: "nav.qa", href: "/qa"), Link(key: "nav.reports", href: "/reports"), Link(key: "nav.cases", href: "/cases")]
        case .returnVisitor:
            [Link(key: "nav.return_visits", href: "/return-visits"), Link(key: "nav.customers", href: "/customers"),
             Link(key: "nav.cases", href: "/cases")]
        case .kbEditor:
            [Link(key: "nav.kb", href: "/kb")]
        case .csDirector, .centerDirector:
            [Link(key: "nav.board", href: "/cases/board"), Link(key: "nav.approvals", href: "/approvals"),
             Link(key: "nav.reports", href: "/reports"), Link(key: "nav.complaints", href: "/complaints")]
        case .deptManager:
            [Link(key: "nav.dispatch", href: "/service/dispatch"), Link(key: "nav.approvals", href: "/approvals"),
             Link(key: "nav.complaints", href: "/complaints"), Link(key: "nav.board", href: "/cases/board")]
        case .frontDesk:
            [Link(key: "nav.front_desk", href: "/front-desk"), Link(key: "nav.rooms", href: "/rooms"),
             Link(key: "nav.parcels", href: "/parcels"), Link(key: "nav.messages", href: "/messages")]
        case .adminOffice:
            [Link(key: "nav.front_desk", href: "/front-desk"), Link(key: "nav.rooms", href: "/rooms"),
             Link(key: "nav.supplies", href: "/supplies")]
        case .hr:
            [Link(key: "nav.approvals", href: "/approvals"), Link(key: "nav.evaluations", href: "/evaluations"),
             Link(key: "nav.training", href: "/training"), Link(key: "nav.accountability", href: "/accountability")]
        case .gmOffice:
            [Link(key: "nav.approvals", href: "/approvals"), Link(key: "nav.complaint_reviews", href: "/complaints/reviews"),
             Link(key: "nav.reports", href: "/reports")]
        case .gm, .vp, .leadership, .salesManager, .salesVP:
            [Link(key: "nav.approvals", href: "/approvals"), Link(key: "nav.complaints", href: "/complaints"),
             Link(key: "nav.reports", href: "/reports")]
        case .marketing, .rnd, .finance, .warehouse:
            // Their part of a complaint is a department task (CMP-05..09); settlements come to them to approve.
            [Link(key: "nav.complaints", href: "/complaints"), Link(key: "nav.approvals", href: "/approvals")]
        }
    }

    /// The daily work of all the viewer's roles, in `rolePriority` order.
    static func dailyWork(of roles: Set<Role>) -> [Link] {
        rolePriority.filter(roles.contains).flatMap { dailyWork(of: $0) }
    }
}
