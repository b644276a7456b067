import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

/// Issue 9 bad input: an agent reading a chat not assigned to them; an image that is not an image, or too big.
@Suite("Chat access and images (issue 9)")
struct ChatAccessImageTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 64)

    @Test("CHN-04 an agent reading a chat not assigned to them gets 403; the team leader and QA may read; only the agent posts")
    func readAccess() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let (chat, _) = try await desk.chats.start(name: "甲", phone: nil)
            let zhao = try await desk.agent("zhao")
            let qa = try await app.staff("zhijian", roles: [.qaInspector])
            for path in ["participants", "queue"] {
                #expect(try await app.send(.GET, "api/v1/chats/\(chat.id!)/\(path)", as: zhao).status == .forbidden)
                #expect(try await app.send(.GET, "api/v1/chats/\(chat.id!)/\(path)", as: lina).status == .ok)
                #expect(try await app.send(.GET, "api/v1/chats/\(chat.id!)/\(path)", as: desk.leader).status == .ok)
                #expect(try await app.send(.GET, "api/v1/chats/\(chat.id!)/\(path)", as: qa).status == .ok)
            }
            #expect(try await app.testing().sendRequest(.GET, "api/v1/chats/\(chat.id!)/queue").status == .unauthorized)
            let gate = ChatGate(db: app.db)
            await #expect(throws: DomainError.forbidden(reason: "error.chat.not_yours")) { try await gate.requirePost(chat, by: try await desk.user(desk.leader)) }
            await #expect(throws: DomainError.self) { try await desk.chats.postFromAgent(chat, text: "我来答", by: try await desk.user(zhao)) }
        }
    }

    @Test("CHN-04 a PNG is stored and served with its type and nosniff; a fake PNG (text) and an oversize image are refused with 400")
    func images() async throws {
        try await withTestApp { app in
            let desk = try await ChatDesk.make(app)
            let lina = try await desk.agent("lina")
            let (chat, token) = try await desk.chats.start(name: "甲", phone: nil)
            let zhao = try await desk.agent("zhao")
            let (_, otherToken) = try await desk.chats.start(name: "乙", phone: nil)
            let path = "api/v1/chats/\(chat.id!)/images"
            let sent = try await desk.customer(.POST, path, token: token, bytes: Self.png)
            #expect(sent.status == .created, "\(sent.body.string)")
            let seq = try #require(try sent.object()["seq"] as? Int)
            #expect(try sent.object()["image_type"] as? String == "image/png")
            #expect(try await desk.reload(chat).answerDue != nil)  // an image waits for an answer too (CHN-16)
            let served = try await desk.customer(.GET, "\(path)/\(seq)", token: token)
            #expect(served.status == .ok && served.headers.first(name: .contentType) == "image/png")
            #expect(served.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(Array(served.body.readableBytesView) == Self.png)
            #expect(try await app.send(.GET, "\(path)/\(seq)", as: lina).status == .ok)
            #expect(try await app.send(.GET, "\(path)/\(seq)", as: zhao).status == .forbidden)
            #expect(try await desk.customer(.GET, "\(path)/\(seq)", token: otherToken).status == .notFound)
            #expect(try await desk.customer(.GET, "\(path)/1", token: token).status == .notFound)  // the greeting is text
            let fake = try await desk.customer(.POST, path, token: token, bytes: Array("<html>not a png</html>".utf8))
            #expect(fake.status == .badRequest && fake.errorCode == "validation_failed")
            app.services.rulebook.chat.maxImageBytes = 1_024
            let big = try await desk.customer(.POST, path, token: token, bytes: Self.png + [UInt8](repeating: 0, count: 2_000))
            #expect(big.status == .badRequest)
            #expect(try await desk.staffBytes(path, as: lina, bytes: Self.png).status == .created)
            #expect(try await desk.staffBytes(path, as: zhao, bytes: Self.png).status == .forbidden)
            #expect(try await desk.messages(chat).filter { $0.imageType != nil }.count == 2)
        }
    }
}
