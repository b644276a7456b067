import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// Issue 9 use cases below the transport: start, take, messages both ways, the CHN-16 answer clock, refusals.
@Suite("Chat flow (issue 9)")
struct ChatFlowTests {
    @Test("CHN-16 the customer's first message starts a 60-second answer clock; the taking agent's greeting answers it and later messages get the per-message limit")
    func answerClock() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staffUser(of: try await app.staff("lina", roles: [.agent]))
            let chats = Chats(db: app.db, services: app.services, hub: app.chatHub)
            let (chat, token) = try await chats.start(name: "王先生", phone: "13812345678")
            #expect(try await chats.chat(chat.id!, token: token).id == chat.id)
            _ = try await chats.postFromCustomer(chat, text: "<b>宽带</b>断了")
            #expect(try await ChatRecord.find(chat.id!, on: app.db)?.answerDue == Date.t0.addingTimeInterval(60))
            clock.now = Date.t0.addingTimeInterval(20)
            let taken = try await chats.take(try await chats.chat(chat.id!, token: token), by: lina)
            #expect(taken.state == "active" && taken.answerDue == nil)
            let messages = try await ChatRepository(db: app.db).messages(chatID: chat.id!, after: 0, limit: 10)
            #expect(messages.map(\.party) == ["customer", "agent"])
            #expect(messages[0].body == "<b>宽带</b>断了")  // HTML kept as text; pages escape it
            #expect(messages[1].body?.contains("客服中心") == true)  // the greeting names the organization
            _ = try await chats.postFromCustomer(taken, text: "还在吗")
            #expect(try await ChatRecord.find(chat.id!, on: app.db)?.answerDue == Date.t0.addingTimeInterval(20 + 120))
        }
    }

    @Test("CHN-04 another chat's token, another agent, an ended chat, a message too long or binary, and a second taker are refused")
    func refusals() async throws {
        try await withTestApp { app in
            let lina = try await app.staffUser(of: try await app.staff("lina", roles: [.agent]))
            let zhao = try await app.staffUser(of: try await app.staff("zhao", roles: [.agent]))
            let chats = Chats(db: app.db, services: app.services, hub: app.chatHub)
            let (chat, _) = try await chats.start(name: nil, phone: nil)
            let (_, otherToken) = try await chats.start(name: "李女士", phone: nil)
            #expect(chat.customerName == "访客")
            await #expect(throws: DomainError.self) { try await chats.chat(chat.id!, token: otherToken) }
            await #expect(throws: DomainError.self) { try await chats.start(name: nil, phone: "12ab") }
            await #expect(throws: DomainError.self) { try await chats.postFromCustomer(chat, text: String(repeating: "字", count: 1_001)) }
            await #expect(throws: DomainError.self) { try await chats.postFromCustomer(chat, text: "a\u{1B}[31m") }
            let taken = try await chats.take(chat, by: lina)
            await #expect(throws: DomainError.self) { try await chats.take(chat, by: zhao) }
            await #expect(throws: DomainError.self) { try await chats.postFromAgent(taken, text: "我来", by: zhao) }
            try await ChatRecord.query(on: app.db).filter(\.$id == chat.id!).set(\.$state, to: "ended").update()
            let ended = try #require(try await ChatRecord.find(chat.id!, on: app.db))
            await #expect(throws: DomainError.self) { try await chats.postFromCustomer(ended, text: "喂") }
            #expect(try await ChatMessageRecord.query(on: app.db).filter(\.$chatID == chat.id!).count() == 1)  // only the greeting
        }
    }
}

@Suite("Chat end and rating (issue 9)")
struct ChatEndTests {
    @Test("KB-14 SAT the agent ends with the closing phrase; the customer rates once on the 1–5 scale; an ended chat takes no messages")
    func endAndRate() async throws {
        try await withTestApp { app in
            let lina = try await app.staffUser(of: try await app.staff("lina", roles: [.agent]))
            let zhao = try await app.staffUser(of: try await app.staff("zhao", roles: [.agent]))
            let chats = Chats(db: app.db, services: app.services, hub: app.chatHub)
            let (chat, _) = try await chats.start(name: "王先生", phone: nil)
            await #expect(throws: DomainError.self) { try await chats.rate(chat, score: 5) }  // not ended yet
            let taken = try await chats.take(chat, by: lina)
            await #expect(throws: DomainError.self) { try await chats.end(taken, by: .agent, staff: zhao) }
            let ended = try await chats.end(taken, by: .agent, staff: lina)
            #expect(ended.state == "ended" && ended.endedBy == "agent")
            let messages = try await ChatRepository(db: app.db).messages(chatID: chat.id!, after: 0, limit: 10)
            #expect(messages.last(where: { $0.party == "agent" })?.body == app.services.rulebook.chat.closing)
            #expect(messages.last?.party == "system")  // the end is marked in the transcript
            await #expect(throws: DomainError.self) { try await chats.end(ended, by: .customer) }
            await #expect(throws: DomainError.self) { try await chats.postFromCustomer(ended, text: "喂") }
            await #expect(throws: DomainError.self) { try await chats.rate(ended, score: 6) }
            #expect(try await chats.rate(ended, score: 4).rating == 4)
            await #expect(throws: DomainError.self) { try await chats.rate(ended, score: 5) }
        }
    }
}
