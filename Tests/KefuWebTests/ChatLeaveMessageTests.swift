import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// Issue 9 §4: with nobody available the customer leaves a message, which becomes a case (CHN-01).
@Suite("Chat leave a message (issue 9)")
struct ChatLeaveMessageTests {
    @Test("CHN-01 with nobody on duty the customer leaves a message: a chat case in the chat team's queue, owned by its leader")
    func leaveMessage() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let (chat, token) = try await desk.chats.start(name: "王先生", phone: nil)
            let (_, otherToken) = try await desk.chats.start(name: "李女士", phone: nil)
            let path = "api/v1/chats/\(chat.id!)/leave-message"
            #expect(try await desk.customer(.POST, path, token: otherToken, json: ["text": "喂", "phone": "13812345678"]).status == .notFound)
            #expect(try await app.testing().sendRequest(.POST, path).status == .unauthorized)
            #expect(try await desk.customer(.POST, path, token: token, json: ["text": "宽带断了"]).status == .badRequest)  // no phone to call back
            #expect(try await desk.customer(.POST, path, token: token, json: ["text": "", "phone": "13812345678"]).status == .badRequest)
            let left = try await desk.customer(.POST, path, token: token, json: ["text": "宽带断了，请回电", "phone": "13812345678"])
            #expect(left.status == .created, "\(left.body.string)")
            let body = try left.object()
            #expect(body["state"] as? String == "left_message")
            let record = try #require(try await CaseRecord.find(UUID(uuidString: body["case_id"] as? String ?? ""), on: app.db))
            #expect(record.channel == "chat" && record.assigneeID == nil && record.status == "new")
            #expect(record.teamID == desk.team && record.ownerID == desk.leader.id && record.subject == "宽带断了，请回电")
            #expect(try await desk.messages(chat).map(\.body) == ["宽带断了，请回电"])  // kept in the transcript
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == desk.leader.id).filter(\.$kind == "chat.message_left").count() == 1)
            let again = try await desk.customer(.POST, path, token: token, json: ["text": "再留一次", "phone": "13812345678"])
            #expect(again.status == .conflict)
        }
    }

    @Test("CHN-01 a chat an agent already took cannot leave a message (409); no team with a leader → 422 chat.teams")
    func refusals() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            _ = try await desk.agent("lina")
            let (taken, token) = try await desk.chats.start(name: "甲", phone: "13812345678")
            #expect(taken.state == "active")
            let conflict = try await desk.customer(.POST, "api/v1/chats/\(taken.id!)/leave-message", token: token, json: ["text": "留言"])
            #expect(conflict.status == .conflict)
            app.services.rulebook.chat.teams = ["不存在的组"]
            let (waiting, waitingToken) = try await desk.chats.start(name: "乙", phone: "13812345678")
            let none = try await desk.customer(.POST, "api/v1/chats/\(waiting.id!)/leave-message", token: waitingToken, json: ["text": "留言"])
            #expect(none.status == .unprocessableEntity && none.errorRule == "chat.teams")
            #expect(try await desk.reload(waiting).state == "queued")
        }
    }
}
