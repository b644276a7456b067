import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 21 §14: what an agent needs is reachable from the staff pages, and an empty page says what to do.
@Suite("Staff pages: the customer chat page, the embed code and empty states")
struct StaffLinksAndEmptyStatesTests {
    @Test("CHN-16 the chat console links the customer chat page and shows the widget's embed code for this server")
    func consoleLinks() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let console = try await web.get("/console/chat").body.string
            #expect(console.contains("id=\"chat-customer-page\"") && console.contains("href=\"/chat\""))
            #expect(console.contains("/chat/widget.js\" async&gt;"))
        }
    }

    @Test("KB-05 an empty knowledge base tells a reader whom to ask and an editor how to add the first entry")
    func emptyKnowledgeBase() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let editor = try await app.staff("wuxia", roles: [.kbEditor])
            let text = { (key: String) in app.services.localization.text(key, .zhHans) }
            var reader = WebSession(app)
            try await reader.logIn("lina", lina.password)
            let empty = try await reader.get("/kb").body.string
            #expect(empty.contains(text("kb.empty.reader_hint")))
            #expect(try await reader.get("/kb?q=%E5%AE%BD%E5%B8%A6").body.string.contains(text("kb.empty.no_match")))
            var writer = WebSession(app)
            try await writer.logIn("wuxia", editor.password)
            #expect(try await writer.get("/kb").body.string.contains(text("kb.empty.editor_hint")))
        }
    }
}
