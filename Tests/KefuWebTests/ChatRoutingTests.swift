import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// Issue 9 §4 routing: on duty (roster), a team that serves chat, least busy first, the per-agent limit,
/// exactly one assignment per chat, the queue position and estimated wait.
@Suite("Chat routing (issue 9)")
struct ChatRoutingTests {
    @Test("CHN-18 a waiting chat goes to the least busy agent on duty in a chat team; off-duty agents and other departments' teams get none")
    func leastBusyOnDuty() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let busy = try await desk.agent("busy")
            let free = try await desk.agent("free")
            _ = try await desk.agent("home", onDuty: false)
            let sales = try await app.department("销售部", kind: .sales)
            let salesTeam = try await app.team("销售组", departmentID: sales)
            _ = try await desk.agent("seller", team: salesTeam, department: sales)
            let (first, _) = try await desk.chats.start(name: "甲", phone: nil)
            #expect(first.state == "active")
            let firstAgent = try #require(first.agentID)
            #expect([busy.id, free.id].contains(firstAgent))
            desk.clock.now = Date.t0.addingTimeInterval(30)
            let (second, _) = try await desk.chats.start(name: "乙", phone: nil)
            #expect(second.agentID != nil && second.agentID != firstAgent)  // the other one held none
            desk.clock.now = Date.t0.addingTimeInterval(60)
            let (third, _) = try await desk.chats.start(name: "丙", phone: nil)
            #expect(third.agentID == firstAgent)  // both hold one: the one idle longest
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$kind == "chat.assigned").all()
            #expect(Set(notices.map(\.userID)) == [busy.id, free.id])
            #expect(try await desk.messages(second).map(\.party) == ["agent"])  // the greeting
        }
    }

    @Test("CHN-16 chat.max_concurrent_per_agent: nobody gets more chats than the limit; the rest wait with a queue position and an estimated wait")
    func limitAndQueue() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            app.services.rulebook.chat.maxConcurrentPerAgent = 1
            let lina = try await desk.agent("lina")
            let (one, _) = try await desk.chats.start(name: "甲", phone: nil)
            #expect(one.agentID == lina.id)
            desk.clock.now = Date.t0.addingTimeInterval(10)
            let (two, _) = try await desk.chats.start(name: "乙", phone: nil)
            desk.clock.now = Date.t0.addingTimeInterval(20)
            let (three, _) = try await desk.chats.start(name: "丙", phone: nil)
            #expect(two.state == "queued" && three.state == "queued")
            #expect(try await desk.chats.queuePosition(two) == 1)
            #expect(try await desk.chats.queuePosition(three) == 2)
            #expect(try await desk.chats.queuePosition(one) == 0)
            let status = try await desk.chats.queueStatus(three)
            #expect(status.position == 2 && status.estimatedWaitSeconds == 600)  // 2 × 5 min over one seat (none free → 1)
            // A hand take above the limit is refused by the same rule.
            let taking = try await desk.user(lina)
            await #expect(throws: DomainError.ruleViolation(rule: "chat.max_concurrent_per_agent", reason: "error.chat.agent_at_limit")) {
                try await desk.chats.take(two, by: taking)
            }
            // The seat frees up: the router (as the loop runs it) gives the oldest waiting chat next.
            _ = try await desk.chats.end(try await desk.reload(one), by: .customer)
            #expect(try await ChatRouter(db: app.db, services: app.services, hub: app.chatHub).run(now: desk.clock.now) == 1)
            #expect(try await desk.reload(two).agentID == lina.id)
            #expect(try await desk.reload(three).state == "queued")
            let response = try await app.send(.GET, "api/v1/chats/\(three.id!)/queue", as: lina)
            #expect(response.status == .ok)
            #expect(try response.object()["position"] as? Int == 1)
        }
    }

    @Test("CHN-18 routers racing for the same chat assign it exactly once")
    func exactlyOnce() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let (chat, _) = try await desk.chats.start(name: "甲", phone: nil)  // nobody on duty yet
            #expect(chat.state == "queued")
            for name in ["agent1", "agent2", "agent3"] { _ = try await desk.agent(name) }
            let router = ChatRouter(db: app.db, services: app.services, hub: app.chatHub)
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 { group.addTask { try await router.run(now: desk.clock.now) } }
                return try await group.reduce(0, +)
            }
            #expect(total == 1)
            #expect(try await desk.messages(chat).filter { $0.party == "agent" }.count == 1)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "chat.routed").count() == 1)
        }
    }

    @Test("CHN-16 routers racing for two chats never give one agent more than chat.max_concurrent_per_agent")
    func limitUnderRace() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            app.services.rulebook.chat.maxConcurrentPerAgent = 1
            for name in ["甲", "乙", "丙"] { _ = try await desk.chats.start(name: name, phone: nil) }  // nobody on duty yet
            let lina = try await desk.agent("lina")
            let router = ChatRouter(db: app.db, services: app.services, hub: app.chatHub)
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 { group.addTask { try await router.run(now: desk.clock.now) } }
                return try await group.reduce(0, +)
            }
            #expect(total == 1)
            #expect(try await ChatRecord.query(on: app.db).filter(\.$agentID == lina.id).filter(\.$state == "active").count() == 1)
        }
    }
}
