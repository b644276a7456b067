import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The chat's WebSocket (`GET /chat/ws/{id}?after=N`, customer `&token=`, staff by the web session).
/// On connect it sends every message after N (catch-up), then each new one as the hub signals it — from this
/// node or, on PostgreSQL, another. A `send` frame is stored first, then acknowledged with its number; the
/// message itself comes back through the same feed, so every client dedupes by `seq`.
struct ChatSocket {
    let req: Request
    let caller: ChatCaller

    struct Incoming: Decodable {
        let type: String
        let text: String?
        let clientID: String?
        /// The console's measure of this message: characters typed (not pasted or inserted) and the time typing.
        let typedChars: Int?
        let typedMs: Int?
        enum CodingKeys: String, CodingKey { case type, text, clientID = "client_id", typedChars = "typed_chars", typedMs = "typed_ms" }
    }

    /// ORG-08/09/11: an agent's typing over this connection, kept until it makes one sample worth storing.
    let typing = ConsoleTypingMeter()

    struct Messages: Encodable { var type = "messages"; let items: [ChatMessageView]; let chat: ChatView }
    struct Ack: Encodable {
        var type = "ack"; let clientID: String?; let seq: Int
        enum CodingKeys: String, CodingKey { case type, seq, clientID = "client_id" }
    }
    struct Refusal: Encodable {
        var type = "error"; let clientID: String?; let status: Int; let code: String; let message: String; let rule: String?
        enum CodingKeys: String, CodingKey { case type, status, code, message, rule, clientID = "client_id" }
    }
    struct Pong: Encodable { var type = "pong" }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Attaches to a socket just upgraded. Synchronous on purpose: the frame handler must be in place before the
    /// first frame arrives (frames before it would be dropped); the feed then runs in its own task.
    func attach(_ ws: WebSocket, after: Int) {
        let chatID = caller.chat.id!
        let hub = req.application.chatHub
        ws.pingInterval = .seconds(25)
        ws.onText { ws, text in await handle(text, on: ws) }
        let pump = Task {
            let (token, stream) = await hub.listen(to: chatID)
            defer { Task { await hub.leave(chatID, token) } }
            var last = after
            last = await deliver(ws, after: last)
            for await seq in stream where seq > last {
                last = await deliver(ws, after: last)
            }
        }
        ws.onClose.whenComplete { _ in pump.cancel() }
    }

    /// Sends the messages after `seq` with the chat's current state; answers the new last number.
    private func deliver(_ ws: WebSocket, after seq: Int) async -> Int {
        var last = seq
        // A socket outlives neither its connection nor the application: after either, the database is not ours
        // to use (a late delivery during shutdown reached a database already gone and trapped).
        guard !Task.isCancelled, !req.application.didShutdown else { return last }
        // The database is taken once, here: `req.db` looks the database up in the application each time and
        // traps once the application has shut down, which can happen between two awaits below; a database
        // already in hand answers an error instead.
        let db = req.db
        do {
            let repository = ChatRepository(db: db)
            repeat {
                let page = try await repository.messages(chatID: caller.chat.id!, after: last, limit: ChatFeed.pageSize)
                guard let chat = try await ChatRecord.find(caller.chat.id!, on: db) else { return last }
                if page.isEmpty && last != seq { break }
                let spot = try await ChatQueueSpot.of(chat, db: db, services: req.services, hub: req.application.chatHub)
                try await send(Messages(items: page.map(ChatMessageView.init), chat: ChatView(chat, queue: spot, forStaff: caller.party != .customer)), on: ws)
                last = page.last?.seq ?? last
                if page.count < ChatFeed.pageSize { break }
            } while true
        } catch {
            req.logger.warning("chat socket delivery failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
        return last
    }

    private func handle(_ text: String, on ws: WebSocket) async {
        guard !req.application.didShutdown else { return }
        // Issue 20: a frame is strict JSON like any body, and its text carries no control character.
        let verdict = StrictJSON.check(Array(text.utf8))
        guard verdict != .malformed, let frame = try? JSONDecoder().decode(Incoming.self, from: Data(text.utf8)) else {
            return await refuse(Failure(status: .badRequest, code: "bad_request", messageKey: "error.bad_request"), clientID: nil, on: ws)
        }
        if case .controlCharacter(let field) = verdict {
            return await refuse(Failure.from(StrictInput.refuse(field: field)), clientID: frame.clientID, on: ws)
        }
        switch frame.type {
        case "ping":
            try? await send(Pong(), on: ws)
        case "send":
            do {
                let message = try await ChatPosting(req: req).post(frame.text ?? "", as: caller)
                try await send(Ack(clientID: frame.clientID, seq: message.seq), on: ws)
                if case .staff(let staff, _) = caller, let chars = frame.typedChars, let ms = frame.typedMs,
                   let sample = typing.add(characters: chars, milliseconds: ms) {
                    // Out-of-bounds figures (a script, a stuck key) are simply not kept.
                    _ = try? await TypingSamples(db: req.db, services: req.services)
                        .record(userID: staff.id, source: "console", characters: sample.characters, milliseconds: sample.milliseconds)
                }
            } catch {
                await refuse(Failure.from(error), clientID: frame.clientID, on: ws)
            }
        default:
            await refuse(Failure(status: .badRequest, code: "bad_request", messageKey: "error.bad_request"), clientID: frame.clientID, on: ws)
        }
    }

    private func refuse(_ failure: Failure, clientID: String?, on ws: WebSocket) async {
        let message = req.t(failure.messageKey, failure.messageArguments)
        let detail = failure.fields.values.first.map { req.t($0) }
        try? await send(Refusal(clientID: clientID, status: Int(failure.status.code), code: failure.code,
                                message: detail ?? message, rule: failure.rule), on: ws)
    }

    private func send(_ value: some Encodable, on ws: WebSocket) async throws {
        let data = try Self.encoder().encode(value)
        try await ws.send(String(decoding: data, as: UTF8.self))
    }
}
