import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Who is calling a chat route: the customer holding the chat's token (header `X-Chat-Token`, `?token=` for
/// the WebSocket, or the `/chat` page's cookie), or a signed-in staff member allowed to read the chat.
/// Another chat's token answers 404 as if the chat did not exist; a staff member without access, 403.
enum ChatCaller {
    case customer(ChatRecord)
    case staff(StaffUser, ChatRecord)

    static let cookie = "kefu_chat"

    var chat: ChatRecord {
        switch self { case .customer(let chat), .staff(_, let chat): chat }
    }

    var party: ChatParty {
        if case .customer = self { return .customer }
        return .agent
    }

    static func resolve(_ req: Request, chatID: UUID? = nil) async throws -> ChatCaller {
        guard let id = chatID ?? req.parameters.get("chatID", as: UUID.self) else { throw DomainError.notFound(subject: "chat") }
        let chats = Chats(db: req.db, services: req.services, hub: req.application.chatHub)
        if let token = customerToken(req, chatID: id) {
            return .customer(try await chats.chat(id, token: token))
        }
        guard let staff = req.staff else { throw Abort(.unauthorized) }
        guard staff.has(.chatServe), let chat = try await ChatRecord.find(id, on: req.db) else {
            throw staff.has(.chatServe) ? DomainError.notFound(subject: "chat") : DomainError.forbidden(reason: "error.forbidden")
        }
        try await ChatGate(db: req.db).requireRead(chat, by: staff)  // ChatAccess: agent, participants, leaders in scope
        return .staff(staff, chat)
    }

    private static func customerToken(_ req: Request, chatID: UUID) -> String? {
        if let header = req.headers.first(name: "X-Chat-Token"), !header.isEmpty { return header }
        if let query = req.query[String.self, at: "token"], !query.isEmpty { return query }
        if !req.isAPI, let cookie = req.cookies[cookie]?.string {
            let parts = cookie.split(separator: ".", maxSplits: 1)
            if parts.count == 2, UUID(uuidString: String(parts[0])) == chatID { return String(parts[1]) }
        }
        return nil
    }
}
