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

/// Issue 9 without script: the customer's image and left message, the console's hand-on forms.
@Suite("Chat page forms (issue 9)")
struct ChatPageFormsTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]

    static func multipart(_ session: WebSession, _ path: String, file: [UInt8], app: Application) async throws -> TestingHTTPResponse {
        var headers = session.headers
        let boundary = "kefu-test-boundary"
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(session.csrf)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
    }

    @Test("CHN-04 the customer sends a real image by form (a fake one is refused, 400) and, while waiting, leaves a message that becomes a case")
    func customerImageAndMessage() async throws {
        try await withTestApp { app in
            _ = try await app.staff("lina", roles: [.teamLeader], departmentID: try await app.department("客服中心", kind: .customerService))
            var customer = WebSession(app)
            try await customer.get("/chat")
            #expect(try await customer.post("/chat", ["name": "王先生", "phone": "13812345678"]).status == .seeOther)
            try await customer.get("/chat")
            #expect(try await Self.multipart(customer, "/chat/images", file: Self.png, app: app).status == .seeOther)
            #expect(try await Self.multipart(customer, "/chat/images", file: Array("<svg onload=alert(1)>".utf8), app: app).status == .badRequest)
            let page = try await customer.get("/chat")
            #expect(page.body.string.contains("/chat/images/1"))
            let image = try await customer.get("/chat/images/1")
            #expect(image.headers.contentType?.description.hasPrefix("image/png") == true)
            #expect(image.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.body.string.contains("id=\"chat-leave-form\""))
        }
    }

    @Test("CHN-20 the console's transfer needs a note; continuing a case by an unknown number is refused with the message")
    func consoleForms() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let (id, _) = try await app.chatStart()
            #expect(try await app.send(.POST, "api/v1/chats/\(id)/take", as: lina).status == .ok)
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let page = try await agent.get("/console/chat?chat=\(id)")
            #expect(page.body.string.contains("id=\"chat-transfer-form\"") && page.body.string.contains("id=\"chat-case-form\""))
            let noNote = try await agent.post("/console/chat/\(id)/transfer", ["to_team_id": "", "to_agent_id": "", "note": ""])
            #expect(noNote.status == .seeOther)
            let shown = try await agent.get(try #require(noNote.headers.first(name: .location)))
            #expect(shown.body.string.contains("flash-error"))
            let unknown = try await agent.post("/console/chat/\(id)/case", ["case_number": "KS-19990101-0001"])
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.string.contains(app.services.localization.text("error.chat.case_not_found", .zhHans)))
            #expect(try await Self.multipart(agent, "/console/chat/\(id)/images", file: Self.png, app: app).status == .seeOther)
            let images = try await ChatMessageRecord.query(on: app.db).filter(\.$imageType != nil).count()
            #expect(images == 1)
        }
    }
}
