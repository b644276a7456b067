import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// The console's transfer and invite forms go back to the console with the outcome.
@Suite("Chat console forms (issue 9)")
struct ChatConsoleFormTests {
    @Test("CHN-20 the transfer and invite forms act and return to the console; a refusal comes back as its message key")
    func forms() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let (chat, _) = try await desk.chats.start(name: "甲", phone: nil)
            let zhao = try await desk.agent("zhao")
            var web = WebSession(app)
            try await web.logIn(lina.username, lina.password)
            let refused = try await web.post("/console/chat/\(chat.id!)/transfer", ["to_agent_id": zhao.id.uuidString, "note": " "])
            #expect(refused.status == .seeOther)
            #expect(refused.headers.first(name: .location) == "/console/chat?chat=\(chat.id!)&refusal=error.field.required")
            let invited = try await web.post("/console/chat/\(chat.id!)/invite", [:])
            #expect(invited.headers.first(name: .location) == "/console/chat?chat=\(chat.id!)&flash=flash.chat_invited")
            let moved = try await web.post("/console/chat/\(chat.id!)/transfer", ["to_agent_id": zhao.id.uuidString, "to_team_id": "", "note": "请接手"])
            #expect(moved.headers.first(name: .location) == "/console/chat?chat=\(chat.id!)&flash=flash.chat_transferred")
            #expect(try await desk.reload(chat).agentID == zhao.id)
            #expect(try await web.post("/console/chat/\(chat.id!)/invite", [:], withCSRF: false).status == .forbidden)
        }
    }
}
