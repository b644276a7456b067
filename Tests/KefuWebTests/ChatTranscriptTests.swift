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

/// Transcripts (issue 9 §6): kept with the case, found by the Chinese-aware search, shown escaped.
@Suite("Chat transcripts (CHN-04)")
struct ChatTranscriptTests {
    @Test("CHN-04 an ended chat's transcript is in its case: a 2-character word finds the case, the page shows it escaped, the API in case scope")
    func transcript() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let zhao = try await app.staff("zhao", roles: [.agent])
            let (chat, caseID) = try await app.takenChat(lina, says: "<b>路由器</b>指示灯一直闪红")
            let caseID_ = try #require(caseID)
            _ = try await app.chats.postFromAgent(try await app.fresh(chat), text: "请您重启一下光猫", by: try await app.staffUser(of: lina))
            // Not searchable before the chat ends (the transcript is written at the end).
            #expect(try await app.send(.GET, "api/v1/cases?q=" + "光猫".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, as: lina).items().isEmpty)
            _ = try await app.chats.end(try await app.fresh(chat), by: .agent, staff: try await app.staffUser(of: lina))
            let found = try await app.send(.GET, "api/v1/cases?q=" + "光猫".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, as: lina)
            #expect(try found.items().map { $0["id"] as? String } == [caseID_.uuidString], "\(found.body.string)")
            #expect(try await app.send(.GET, "api/v1/cases?q=" + "闪红".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, as: lina).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/cases?q=" + "冰箱".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, as: lina).items().isEmpty)
            // A later note re-indexes the case without losing the transcript.
            #expect(try await app.send(.POST, "api/v1/cases/\(caseID_)/notes", as: lina, json: ["body": "已回访", "internal": true]).status.code < 300)
            #expect(try await app.send(.GET, "api/v1/cases?q=" + "光猫".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, as: lina).items().count == 1)

            let api = try await app.send(.GET, "api/v1/cases/\(caseID_)/chat", as: lina)
            #expect(api.status == .ok)
            let messages = try api.items()
            #expect(messages.map { $0["party"] as? String } == ["customer", "agent", "agent", "agent", "system"])  // greeting, answer, closing, end
            #expect(messages.first?["body"] as? String == "<b>路由器</b>指示灯一直闪红")
            #expect(try await app.send(.GET, "api/v1/cases/\(caseID_)/chat", as: zhao).status == .notFound)  // outside zhao's scope
            #expect(try await app.send(.GET, "api/v1/cases/\(UUID())/chat", as: lina).status == .notFound)

            var session = WebSession(app)
            try await session.logIn("lina", lina.password)
            let page = try await session.get("/cases/\(caseID_)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("case-chat") && html.contains("对话记录"))
            #expect(html.contains("&lt;b&gt;路由器&lt;/b&gt;") && !html.contains("<b>路由器"))
            #expect(html.contains("请您重启一下光猫") && html.contains("客户"))
        }
    }

    @Test("CHN-04 a chat without a case ends without a transcript; ending twice is refused and writes nothing twice")
    func noCase() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let (chat, _) = try await app.takenChat(lina, withCase: false)
            let ended = try await app.chats.end(try await app.fresh(chat), by: .customer)
            #expect(ended.state == "ended")
            #expect(try await ChatTranscriptRecord.query(on: app.db).count() == 0)
            await #expect(throws: DomainError.self) { try await app.chats.end(ended, by: .customer) }
        }
    }
}
