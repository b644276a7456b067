import Foundation
import KefuCore
import KefuDomain
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// Issue 21 item 3: the main bar of each role — its daily work as direct links, the rest in groups.
@Suite("Main bar per role: daily work first, every other page in a group")
struct NavigationMenuTests {
    static func viewer(_ roles: Set<Role>) -> NavigationMenu.Viewer {
        .init(roles: roles, permissions: RolePermissions.permissions(of: roles), dispatcher: .deptManager, accountabilityAppealTo: .hr)
    }

    static func menu(_ roles: Role...) -> NavigationMenu { NavigationMenu(for: viewer(Set(roles))) }

    static func groups(_ menu: NavigationMenu) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: menu.groups.map { ($0.id, $0.links.map(\.href)) })
    }

    @Test("Each role's daily work comes first, as direct links", arguments: [
        (Role.agent, ["/cases", "/complaints", "/console/chat", "/kb"]),
        (.teamLeader, ["/cases/board", "/roster", "/leave", "/cases"]),
        (.shiftLeader, ["/cases/board", "/roll-call", "/duty-logs", "/roster"]),
        (.qaInspector, ["/qa", "/reports", "/cases"]),
        (.returnVisitor, ["/return-visits", "/customers", "/cases"]),
        (.frontDesk, ["/front-desk", "/rooms", "/parcels", "/messages"]),
        (.admin, ["/admin/users", "/admin/departments", "/admin/teams", "/admin/rulebook"]),
        (.csDirector, ["/cases/board", "/approvals", "/reports", "/complaints"]),
        (.deptManager, ["/service/dispatch", "/approvals", "/complaints", "/cases/board"]),
        (.gm, ["/approvals", "/complaints", "/reports"]),
        (.finance, ["/complaints", "/approvals"]),
        (.kbEditor, ["/kb"]),
    ])
    func dailyWorkFirst(role: Role, pins: [String]) {
        // given one role  // when its menu is built  // then its daily work is pinned, in order
        #expect(Self.menu(role).pinned.map(\.href) == pins)
    }

    @Test("A team leader's leave link says 请假审批: approving the team's leave is the daily work")
    func leaderLeaveLabel() {
        #expect(Self.menu(.teamLeader).pinned.first { $0.href == "/leave" }?.key == "nav.leave_approvals")
        #expect(Self.groups(Self.menu(.agent))["people"]?.contains("/leave") == true)
    }

    @Test("An agent's groups: service, quality, people, office and inbox; no administration")
    func agentGroups() {
        let groups = Self.groups(Self.menu(.agent))
        #expect(Self.menu(.agent).groups.map(\.id) == ["service", "quality", "people", "office", "inbox"])
        #expect(groups["service"] == ["/customers"])
        #expect(groups["quality"] == ["/qa/mine", "/accountability", "/fines/statement"])
        #expect(groups["people"] == ["/my-shifts", "/leave", "/shift-swaps", "/meetings", "/training", "/evaluations", "/duties", "/inspections"])
        #expect(groups["office"] == ["/rooms", "/parcels", "/supplies"])
        #expect(groups["inbox"] == ["/notifications", "/approvals", "/notices", "/messages", "/upward-reports", "/rule-feedback"])
    }

    @Test("A team leader's groups hold the cases, the roll call and the rulebook to read")
    func teamLeaderGroups() {
        let groups = Self.groups(Self.menu(.teamLeader))
        #expect(groups["service"] == ["/console/chat", "/complaints", "/return-visits", "/customers", "/kb"])
        #expect(groups["quality"] == ["/qa/mine", "/reports", "/accountability", "/fines"])
        #expect(groups["people"]?.starts(with: ["/my-shifts", "/shift-swaps", "/roll-call", "/duty-logs", "/meetings"]) == true)
        #expect(groups["inbox"]?.contains("/admin/rulebook") == true)
        #expect(groups["admin"] == nil)
    }

    @Test("An administrator pins users, departments, teams and the rulebook; every other page stays in a group")
    func adminGroups() {
        let menu = Self.menu(.admin)
        let groups = Self.groups(menu)
        #expect(menu.groups.map(\.id) == ["service", "quality", "people", "office", "inbox", "admin"])
        #expect(groups["admin"] == ["/admin/rulebook/holidays"])
        #expect(groups["inbox"]?.contains("/admin/rulebook") == false)
        #expect(groups["service"] == ["/cases", "/console/chat", "/cases/board", "/complaints", "/complaints/reviews",
                                      "/return-visits", "/customers", "/kb"])
        #expect(groups["office"] == ["/front-desk", "/rooms", "/parcels", "/supplies", "/access-cards"])
        // Every page of the old flat bar (21 entries for an admin) is still in the menu.
        let old = ["/", "/cases", "/cases/board", "/complaints", "/complaints/reviews", "/return-visits", "/customers", "/kb",
                   "/notifications", "/approvals", "/accountability", "/qa", "/reports", "/front-desk", "/fines", "/meetings",
                   "/my-shifts", "/admin/users", "/admin/departments", "/admin/teams", "/admin/rulebook", "/admin/rulebook/holidays"]
        let offered = Set(["/"] + menu.allLinks.map(\.href))
        #expect(old.filter { !offered.contains($0) } == [])
    }

    @Test("The front desk's groups put the console, rooms and mail first and keep the access cards")
    func frontDeskGroups() {
        let groups = Self.groups(Self.menu(.frontDesk))
        #expect(groups["office"] == ["/supplies", "/access-cards"])
        #expect(groups["service"] == ["/cases", "/customers", "/kb"])
    }

    @Test("Someone with several roles gets the daily work of the first role in priority, at most four links")
    func severalRoles() {
        // 张伟 in the demo: center director and administrator.
        #expect(Self.menu(.centerDirector, .admin).pinned.map(\.href) == ["/admin/users", "/admin/departments", "/admin/teams", "/admin/rulebook"])
        // 王芳: CS director and return visitor.
        #expect(Self.menu(.csDirector, .returnVisitor).pinned.map(\.href) == ["/return-visits", "/customers", "/cases", "/cases/board"])
    }

    @Test("Every role: each page once, at most four direct links and six groups, every label in both languages",
          arguments: Role.allCases)
    func shape(role: Role) throws {
        let menu = Self.menu(role)
        let hrefs = menu.allLinks.map(\.href)
        #expect(Set(hrefs).count == hrefs.count, "\(role): a page is in the menu twice")
        #expect(menu.pinned.count <= NavigationMenu.maximumPins)
        #expect(menu.groups.count <= 6 && menu.groups.allSatisfy { !$0.links.isEmpty })
        let localization = try Localization.load(directory: LocalizationTests.root.appendingPathComponent("Resources/Localization").path)
        let keys = ["nav.dashboard"] + menu.allLinks.map(\.key) + menu.groups.map(\.key)
        for language in UILanguage.allCases {
            #expect(keys.filter { !localization.has($0, language) } == [], "\(role) \(language)")
        }
    }

    @Test("Every role is ranked for its daily work exactly once")
    func priorityCoversEveryRole() {
        #expect(Set(NavigationMenu.rolePriority) == Set(Role.allCases))
        #expect(NavigationMenu.rolePriority.count == Role.allCases.count)
    }

    @Test("Every link of every role leads to a page the role may open")
    func linksAreAllowed() async throws {
        try await withTestApp { app in
            let pages = app.routes.all.filter { $0.method == .GET }
            for role in Role.allCases {
                let permissions = RolePermissions.permissions(of: [role])
                for link in Self.menu(role).allLinks {
                    let parts = link.href.split(separator: "/").map(String.init)
                    let route = pages.first { $0.path.map(\.description) == parts }
                    let access = try #require(route?.access, "\(link.href) is no page")
                    if case .permission(let needed) = access {
                        #expect(permissions.contains(needed), "\(role) is offered \(link.href), which needs \(needed.rawValue)")
                    }
                }
            }
        }
    }
}
