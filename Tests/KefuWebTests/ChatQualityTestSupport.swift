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

/// Chats for the chatqa tests: a customer writes, `agent` takes it, and the chat belongs to a case the agent
/// opened (chatcore opens that case in the product; here the test writes `chats.case_id` itself).
extension Application {
    var chats: Chats { Chats(db: db, services: services, hub: chatHub) }

    func takenChat(_ agent: TestStaff, customer: String = "王先生", says text: String = "宽带断了", withCase: Bool = true) async throws -> (chat: ChatRecord, caseID: UUID?) {
        let (chat, _) = try await chats.start(name: customer, phone: nil)
        _ = try await chats.postFromCustomer(chat, text: text)
        let taken = try await chats.take(try #require(try await ChatRecord.find(chat.id!, on: db)), by: try await staffUser(of: agent))
        guard withCase else { return (taken, nil) }
        let opened = try await openCase(as: agent, channel: "chat", subject: "在线咨询", phone: Application.uniquePhone())
        let caseID = try #require(UUID(uuidString: opened["id"] as? String ?? ""))
        try await ChatRecord.query(on: db).filter(\.$id == chat.id!).set(\.$caseID, to: caseID).update()
        return (try #require(try await ChatRecord.find(chat.id!, on: db)), caseID)
    }

    func fresh(_ chat: ChatRecord) async throws -> ChatRecord { try #require(try await ChatRecord.find(chat.id!, on: db)) }
}
