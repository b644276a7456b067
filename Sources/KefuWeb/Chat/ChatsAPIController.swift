import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/chats` (API.md "Online chat"). The customer's routes are public and authorized by the chat's own
/// token (`X-Chat-Token`); staff use their bearer token. Every message is stored before the answer that
/// acknowledges it, and `GET …/messages?after=&wait=` is the long-poll fallback of the WebSocket.
struct ChatsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let chats = routes.grouped("api", "v1", "chats")
        chats.on(.POST, access: .public, summary: "Start a web chat (customer): name and phone optional; answers the chat and its token", request: StartChatRequest.self, response: StartedChatView.self, status: .created, use: start)
        chats.on(.GET, access: .permission(.chatServe), summary: "Chats for the console: state=queued|active|ended, mine=true", use: list)
        chats.on(.GET, ":chatID", access: .public, summary: "A chat (customer token or staff), with queue position and estimated wait", use: show)
        chats.on(.GET, ":chatID", "messages", access: .public,
                 summary: "Messages after a number (after=, catch-up); wait=1..30 long-polls until one arrives", use: messages)
        chats.on(.POST, ":chatID", "messages", access: .public,
                 summary: "Send a text message (customer token or the assigned agent); stored before the 201 answer", request: ChatTextRequest.self, response: ChatMessageView.self, status: .created, use: send)
        chats.on(.POST, ":chatID", "take", access: .permission(.chatServe), summary: "Take a queued chat (exactly one agent wins; greeting sent)", request: NoBody.self, use: take)
        chats.on(.POST, ":chatID", "end", access: .public, summary: "End a chat (customer, or the agent with the closing phrase)", request: NoBody.self, use: end)
        chats.on(.POST, ":chatID", "rate", access: .public, summary: "Rate an ended chat once, 1..5 (customer)", request: RateChatRequest.self, use: rate)
        chats.on(.GET, ":chatID", "transcript", access: .public, summary: "The transcript as plain text (customer token or staff)", use: transcript)
    }

    private func use(_ req: Request) -> Chats { Chats(db: req.db, services: req.services, hub: req.application.chatHub) }

    @Sendable func start(req: Request) async throws -> Response {
        guard req.application.chatStartLimiter.allow(req.remoteAddress?.ipAddress ?? "?", now: req.services.now()) else {
            throw Failure(status: .tooManyRequests, code: "rate_limited", messageKey: "error.rate_limited",
                          retryAfter: Int(req.application.chatStartLimiter.window))
        }
        let body = try req.content.decode(StartChatRequest.self)
        let (chat, token) = try await use(req).start(name: body.name, phone: body.phone)
        let spot = try await ChatQueueSpot.of(chat, db: req.db, services: req.services, hub: req.application.chatHub)
        return try await StartedChatView(chat: ChatView(chat, queue: spot, forStaff: false), token: token).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<ChatView> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        let state = req.query[String.self, at: "state"] ?? ChatState.active.rawValue
        guard ChatState(rawValue: state) != nil else { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
        let query = ChatRecord.query(on: req.db).filter(\.$state == state)
        // Agents see the queue and their own chats; leaders (casesAssign) every chat of a state.
        if req.query[Bool.self, at: "mine"] == true || (state != ChatState.queued.rawValue && !staff.has(.casesAssign)) {
            query.filter(\.$agentID == staff.id)
        }
        let page = try await query.keysetPage(by: \.$queuedAt, ascending: state == ChatState.queued.rawValue, after: cursor, limit: limit)
        return ListResponse(items: page.items.map { ChatView($0, forStaff: true) }, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> ChatView {
        let caller = try await ChatCaller.resolve(req)
        let spot = try await ChatQueueSpot.of(caller.chat, db: req.db, services: req.services, hub: req.application.chatHub)
        return ChatView(caller.chat, queue: spot, forStaff: caller.party != .customer)
    }

    @Sendable func messages(req: Request) async throws -> ChatMessagesView {
        let caller = try await ChatCaller.resolve(req)
        let after = try Self.number(req, "after", in: 0...Int.max) ?? 0
        let wait = try Self.number(req, "wait", in: 0...30) ?? 0
        let items = try await ChatFeed(db: req.db, hub: req.application.chatHub)
            .messages(chatID: caller.chat.id!, after: after, wait: .seconds(wait))
        let chat = try await ChatRecord.find(caller.chat.id!, on: req.db) ?? caller.chat
        let spot = try await ChatQueueSpot.of(chat, db: req.db, services: req.services, hub: req.application.chatHub)
        return ChatMessagesView(items: items.map(ChatMessageView.init), chat: ChatView(chat, queue: spot, forStaff: caller.party != .customer))
    }

    @Sendable func send(req: Request) async throws -> Response {
        let caller = try await ChatCaller.resolve(req)
        let body = try req.content.decode(ChatTextRequest.self)
        let message = try await ChatPosting(req: req).post(body.text, as: caller)
        return try await ChatMessageView(message).encodeResponse(status: .created, for: req)
    }

    @Sendable func take(req: Request) async throws -> ChatView {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("chatID", as: UUID.self), let chat = try await ChatRecord.find(id, on: req.db) else {
            throw DomainError.notFound(subject: "chat")
        }
        return ChatView(try await use(req).take(chat, by: staff), forStaff: true)
    }

    @Sendable func end(req: Request) async throws -> ChatView {
        let caller = try await ChatCaller.resolve(req)
        let ended: ChatRecord
        switch caller {
        case .customer(let chat): ended = try await use(req).end(chat, by: .customer)
        case .staff(let staff, let chat): ended = try await use(req).end(chat, by: .agent, staff: staff)
        }
        return ChatView(ended, forStaff: caller.party != .customer)
    }

    @Sendable func rate(req: Request) async throws -> ChatView {
        guard case .customer(let chat) = try await ChatCaller.resolve(req) else { throw DomainError.forbidden(reason: "error.chat.customer_only") }
        let body = try req.content.decode(RateChatRequest.self)
        return ChatView(try await use(req).rate(chat, score: body.rating), forStaff: false)
    }

    @Sendable func transcript(req: Request) async throws -> Response {
        let caller = try await ChatCaller.resolve(req)
        return try await ChatTranscriptText(db: req.db).response(for: caller.chat, req: req)
    }

    /// An optional integer query parameter within `range`; anything else → 400 naming it.
    static func number(_ req: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = req.query[String.self, at: name] else { return nil }
        guard let value = Int(text), range.contains(value) else { throw DomainError.validation(fields: [name: "error.field.invalid_value"]) }
        return value
    }
}
