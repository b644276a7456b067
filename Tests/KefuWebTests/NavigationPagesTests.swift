import Foundation
import KefuCore
import KefuDomain
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// The main bar as the layout renders it: direct links, then groups with a toggle and a menu (issue 21).
@Suite("Main bar on the page: each role's links and groups, the current page marked")
struct NavigationPagesTests {
    /// The main bar of a page: its direct links and, per group id, the label and the links of its menu.
    struct RenderedBar {
        var direct: [String] = []
        var directLabels: [String] = []
        var groups: [String: [String]] = [:]
        var groupLabels: [String: String] = [:]
        var groupOrder: [String] = []
        var active: [String] = []
        var activeGroups: [String] = []

        init(_ html: String) throws {
            let start = try #require(html.range(of: "<nav class=\"mainnav\""))
            let end = try #require(html.range(of: "</nav>", range: start.upperBound..<html.endIndex))
            let bar = String(html[start.lowerBound..<end.lowerBound])
            for match in Self.matches(#"<a class="navlink( active)?" href="([^"]+)"[^>]*>([^<]*)</a>"#, in: bar) {
                direct.append(match[2]); directLabels.append(match[3])
                if !match[1].isEmpty { active.append(match[2]) }
            }
            let group = #"<div class="navgroup( active)?" data-navgroup="([a-z]+)">\s*<button[^>]*>([^<]*)</button>\s*<div class="navmenu"[^>]*>(.*?)</div>"#
            for match in Self.matches(group, in: bar) {
                let id = match[2]
                groupOrder.append(id)
                groupLabels[id] = match[3]
                if !match[1].isEmpty { activeGroups.append(id) }
                groups[id] = Self.matches(#"<a href="([^"]+)"( class="active")?"#, in: match[4]).map { link in
                    if !link[2].isEmpty { active.append(link[1]) }
                    return link[1]
                }
            }
        }

        static func matches(_ pattern: String, in text: String) -> [[String]] {
            let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
                (0..<match.numberOfRanges).map { index in
                    Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
                }
            }
        }
    }

    static func bar(as roles: [Role], path: String = "/", language: String? = nil) async throws -> RenderedBar {
        var result: RenderedBar?
        try await withTestApp { app in
            let person = try await app.staff("person", roles: roles)
            var web = WebSession(app)
            try await web.logIn("person", person.password)
            if let language { try await web.post("/language", ["language": language, "back": "/"]) }
            let page = try await web.get(path)
            #expect(page.status == .ok, "\(path)")
            result = try RenderedBar(page.body.string)
        }
        return try #require(result)
    }

    @Test("Each role gets its daily work as direct links after the dashboard, and the rest in its groups", arguments: [
        [Role.agent], [.teamLeader], [.shiftLeader], [.qaInspector], [.returnVisitor], [.frontDesk], [.admin], [.gm],
        [.finance], [.centerDirector, .admin],
    ])
    func roleBar(roles: [Role]) async throws {
        // given a user with these roles  // when the dashboard renders
        let bar = try await Self.bar(as: roles)
        // then the bar is exactly the role's menu
        let menu = NavigationMenu(for: NavigationMenuTests.viewer(Set(roles)))
        #expect(bar.direct == ["/"] + menu.pinned.map(\.href))
        #expect(bar.groupOrder == menu.groups.map(\.id))
        for group in menu.groups { #expect(bar.groups[group.id] == group.links.map(\.href), "\(roles) \(group.id)") }
        #expect(bar.active == ["/"])
    }

    @Test("An agent's bar in Chinese: 工作台 工单 投诉 在线客服 知识库, then 客服 … 通知; no administration")
    func agentInChinese() async throws {
        let bar = try await Self.bar(as: [.agent])
        #expect(bar.directLabels == ["工作台", "工单", "投诉", "在线客服", "知识库"])
        #expect(bar.groupOrder.map { bar.groupLabels[$0]! } == ["客服", "质量考核", "人员排班", "行政", "通知"])
        #expect(!bar.groups.values.joined().contains { $0.hasPrefix("/admin") })
    }

    @Test("An administrator's bar in English names users, departments, teams and the rulebook; holidays are under Admin")
    func adminInEnglish() async throws {
        let bar = try await Self.bar(as: [.admin], language: "en")
        #expect(bar.directLabels == ["Dashboard", "Users", "Departments", "Teams", "Rulebook"])
        #expect(bar.groupLabels["admin"] == "Admin")
        #expect(bar.groups["admin"] == ["/admin/rulebook/holidays"])
    }

    @Test("The current page is marked: its link, and the group that holds it", arguments: [
        ([Role.teamLeader], "/cases/board", "/cases/board", nil as String?),
        ([.agent], "/qa/mine", "/qa/mine", "quality"),
        ([.agent], "/leave/calendar", "/leave", "people"),
        ([.admin], "/admin/rulebook/holidays", "/admin/rulebook/holidays", "admin"),
        ([.admin], "/admin/rulebook", "/admin/rulebook", nil),
    ])
    func currentPage(roles: [Role], path: String, link: String, group: String?) async throws {
        let bar = try await Self.bar(as: roles, path: path)
        #expect(bar.active == [link])
        #expect(bar.activeGroups == (group.map { [$0] } ?? []))
    }
}
