import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The customer's side of web chat (API.md: public): `/chat` serves the start form without login or redirect
/// and works without script (forms and reloads; the chat rides in an HttpOnly cookie on `/chat`), the widget
/// script, and the WebSocket that customers (by token) and agents (by session) share.
struct ChatPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "chat", access: .public, summary: "Customer chat page: start form, or the chat of this browser", use: page)
        routes.on(.POST, "chat", access: .public, summary: "Start a chat from the page form (name, phone)", use: start)
        routes.on(.POST, "chat", "send", access: .public, summary: "Send a message from the page form", use: send)
        routes.on(.POST, "chat", "end", access: .public, summary: "The customer ends the chat (page form)", use: end)
        routes.on(.POST, "chat", "rate", access: .public, summary: "The customer rates the ended chat (page form)", use: rate)
        routes.on(.POST, "chat", "new", access: .public, summary: "Forget this browser's chat and show the start form", use: forget)
        routes.on(.GET, "chat", "transcript", access: .public, summary: "Download this browser's chat transcript", use: transcript)
        routes.on(.GET, "chat", "images", ":seq", access: .public, summary: "An image of this browser's chat", use: image)
        routes.on(.POST, "chat", "images", access: .public, summary: "Send an image from the page form (multipart: file)",
                  body: .collect(maxSize: ByteCount(value: ChatCoreAPIController.imageBodyLimit)), use: sendImage)
        routes.on(.POST, "chat", "leave-message", access: .public, summary: "Leave a message while nobody is free (page form)", use: leaveMessage)
        routes.on(.GET, "chat", "widget.js", access: .public, summary: "The embeddable chat widget (one script tag)", use: widget)
        routes.on(.GET, "chat", "ws", ":chatID", access: .public,
                  summary: "Chat WebSocket: after=N catch-up; customer token= or staff session; frames in the OpenAPI document", use: socket)
    }

    private func chats(_ req: Request) -> Chats { Chats(db: req.db, services: req.services, hub: req.application.chatHub) }

    /// This browser's chat and token, from the page cookie (nil: none, or no longer valid).
    private func current(_ req: Request) async throws -> (ChatRecord, String)? {
        guard let value = req.cookies[ChatCaller.cookie]?.string else { return nil }
        let parts = value.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let id = UUID(uuidString: String(parts[0])) else { return nil }
        let token = String(parts[1])
        return try? await (chats(req).chat(id, token: token), token)
    }

    private func back(_ req: Request) -> String {
        (try? req.content.get(String.self, at: "embed")) == "1" || req.query[String.self, at: "embed"] == "1" ? "/chat?embed=1" : "/chat"
    }

    private func render(_ req: Request, _ page: ChatCustomerPage, status: HTTPResponseStatus = .ok, retryAfter: Int? = nil) async throws -> Response {
        let response = try await req.view.render("chat/customer", page).encodeResponse(for: req)
        response.status = status
        if let retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: "\(retryAfter)") }
        return response
    }

    @Sendable func page(req: Request) async throws -> Response {
        let found = try await current(req)
        return try await render(req, try await .build(req, chat: found?.0, token: found?.1))
    }

    @Sendable func start(req: Request) async throws -> Response {
        let name = (try? req.content.get(String.self, at: "name")) ?? ""
        let phone = (try? req.content.get(String.self, at: "phone")) ?? ""
        guard req.application.chatStartLimiter.allow(req.remoteAddress?.ipAddress ?? "?", now: req.services.now()) else {
            return try await render(req, try await .build(req, chat: nil, token: nil, flashError: req.t("error.rate_limited"), name: name, phone: phone),
                                    status: .tooManyRequests, retryAfter: Int(req.application.chatStartLimiter.window))
        }
        do {
            let (chat, token) = try await chats(req).start(name: name, phone: phone)
            let response = req.redirect(to: back(req))
            response.cookies[ChatCaller.cookie] = HTTPCookies.Value(
                string: "\(chat.id!.uuidString).\(token)", maxAge: 86_400, path: "/chat",
                isSecure: req.services.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
            return response
        } catch DomainError.validation(let fields) {
            return try await render(req, try await .build(req, chat: nil, token: nil, errors: fields.mapValues { req.t($0) },
                                                         flashError: req.t("error.validation_failed"), name: name, phone: phone), status: .badRequest)
        }
    }

    /// Runs a form action on this browser's chat; a refusal re-renders the page with the message.
    private func act(_ req: Request, _ action: (ChatRecord, String) async throws -> Void) async throws -> Response {
        guard let (chat, token) = try await current(req) else { return req.redirect(to: back(req)) }
        do {
            try await action(chat, token)
            return req.redirect(to: back(req))
        } catch {
            let (message, status) = req.refusal(error)
            let fresh = try await ChatRecord.find(chat.id!, on: req.db) ?? chat
            return try await render(req, try await .build(req, chat: fresh, token: token, flashError: message), status: status)
        }
    }

    @Sendable func send(req: Request) async throws -> Response {
        let text = (try? req.content.get(String.self, at: "text")) ?? ""
        return try await act(req) { chat, _ in _ = try await ChatPosting(req: req).post(text, as: .customer(chat)) }
    }

    @Sendable func end(req: Request) async throws -> Response {
        try await act(req) { chat, _ in _ = try await chats(req).end(chat, by: .customer) }
    }

    @Sendable func rate(req: Request) async throws -> Response {
        let rating = (try? req.content.get(Int.self, at: "rating")) ?? 0
        return try await act(req) { chat, _ in _ = try await chats(req).rate(chat, score: rating) }
    }

    @Sendable func forget(req: Request) async throws -> Response {
        let response = req.redirect(to: back(req))
        response.cookies[ChatCaller.cookie] = HTTPCookies.Value(string: "", maxAge: 0, path: "/chat", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func transcript(req: Request) async throws -> Response {
        guard let (chat, _) = try await current(req) else { throw DomainError.notFound(subject: "chat") }
        return try await ChatTranscriptText(db: req.db).response(for: chat, req: req)
    }

    @Sendable func widget(req: Request) async throws -> Response {
        // The file in Public/js; served here too so the tag a website pastes reads /chat/widget.js.
        let path = KefuResources.publicDirectory + "js/chat-widget.js"
        let source = try await req.fileio.collectFile(at: path).get()
        let response = Response(status: .ok, body: .init(buffer: source))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "javascript", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    @Sendable func socket(req: Request) async throws -> Response {
        let caller = try await ChatCaller.resolve(req)
        let after = try ChatsAPIController.number(req, "after", in: 0...Int.max) ?? 0
        return req.webSocket(maxFrameSize: .init(integerLiteral: 1 << 16), shouldUpgrade: { $0.eventLoop.makeSucceededFuture([:]) },
                             onUpgrade: { req, ws in ChatSocket(req: req, caller: caller).attach(ws, after: after) })
    }

    struct ImageForm: Content { let file: File? }

    @Sendable func image(req: Request) async throws -> Response {
        guard let (chat, _) = try await current(req) else { throw DomainError.notFound(subject: "chat") }
        return try await ChatImageResponse.make(chat, req: req)
    }

    @Sendable func sendImage(req: Request) async throws -> Response {
        let bytes = (try? req.content.decode(ImageForm.self))?.file.map { Array($0.data.readableBytesView) } ?? []
        return try await act(req) { chat, _ in
            try req.application.chatFlood.check(chat: chat.id!, party: .customer, rules: req.services.rulebook.chat, now: req.services.now())
            _ = try await chats(req).postImage(chat, data: bytes, from: .customer)
        }
    }

    @Sendable func leaveMessage(req: Request) async throws -> Response {
        let text = (try? req.content.get(String.self, at: "text")) ?? ""
        let phone = (try? req.content.get(String.self, at: "phone"))?.nilIfBlank
        return try await act(req) { chat, _ in _ = try await chats(req).leaveMessage(chat, text: text, phone: phone) }
    }
}
