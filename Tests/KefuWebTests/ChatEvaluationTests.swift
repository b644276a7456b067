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

/// Issue 9 in the assessment: typing samples and the test page (ORG-08/09/11), chat ratings and breaches in
/// the monthly evaluation.
@Suite("Chat figures in the evaluation, typing test (ORG-08/09/11)")
struct ChatEvaluationTests {
    @Test("ORG-08 POST /typing-samples stores the caller's own typed sample; out-of-bounds figures → 400, another person's → 403, nothing stored")
    func samples() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let zhao = try await app.staff("zhao", roles: [.agent])
            let created = try await app.send(.POST, "api/v1/typing-samples", as: lina, json: ["source": "test", "typed_chars": 120, "typed_ms": 120_000])
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try created.object()["speed"] as? Int == 60)
            #expect(try created.object()["required"] as? Int == 30)   // no grade yet: the probation level
            #expect(try created.object()["meets"] as? Bool == true)
            for bad: [String: Any] in [["source": "exam", "typed_chars": 120, "typed_ms": 120_000], ["typed_chars": 120, "typed_ms": 120_000],
                                       ["source": "test", "typed_chars": -1, "typed_ms": 120_000], ["source": "test", "typed_chars": 120, "typed_ms": 0],
                                       ["source": "test", "typed_chars": 10, "typed_ms": 60_000], ["source": "console", "typed_chars": 2_000, "typed_ms": 60_000],
                                       ["source": "test", "typed_chars": 120, "typed_ms": 99_999_999], ["source": "test", "typed_chars": "many", "typed_ms": 1]] {
                #expect(try await app.send(.POST, "api/v1/typing-samples", as: lina, json: bad).status == .badRequest, "\(bad)")
            }
            let forOther = try await app.send(.POST, "api/v1/typing-samples", as: lina,
                                              json: ["user_id": zhao.id.uuidString, "source": "test", "typed_chars": 120, "typed_ms": 60_000])
            #expect(forOther.status == .forbidden)
            #expect(try await TypingSampleRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("ORG-09 the typing test page: a passage, a text box, a timer, a note for browsers without JavaScript; the result against the 30/50 levels")
    func page() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var session = WebSession(app)
            try await session.logIn("lina", lina.password)
            #expect(try await session.get("/evaluations").body.string.contains("/console/typing-test"))
            let page = try await session.get("/console/typing-test")
            #expect(page.status == .ok)
            let html = page.body.string
            for part in ["typing-passage", "typing-input", "typing-timer", "<noscript>", "/js/typing-test.js", "csrf_token"] { #expect(html.contains(part), "\(part)") }
            let posted = try await session.post("/console/typing-test", ["typed_chars": "90", "typed_ms": "120000"])  // 45 a minute
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers.first(name: .location))
            let result = try await session.get(location)
            #expect(result.status == .ok)
            let body = result.body.string
            #expect(body.contains("typing-result") && body.contains(">45<"))
            #expect(body.contains("达到") && body.contains("未达到"))     // 30 met, 50 not
            let refused = try await session.post("/console/typing-test", ["typed_chars": "5", "typed_ms": "1000"])
            #expect(refused.status == .badRequest)
            #expect(try await session.post("/console/typing-test", ["typed_chars": "90", "typed_ms": "120000"], withCSRF: false).status == .forbidden)
            #expect(try await TypingSampleRecord.query(on: app.db).count() == 1)
            // Someone else's sample id shows no result.
            let zhao = try await app.staff("zhao", roles: [.agent])
            var other = WebSession(app)
            try await other.logIn("zhao", zhao.password)
            #expect(!(try await other.get(location).body.string.contains("typing-result")))
        }
    }

    @Test("ORG-11 SAT CHN-16 closing the month records the best test speed, the console average, the chat ratings and the chat breaches (deducted)")
    func evaluation() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let director = try await app.staff("zhuren", roles: [.csDirector])
            let lina = try await app.staff("lina", roles: [.agent])
            let zhao = try await app.staff("zhao", roles: [.agent])
            let linaUser = try await app.staffUser(of: lina)
            for rating in [4, 5] {
                let (chat, _) = try await app.takenChat(lina)
                _ = try await app.chats.rate(try await app.chats.end(try await app.fresh(chat), by: .agent, staff: linaUser), score: rating)
            }
            let (late, _) = try await app.takenChat(lina)
            clock.now = Date.t0.addingTimeInterval(10)
            _ = try await app.chats.postFromCustomer(try await app.fresh(late), text: "在吗")
            clock.now = Date.t0.addingTimeInterval(200)
            _ = try await app.chats.postFromAgent(try await app.fresh(late), text: "在的", by: linaUser)  // 70 s late: a breach
            for (source, chars, ms) in [("test", 60, 120_000), ("test", 100, 120_000), ("console", 30, 60_000), ("console", 90, 60_000)] {
                #expect(try await app.send(.POST, "api/v1/typing-samples", as: lina,
                                           json: ["source": source, "typed_chars": chars, "typed_ms": ms]).status == .created)
            }
            clock.now = Date.t0.addingTimeInterval(9 * 86_400)   // December: November is finished
            let closed = try await app.send(.POST, "api/v1/evaluations/close", as: director, json: ["month": "2026-11"])
            #expect(closed.status == .ok, "\(closed.body.string)")
            let rows = try closed.items()
            let linaRow = try #require(rows.first { $0["user_id"] as? String == lina.id.uuidString })
            let zhaoRow = try #require(rows.first { $0["user_id"] as? String == zhao.id.uuidString })
            #expect(linaRow["chat_rating"] as? Double == 4.5 && linaRow["chat_ratings"] as? Int == 2)
            #expect(linaRow["chat_breaches"] as? Int == 1 && linaRow["breaches"] as? Int == 1)
            #expect(linaRow["typing_test_best"] as? Int == 50 && linaRow["typing_speed"] as? Int == 50)
            #expect(linaRow["typing_console_average"] as? Int == 60)   // 120 characters over 2 minutes
            #expect(zhaoRow["chat_rating"] == nil && zhaoRow["breaches"] as? Int == 0)
            #expect((linaRow["score"] as? Double ?? 0) <= (zhaoRow["score"] as? Double ?? 0))
            var session = WebSession(app)
            try await session.logIn("zhuren", director.password)
            let page = try await session.get("/evaluations?month=2026-11").body.string
            #expect(page.contains("4.50 (2)") && page.contains("对话评价"))
        }
    }
}
