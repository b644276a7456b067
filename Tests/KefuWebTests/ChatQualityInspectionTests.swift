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

/// QA-11: quality inspection samples ended chats and scores their chat log on the five criteria.
@Suite("Chat quality inspection (QA-11)")
struct ChatQualityInspectionTests {
    @Test("QA-11 sampling picks quality.samples_per_agent ended chats per agent; the page shows the transcript and pre-checks greeting and closing (KB-14); scoring leaves the chat out")
    func sampleAndScore() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await QualityCast.make(app)
            let wangUser = try await app.staffUser(of: cast.wang)
            var chats: [(ChatRecord, UUID)] = []
            for text in ["宽带断了", "话费有误", "改套餐"] {
                let (chat, caseID) = try await app.takenChat(cast.wang, says: text)
                chats.append((try await app.chats.end(try await app.fresh(chat), by: .agent, staff: wangUser), caseID!))
            }
            let (rude, rudeCase) = try await app.takenChat(cast.wang, says: "<i>投诉</i>")
            _ = try await app.chats.end(try await app.fresh(rude), by: .customer)               // no closing phrase
            let (other, _) = try await app.takenChat(cast.li, says: "查询余额")
            _ = try await app.chats.end(try await app.fresh(other), by: .agent, staff: try await app.staffUser(of: cast.li))
            _ = try await app.takenChat(cast.li, says: "还没结束")                                // still active: never sampled

            let api = try await app.send(.GET, "api/v1/qa/chat-samples?month=2026-11", as: cast.inspector)
            #expect(api.status == .ok, "\(api.body.string)")
            let samples = try api.items()
            let perAgent = Dictionary(grouping: samples, by: { $0["agent_id"] as? String ?? "" }).mapValues(\.count)
            #expect(perAgent[cast.wang.id.uuidString] == app.services.rulebook.quality.samplesPerAgent)  // 2 of wang's 4
            #expect(perAgent[cast.li.id.uuidString] == 1)
            #expect(try await app.send(.GET, "api/v1/qa/chat-samples?month=2026-11", as: cast.wang).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/qa/chat-samples?month=nope", as: cast.inspector).status == .badRequest)

            var inspector = WebSession(app)
            try await inspector.logIn("qazhou", cast.inspector.password)
            let list = try await inspector.get("/qa/chats?month=2026-11")
            #expect(list.status == .ok && list.body.string.contains("qa-chat-samples"))
            #expect(try await inspector.get("/qa").body.string.contains("/qa/chats"))
            let rudePage = try await inspector.get("/qa/chats/\(rude.id!)")
            #expect(rudePage.status == .ok)
            #expect(rudePage.body.string.contains("未使用统一结束语") && rudePage.body.string.contains("使用了统一问候语"))
            #expect(rudePage.body.string.contains("&lt;i&gt;投诉&lt;/i&gt;"))
            for code in ["chat_greeting", "chat_closing", "chat_attitude", "chat_phrases", "chat_knowledge"] {
                #expect(rudePage.body.string.contains("score_\(code)"))
            }
            let goodPage = try await inspector.get("/qa/chats/\(chats[0].0.id!)")
            #expect(goodPage.body.string.contains("使用了统一结束语"))
            #expect(try await inspector.get("/qa/chats/\(UUID())").status == .notFound)

            let saved = try await inspector.post("/qa/inspections", [
                "case_id": rudeCase!.uuidString, "form": "chat", "score_chat_greeting": "10", "note_chat_greeting": "使用了统一问候语",
                "score_chat_closing": "0", "note_chat_closing": "未使用统一结束语", "score_chat_attitude": "8", "score_chat_phrases": "9",
                "score_chat_knowledge": "9", "comments": "结束时请使用结束语"])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let inspection = try #require(try await QualityInspectionRecord.query(on: app.db).filter(\.$caseID == rudeCase!).first())
            #expect(inspection.form == "chat" && inspection.agentID == cast.wang.id && inspection.findingCriteria.contains("chat_closing"))
            let after = try await app.send(.GET, "api/v1/qa/chat-samples?month=2026-11", as: cast.inspector).items()
            #expect(!after.contains { $0["chat_id"] as? String == rude.id!.uuidString })
            // A score missing on the chat form is refused and nothing is stored.
            let incomplete = try await inspector.post("/qa/inspections", ["case_id": chats[1].1.uuidString, "form": "chat", "score_chat_greeting": "10"])
            #expect(incomplete.status == .badRequest)
            #expect(try await QualityInspectionRecord.query(on: app.db).count() == 1)

            var agent = WebSession(app)
            try await agent.logIn("wangwu", cast.wang.password)
            #expect(try await agent.get("/qa/chats").status == .forbidden)
        }
    }
}
