import Fluent
import Foundation
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 9 §1 and §3 as pages: the customer's `/chat` without script, the widget, and the agent console.
@Suite("Chat pages (issue 9)")
struct ChatPagesTests {
    @Test("CHN-04 /chat serves the start form without login or redirect; a chat runs on forms alone and HTML stays text")
    func customerWithoutScript() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var customer = WebSession(app)
            let form = try await customer.get("/chat")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("id=\"chat-start-form\""))
            let bad = try await customer.post("/chat", ["name": "王先生", "phone": "12ab"])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("value=\"王先生\""))
            #expect(try await ChatRecord.query(on: app.db).count() == 0)
            #expect(try await customer.post("/chat", ["name": "王先生", "phone": "13812345678"]).status == .seeOther)
            let room = try await customer.get("/chat")
            #expect(room.body.string.contains("data-chat-id="))
            #expect(try await customer.post("/chat/send", ["text": "<img src=x onerror=alert(1)>网速慢"]).status == .seeOther)
            let chat = try #require(try await ChatRecord.query(on: app.db).first())
            #expect(try await app.send(.POST, "api/v1/chats/\(chat.id!)/take", as: lina).status == .ok)
            let answered = try await customer.get("/chat")
            #expect(answered.body.string.contains("&lt;img src=x onerror=alert(1)&gt;网速慢"))
            #expect(!answered.body.string.contains("<img src=x"))
            let tooLong = try await customer.post("/chat/send", ["text": String(repeating: "长", count: 1_001)])
            #expect(tooLong.status == .badRequest)
            #expect(try await customer.get("/chat/transcript").body.string.contains("网速慢"))
            #expect(try await customer.post("/chat/end", [:]).status == .seeOther)
            #expect(try await customer.get("/chat").body.string.contains("id=\"chat-rate\">"))
            #expect(try await customer.post("/chat/rate", ["rating": "5"]).status == .seeOther)
            #expect(try await ChatRecord.find(chat.id!, on: app.db)?.rating == 5)
            #expect(try await customer.post("/chat/rate", ["rating": "1"]).status == .conflict)
            #expect(try await customer.post("/chat/send", ["text": "还在吗"]).status == .conflict)
            #expect(try await customer.post("/chat/new", [:]).status == .seeOther)
            #expect(try await customer.get("/chat").body.string.contains("id=\"chat-room\" hidden"))
            // Without the CSRF token the form is refused.
            #expect(try await customer.post("/chat", ["name": "x"], withCSRF: false).status == .forbidden)
        }
    }

    @Test("CHN-04 the widget is one script served by Kefu itself, loading nothing from elsewhere")
    func widget() async throws {
        try await withTestApp { app in
            let script = try await app.testing().sendRequest(.GET, "chat/widget.js")
            #expect(script.status == .ok)
            #expect(script.headers.contentType?.subType == "javascript")
            #expect(script.body.string.contains("/chat?embed=1"))
            #expect(!script.body.string.contains("http://") && !script.body.string.contains("https://"))
        }
    }

    @Test("KB-14 the console takes a chat (greeting sent), answers it by form, shows the phrase keys and the countdown, and ends with the closing phrase")
    func console() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            _ = try await app.staff("frontdesk", roles: [.frontDesk])
            let (id, token) = try await app.chatStart()
            _ = try await app.asCustomer(.POST, "api/v1/chats/\(id)/messages", token: token, json: ["text": "宽带断了"])
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let page = try await agent.get("/console/chat")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("/console/chat/\(id)/take"))
            #expect(try await agent.post("/console/chat/\(id)/take", [:]).status == .seeOther)
            let chatPage = try await agent.get("/console/chat?chat=\(id)")
            #expect(chatPage.body.string.contains("id=\"chat-phrases\""))
            #expect(chatPage.body.string.contains("Alt+1"))
            #expect(try await agent.post("/console/chat/\(id)/messages", ["text": "请稍等，正在查询"]).status == .seeOther)
            let empty = try await agent.post("/console/chat/\(id)/messages", ["text": " "])
            #expect(empty.status == .badRequest)
            #expect(try await agent.post("/console/chat/\(id)/end", [:]).status == .seeOther)
            let messages = try await ChatRepository(db: app.db).messages(chatID: UUID(uuidString: id)!, after: 0, limit: 20)
            #expect(messages.map(\.party) == ["customer", "agent", "agent", "agent", "system"])
            #expect(messages[3].body == app.services.rulebook.chat.closing)
            #expect(messages[1].body?.contains(app.services.rulebook.organization.name) == true)
            // The front desk has no console.
            var desk = WebSession(app)
            try await desk.logIn("frontdesk", try await app.staff("frontdesk2", roles: [.frontDesk]).password)
            #expect(try await desk.get("/console/chat").status != .ok)
        }
    }
}
