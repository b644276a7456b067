import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 21 item 5: every chat time a person reads is in the organization's zone (Asia/Shanghai by default):
/// a message sent at 04:13Z reads 12:13 on the customer's page, the widget, the console, the transcript, the
/// case page and the QA page, and the pages name the zone for the script that renders live messages. The API
/// keeps UTC.
@Suite("Chat times in the organization's zone (issue 21 item 5)")
struct ChatLocalTimeTests {
    static let sentAt = Date.iso8601("2026-11-23T04:13:00Z")

    @Test("A chat message sent at 04:13Z shows 12:13 (Asia/Shanghai) on every chat page; the API keeps 04:13:00Z")
    func everyPageShowsLocalTime() async throws {
        try await withTestApp { app in
            // given: the app clock at 04:13Z, a customer's message and the agent's answer
            let clock = TestClock(Self.sentAt)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let inspector = try await app.staff("zhijian", roles: [.qaInspector])
            var customer = WebSession(app)
            try await customer.get("/chat")
            #expect(try await customer.post("/chat", ["name": "王先生", "phone": "13812345678"]).status == .seeOther)
            #expect(try await customer.post("/chat/send", ["text": "宽带断了"]).status == .seeOther)
            let chat = try #require(try await ChatRecord.query(on: app.db).first())
            #expect(try await app.send(.POST, "api/v1/chats/\(chat.id!)/take", as: lina).status == .ok)
            // when / then: the customer's page and the widget's frame
            for path in ["/chat", "/chat?embed=1"] {
                let page = try await customer.get(path).body.string
                #expect(page.contains(#"data-time-zone="Asia/Shanghai""#), "\(path) does not name the zone")
                #expect(page.contains("<time>2026-11-23 12:13</time>"), "\(path)")
                #expect(!page.contains("04:13"), "\(path) shows UTC")
            }
            let transcript = try await customer.get("/chat/transcript").body.string
            #expect(transcript.contains("[2026-11-23 12:13] 王先生: 宽带断了"))
            // The agent's console.
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let console = try await agent.get("/console/chat?chat=\(chat.id!)").body.string
            #expect(console.contains(#"data-time-zone="Asia/Shanghai""#))
            #expect(console.contains("<time>2026-11-23 12:13</time>"))
            #expect(!console.contains("04:13"))
            // The API keeps UTC.
            let messages = try await app.send(.GET, "api/v1/chats/\(chat.id!)/messages", as: lina).items()
            #expect(messages.first?["at"] as? String == "2026-11-23T04:13:00Z")
            // Ended: the case page and the QA inspection page.
            #expect(try await agent.post("/console/chat/\(chat.id!)/end", [:]).status == .seeOther)
            let ended = try #require(try await ChatRecord.find(chat.id!, on: app.db))
            if let caseID = ended.caseID {
                let casePage = try await agent.get("/cases/\(caseID)").body.string
                #expect(casePage.contains("2026-11-23 12:13"))
            }
            var qa = WebSession(app)
            try await qa.logIn("zhijian", inspector.password)
            let inspection = try await qa.get("/qa/chats/\(chat.id!)")
            #expect(inspection.status == .ok)
            #expect(inspection.body.string.contains("2026-11-23 12:13"))
            #expect(!inspection.body.string.contains("04:13"))
        }
    }

    @Test("The chat script renders live messages in the zone the page names, not the browser's")
    func scriptUsesThePageZone() async throws {
        try await withTestApp { app in
            let script = try await app.testing().sendRequest(.GET, "js/chat-common.js").body.string
            #expect(script.contains("data-time-zone"))
            #expect(script.contains("timeZone: zone"))
            #expect(!script.contains("toLocaleTimeString"), "the browser's zone")
        }
    }

    @Test("Staff pages name the organization's zone from the rulebook (organization.time_zone)")
    func layoutNamesTheRulebookZone() async throws {
        try await withTestApp { app in
            app.services.rulebook = try Rulebook.load(defaults: try KefuResources.defaultRulebookText(),
                                                      override: "organization:\n  time_zone: Europe/Berlin\n")
            let lina = try await app.staff("lina", roles: [.agent])
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            #expect(try await agent.get("/console/chat").body.string.contains(#"data-time-zone="Europe/Berlin""#))
        }
    }
}

private extension Date {
    static func iso8601(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
}
