import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import NIOConcurrencyHelpers
import Vapor

/// One message from a caller, whichever transport carried it (JSON, WebSocket, the no-script form): the flood
/// limit first (429), then the use case's checks; stored (and signalled) before the caller hears "done".
struct ChatPosting {
    let req: Request

    func post(_ text: String, as caller: ChatCaller) async throws -> ChatMessageRecord {
        let services = req.services
        let chats = Chats(db: req.db, services: services, hub: req.application.chatHub)
        // The current row: the caller's copy may predate a take or an end.
        guard let chat = try await ChatRecord.find(caller.chat.id!, on: req.db) else { throw DomainError.notFound(subject: "chat") }
        try req.application.chatFlood.check(chat: chat.id!, party: caller.party, rules: services.rulebook.chat, now: services.now())
        switch caller {
        case .customer: return try await chats.postFromCustomer(chat, text: text)
        case .staff(let staff, _): return try await chats.postFromAgent(chat, text: text, by: staff)
        }
    }
}

extension Application {
    private struct ChatStartLimiterKey: StorageKey { typealias Value = AddressRateLimiter }

    /// New chats per client address: 20 in 10 minutes (a person starts one or two; a script is stopped).
    var chatStartLimiter: AddressRateLimiter {
        if let limiter = storage[ChatStartLimiterKey.self] { return limiter }
        let limiter = AddressRateLimiter(limit: 20, window: 600)
        storage[ChatStartLimiterKey.self] = limiter
        return limiter
    }
}

/// The transcript on request (issue 9 §1): every message in order as plain text, downloaded as a file.
struct ChatTranscriptText {
    let db: any Database

    func text(for chat: ChatRecord, services: AppServices) async throws -> String {
        var lines: [String] = []
        var after = 0
        while true {
            let page = try await ChatRepository(db: db).messages(chatID: chat.id!, after: after, limit: 500)
            for message in page {
                let body = message.body ?? (message.imageType.map { "[\($0)]" } ?? "")
                lines.append("[\(DisplayTime.format(message.at, services: services))] \(message.authorName): \(body)")
            }
            guard let last = page.last, page.count == 500 else { break }
            after = last.seq
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func response(for chat: ChatRecord, req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: try await text(for: chat, services: req.services)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"chat-\(chat.id!.uuidString.prefix(8)).txt\"")
        return response
    }
}
