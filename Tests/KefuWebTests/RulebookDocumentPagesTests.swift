import Foundation
import KefuCore
import KefuDomain
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 21 item 13: 规章制度 for staff is a readable document; administrators keep the key/value view.
@Suite("Rulebook page: a readable document for staff, the key view for administrators")
struct RulebookDocumentPagesTests {
    /// The text a reader sees in the page body: no tags, no attribute values, no scripts; spaces collapsed.
    static func visibleText(_ html: String) -> String {
        let body = html.range(of: "<body").map { String(html[$0.lowerBound...]) } ?? html
        let noScripts = body.replacingOccurrences(of: #"<script[^>]*>.*?</script>"#, with: " ", options: .regularExpression)
        return noScripts.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    }

    static func page(as roles: [Role], _ path: String = "/admin/rulebook", language: String? = nil,
                     before: ((Application) async throws -> Void)? = nil) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await withTestApp { app in
            try await before?(app)
            let person = try await app.staff("reader", roles: roles)
            var web = WebSession(app)
            try await web.logIn("reader", person.password)
            if let language { try await web.post("/language", ["language": language, "back": "/"]) }
            result = try await web.get(path)
        }
        return try #require(result)
    }

    @Test("A team leader reads sections, titles and values in words: no rule key and no snake_case word is visible",
          arguments: ["zh-Hans", "en"])
    func staffDocument(language: String) async throws {
        // given a team leader  // when they open 规章制度
        let page = try await Self.page(as: [.teamLeader], language: language)
        // then it is the document, not the key table
        #expect(page.status == .ok)
        let html = page.body.string
        #expect(html.contains("id=\"rulebook-document\""))
        #expect(!html.contains("id=\"rulebook\""))
        let text = Self.visibleText(html)
        let keys = text.matches(of: #/\b[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\b/#).map { String($0.output) }
        let snake = text.matches(of: #/\b[a-z][a-z0-9]*_[a-z0-9_]+\b/#).map { String($0.output) }
        #expect(keys == [], "rule keys visible: \(keys.prefix(10))")
        #expect(snake == [], "snake_case words visible: \(snake.prefix(10))")
        if language == "zh-Hans" {
            #expect(text.contains("投诉结案条件") && text.contains("各部门任务全部完成且已向客户答复处理结论"))
            #expect(text.contains("周一至周五 08:30–12:00、13:30–17:30"))
            #expect(text.contains("客户投诉") && text.contains("200 元") && text.contains("3 个工作日"))
            #expect(text.contains("现行版本是第一个版本"))
        } else {
            #expect(text.contains("A complaint closes when") && text.contains("Mon to Fri 08:30–12:00, 13:30–17:30"))
        }
    }

    @Test("A director reads the same document (rulebook.read without rulebook.manage)")
    func directorDocument() async throws {
        let page = try await Self.page(as: [.csDirector])
        #expect(page.status == .ok)
        #expect(page.body.string.contains("id=\"rulebook-document\""))
        #expect(!page.body.string.contains("id=\"rulebook-key-view\""))
    }

    @Test("An administrator keeps the key view, and can open the document")
    func adminKeyView() async throws {
        let keys = try await Self.page(as: [.admin])
        #expect(keys.status == .ok)
        #expect(keys.body.string.contains("id=\"rulebook\""))
        #expect(keys.body.string.contains("<code>calendar.week</code>"))
        #expect(keys.body.string.contains("href=\"/admin/rulebook?view=document\""))
        let document = try await Self.page(as: [.admin], "/admin/rulebook?view=document")
        #expect(document.body.string.contains("id=\"rulebook-document\""))
        #expect(document.body.string.contains("id=\"rulebook-key-view\""))
    }

    @Test("Staff without rulebook.read still get 403; ?view=document opens nothing more")
    func agentRefused() async throws {
        #expect(try await Self.page(as: [.agent]).status == .forbidden)
        #expect(try await Self.page(as: [.agent], "/admin/rulebook?view=document").status == .forbidden)
    }

    @Test("After a new version, staff read what it changed, in words, against the version before")
    func lastChanges() async throws {
        let page = try await Self.page(as: [.teamLeader], before: { app in
            app.services.now = { .t0 }
            let admin = try await app.staff("boss", roles: [.admin])
            let content = "complaints:\n  close_within: {value: 5, unit: natural_days}\nfines:\n  informant_reward: 80\n"
            let response = try await app.send(.POST, "api/v1/rulebook/versions", as: admin,
                                              json: ["content": content, "file_name": "2027.yaml", "announce": false])
            #expect(response.status == .created, "\(response.body.string)")
        })
        let text = Self.visibleText(page.body.string)
        #expect(text.contains("投诉结案时限（受理起）") && text.contains("原为 6 天") && text.contains("现为 5 天"))
        #expect(text.contains("检举不良行为奖励") && text.contains("原为 50 元") && text.contains("80 元"))
        #expect(!text.contains("现行版本是第一个版本"))
    }
}
