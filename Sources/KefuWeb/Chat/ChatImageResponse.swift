import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// One image of a chat (`…/images/{seq}`), with its recognised type and `nosniff`, for every route that shows
/// it (the API, the customer page, the console).
enum ChatImageResponse {
    static func make(_ chat: ChatRecord, req: Request) async throws -> Response {
        guard let seq = req.parameters.get("seq", as: Int.self) else { throw DomainError.notFound(subject: "chat_image") }
        let (type, data) = try await Chats(db: req.db, services: req.services, hub: req.application.chatHub).image(chat, seq: seq)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        return response
    }
}
