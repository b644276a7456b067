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

/// CHN-16 on the leader's board and in the record: chats about to miss their answer, breaches kept once.
@Suite("Chat at risk and breaches (CHN-16)")
struct ChatAtRiskTests {
    @Test("CHN-16 the board's 在线对话 panel and GET /chats/at-risk list chats due within 20 s or overdue, leaders only, in their scope")
    func atRisk() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let department = try await app.department("客服部")
            let leader = try await app.staff("zuzhang", roles: [.teamLeader], departmentID: department)
            let team = try await app.team("一组", departmentID: department, leaderID: leader.id)
            let lina = try await app.staff("lina", roles: [.agent], departmentID: department, teamID: team)
            let other = try await app.staff("zhao", roles: [.agent])
            let (soon, _) = try await app.takenChat(lina, customer: "王先生", withCase: false)
            let (calm, _) = try await app.takenChat(lina, customer: "李女士", withCase: false)
            let (elsewhere, _) = try await app.takenChat(other, customer: "外组客户", withCase: false)
            clock.now = Date.t0.addingTimeInterval(10)
            _ = try await app.chats.postFromCustomer(try await app.fresh(soon), text: "<script>还在吗</script>")  // due t0 + 130
            _ = try await app.chats.postFromCustomer(try await app.fresh(elsewhere), text: "喂")                 // due t0 + 130, other team
            clock.now = Date.t0.addingTimeInterval(100)
            _ = try await app.chats.postFromCustomer(try await app.fresh(calm), text: "好的")                    // due t0 + 220
            clock.now = Date.t0.addingTimeInterval(120)
            let list = try await app.send(.GET, "api/v1/chats/at-risk", as: leader)
            #expect(list.status == .ok, "\(list.body.string)")
            let items = try list.items()
            #expect(items.map { $0["customer_name"] as? String } == ["王先生"])  // the other team's chat is outside the scope
            #expect(items.first?["seconds_left"] as? Int == 10)
            #expect(items.first?["agent_name"] as? String == "Lina")
            #expect(try await app.send(.GET, "api/v1/chats/at-risk", as: lina).status == .forbidden)
            clock.now = Date.t0.addingTimeInterval(140)
            var session = WebSession(app)
            try await session.logIn("zuzhang", leader.password)
            let board = try await session.get("/cases/board")
            #expect(board.status == .ok)
            let html = board.body.string
            #expect(html.contains("board-chats") && html.contains("在线对话"))
            #expect(html.contains("王先生") && html.contains("已超时 10 秒"))
            #expect(!html.contains("李女士") && !html.contains("外组客户"))
        }
    }

    @Test("CHN-16 an overdue answer is recorded once (scanner twice, concurrently, and the late answer); kind first while queued, message later")
    func breachesOnce() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let leader = try await app.staff("zuzhang", roles: [.teamLeader])
            let lina = try await app.staff("lina", roles: [.agent])
            let zhao = try await app.staff("zhao", roles: [.agent])
            let (chat, _) = try await app.chats.start(name: "王先生", phone: nil)
            _ = try await app.chats.postFromCustomer(chat, text: "有人吗")      // first answer due t0 + 60
            clock.now = Date.t0.addingTimeInterval(61)
            let breaches = ChatBreaches(db: app.db, services: app.services)
            async let a = breaches.scan(now: clock.now)
            async let b = breaches.scan(now: clock.now)
            _ = try await (a, b)
            #expect(try await breaches.scan(now: clock.now) == 0)
            #expect(try await ChatBreachRecord.query(on: app.db).count() == 1)
            clock.now = Date.t0.addingTimeInterval(70)
            let taken = try await app.chats.take(try await app.fresh(chat), by: try await app.staffUser(of: lina))  // late greeting: same breach
            #expect(try await ChatBreachRecord.query(on: app.db).count() == 1)
            clock.now = Date.t0.addingTimeInterval(80)
            _ = try await app.chats.postFromCustomer(taken, text: "网速很慢")     // due t0 + 200
            clock.now = Date.t0.addingTimeInterval(250)
            _ = try await app.chats.postFromAgent(try await app.fresh(chat), text: "马上为您查询", by: try await app.staffUser(of: lina))
            #expect(try await breaches.scan(now: clock.now) == 0)              // answered: the late answer recorded it already
            let rows = try await ChatBreachRecord.query(on: app.db).sort(\.$due).all()
            #expect(rows.map(\.kind) == ["first", "message"])
            #expect(rows.map(\.agentID) == [nil, lina.id])
            #expect(rows.last?.due == Date.t0.addingTimeInterval(200) && rows.last?.month == "2026-11")

            let mine = try await app.send(.GET, "api/v1/chat-breaches?month=2026-11", as: lina)
            #expect(try mine.items().map { $0["kind"] as? String } == ["message"])
            #expect(try await app.send(.GET, "api/v1/chat-breaches?agent_id=\(lina.id)", as: zhao).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/chat-breaches?agent_id=\(zhao.id)", as: zhao).items().isEmpty)
            let all = try await app.send(.GET, "api/v1/chat-breaches?month=2026-11&limit=1", as: leader)
            #expect(try all.items().count == 1)
            let cursor = try #require(try all.object()["next_cursor"] as? String)
            #expect(try await app.send(.GET, "api/v1/chat-breaches?month=2026-11&limit=1&cursor=\(cursor)", as: leader).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/chat-breaches?month=2026-13", as: leader).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/chat-breaches?agent_id=nope", as: leader).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/chat-breaches?cursor=@@@", as: leader).status == .badRequest)
        }
    }
}
