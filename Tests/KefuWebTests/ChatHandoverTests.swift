import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// Issue 9 §3: transfer with a note (to an agent on duty below the limit, or back to a team's queue), the case
/// following the chat; inviting a team leader who may then read and post.
@Suite("Chat transfer and invite (issue 9)")
struct ChatHandoverTests {
    @Test("CHN-20 a transfer to an agent on duty carries a note into the transcript and the case follows (its owner stays)")
    func transferToAgent() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let (chat, _) = try await desk.chats.start(name: "王先生", phone: "13812345678")
            let zhao = try await desk.agent("zhao")
            let home = try await desk.agent("home", onDuty: false)
            let path = "api/v1/chats/\(chat.id!)/transfer"
            #expect(try await app.send(.POST, path, as: lina, json: ["to_agent_id": zhao.id.uuidString]).status == .badRequest)  // no note
            #expect(try await app.send(.POST, path, as: lina, json: ["note": "x"]).status == .badRequest)  // no target
            #expect(try await app.send(.POST, path, as: zhao, json: ["to_agent_id": zhao.id.uuidString, "note": "我来"]).status == .forbidden)
            let offDuty = try await app.send(.POST, path, as: lina, json: ["to_agent_id": home.id.uuidString, "note": "资费问题"])
            #expect(offDuty.status == .unprocessableEntity && offDuty.errorRule == "chat.max_concurrent_per_agent")
            let moved = try await app.send(.POST, path, as: lina, json: ["to_agent_id": zhao.id.uuidString, "note": "资费问题请赵工处理"])
            #expect(moved.status == .ok, "\(moved.body.string)")
            #expect(try moved.object()["agent_id"] as? String == zhao.id.uuidString)
            let caseID = try #require(try await desk.reload(chat).caseID)
            let record = try #require(try await CaseRecord.find(caseID, on: app.db))
            #expect(record.ownerID == lina.id && record.assigneeID == zhao.id)
            let system = try await desk.messages(chat).last
            #expect(system?.party == "system" && system?.body?.contains("资费问题请赵工处理") == true)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == zhao.id).filter(\.$kind == "chat.assigned").count() == 1)
            // lina no longer holds it: she may not post, and may not transfer it again.
            await #expect(throws: DomainError.self) { try await desk.chats.postFromAgent(try await desk.reload(chat), text: "还在", by: try await desk.user(lina)) }
            #expect(try await app.send(.POST, path, as: lina, json: ["to_agent_id": lina.id.uuidString, "note": "回来"]).status == .forbidden)
        }
    }

    @Test("CHN-16 a transfer to an agent already at chat.max_concurrent_per_agent is refused with 422")
    func transferAtLimit() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            app.services.rulebook.chat.maxConcurrentPerAgent = 1
            let lina = try await desk.agent("lina")
            let (mine, _) = try await desk.chats.start(name: "甲", phone: nil)
            let zhao = try await desk.agent("zhao")
            _ = try await desk.chats.start(name: "乙", phone: nil)  // zhao's only seat
            let full = try await app.send(.POST, "api/v1/chats/\(mine.id!)/transfer", as: lina, json: ["to_agent_id": zhao.id.uuidString, "note": "转"])
            #expect(full.status == .unprocessableEntity && full.errorRule == "chat.max_concurrent_per_agent")
            #expect(try await desk.reload(mine).agentID == lina.id)
        }
    }

    @Test("CHN-17 a transfer back to a chat team's queue is routed to that team; a team that does not serve chat is refused (chat.teams)")
    func transferToTeam() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let (chat, _) = try await desk.chats.start(name: "甲", phone: nil)
            let billing = try await app.team("计费组", departmentID: desk.department)
            let wu = try await desk.agent("wuming", team: billing)
            let sales = try await app.team("销售组", departmentID: try await app.department("销售部", kind: .sales))
            let path = "api/v1/chats/\(chat.id!)/transfer"
            let refused = try await app.send(.POST, path, as: lina, json: ["to_team_id": sales.uuidString, "note": "订单"])
            #expect(refused.status == .unprocessableEntity && refused.errorRule == "chat.teams")
            let moved = try await app.send(.POST, path, as: lina, json: ["to_team_id": billing.uuidString, "note": "计费问题"])
            #expect(moved.status == .ok, "\(moved.body.string)")
            let after = try await desk.reload(chat)
            #expect(after.teamID == billing && after.agentID == wu.id && after.state == "active")
        }
    }

    @Test("CHN-20 the agent invites their team leader, who may then read and post; a second invite and a non-leader are refused")
    func inviteLeader() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let zhao = try await desk.agent("zhao", onDuty: false)
            let (chat, _) = try await desk.chats.start(name: "甲", phone: nil)
            let path = "api/v1/chats/\(chat.id!)/invite"
            #expect(try await app.send(.POST, path, as: zhao, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, path, as: lina, json: ["user_id": zhao.id.uuidString]).status == .badRequest)  // not a leader
            let invited = try await app.send(.POST, path, as: lina, json: [:])
            #expect(invited.status == .created, "\(invited.body.string)")
            #expect(try invited.object()["user_id"] as? String == desk.leader.id.uuidString)
            #expect(try await app.send(.POST, path, as: lina, json: [:]).status == .conflict)
            let leader = try await desk.user(desk.leader)
            let posted = try await desk.chats.postFromAgent(try await desk.reload(chat), text: "我是班长，帮您处理", by: leader)
            #expect(posted.authorID == desk.leader.id)
            let listed = try await app.send(.GET, "api/v1/chats/\(chat.id!)/participants", as: desk.leader)
            #expect(listed.status == .ok)
            #expect(try listed.items().count == 1)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == desk.leader.id).filter(\.$kind == "chat.invited").count() == 1)
        }
    }
}
