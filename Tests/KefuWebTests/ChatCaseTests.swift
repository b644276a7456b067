import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// "A chat is a case with channel `chat`" (API.md): opened when the chat gets its agent, who owns it (CHN-12);
/// or the agent continues an existing case of the customer and the untouched auto-opened one closes as a duplicate.
@Suite("Chat case (issue 9)")
struct ChatCaseTests {
    @Test("CHN-12 taking a chat opens its case: channel chat, the agent as first-contact owner, the customer found by phone, the subject from the first message")
    func opensOnTake() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina", onDuty: false)
            let known = try await app.openCase(as: lina, phone: "13812345678")  // registers 王先生
            let customerID = try #require((known["customer"] as? [String: Any])?["id"] as? String)
            let (chat, _) = try await desk.chats.start(name: "王先生", phone: "13812345678")
            _ = try await desk.chats.postFromCustomer(chat, text: "宽带从昨晚开始断网")
            let taken = try await desk.chats.take(try await desk.reload(chat), by: try await desk.user(lina))
            let caseID = try #require(taken.caseID)
            let record = try #require(try await CaseRecord.find(caseID, on: app.db))
            #expect(record.channel == "chat" && record.type == "consultation")
            #expect(record.ownerID == lina.id && record.assigneeID == lina.id && record.status == "assigned")
            #expect(record.subject == "宽带从昨晚开始断网")
            #expect(record.customerID.uuidString == customerID && taken.customerID == record.customerID)
            #expect(try await CustomerRecord.query(on: app.db).count() == 1)  // found, not registered twice
        }
    }

    @Test("CHN-12 a guest without a phone has no case until the agent opens one with the phone the customer gives")
    func guestOpensWithPhone() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let zhao = try await desk.agent("zhao", onDuty: false)
            let (chat, _) = try await desk.chats.start(name: nil, phone: nil)
            #expect(chat.agentID == lina.id && chat.caseID == nil)
            #expect(try await app.send(.POST, "api/v1/chats/\(chat.id!)/case", as: lina, json: [:]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/chats/\(chat.id!)/case", as: lina, json: ["phone": "12ab"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/chats/\(chat.id!)/case", as: zhao, json: ["phone": "13900001111"]).status == .forbidden)
            let opened = try await app.send(.POST, "api/v1/chats/\(chat.id!)/case", as: lina, json: ["phone": "13900001111"])
            #expect(opened.status == .ok, "\(opened.body.string)")
            let caseID = try #require((opened.object()["chat"] as? [String: Any])?["case_id"] as? String)
            let record = try #require(try await CaseRecord.find(UUID(uuidString: caseID), on: app.db))
            #expect(record.ownerID == lina.id && record.channel == "chat")
            #expect(try await app.send(.POST, "api/v1/chats/\(chat.id!)/case", as: lina, json: ["phone": "13900001111"]).status == .conflict)
        }
    }

    @Test("CHN-12 continuing an existing case of the customer closes the untouched auto-opened case as a duplicate; another customer's case is refused")
    func continueExisting() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let existing = try await app.openCase(as: lina, phone: "13812345678")
            let stranger = try await app.openCase(as: lina, phone: "13700000000")
            let (chat, _) = try await desk.chats.start(name: "王先生", phone: "13812345678")
            let auto = try #require(try await desk.reload(chat).caseID)
            let refused = try await app.send(.POST, "api/v1/chats/\(chat.id!)/case", as: lina, json: ["case_id": stranger["id"] as! String])
            #expect(refused.status == .badRequest)
            let response = try await app.send(.POST, "api/v1/chats/\(chat.id!)/case", as: lina, json: ["case_id": existing["id"] as! String])
            #expect(response.status == .ok, "\(response.body.string)")
            let body = try response.object()
            #expect(body["closed_case_id"] as? String == auto.uuidString)
            #expect((body["chat"] as? [String: Any])?["case_id"] as? String == existing["id"] as? String)
            let closed = try #require(try await CaseRecord.find(auto, on: app.db))
            #expect(closed.status == "closed" && closed.resolution?.contains(existing["number"] as! String) == true)
            #expect(try await CaseLinkRecord.query(on: app.db).filter(\.$caseID == auto).filter(\.$kind == "duplicate").count() == 1)
            #expect(try await ReturnVisitRecord.query(on: app.db).count() == 0)  // no return visit for a duplicate
        }
    }

    @Test("CHN-12 an auto-opened case someone already worked on stays open when the agent continues another case")
    func workedCaseStays() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let existing = try await app.openCase(as: lina, phone: "13812345678")
            let (chat, _) = try await desk.chats.start(name: "王先生", phone: "13812345678")
            let auto = try #require(try await desk.reload(chat).caseID)
            #expect(try await app.send(.POST, "api/v1/cases/\(auto)/notes", as: lina, json: ["body": "已查线路"]).status == .ok)
            let response = try await app.send(.POST, "api/v1/chats/\(chat.id!)/case", as: lina, json: ["case_id": existing["id"] as! String])
            #expect(response.status == .ok)
            #expect(try response.object()["closed_case_id"] == nil)
            #expect(try await CaseRecord.find(auto, on: app.db)?.status != "closed")
        }
    }
}
