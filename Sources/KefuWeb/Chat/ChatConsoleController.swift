import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The agent console (`/console/chat`, permission `chat.serve`): take chats, answer them against the CHN-16
/// clock, end them with the closing phrase. The page works with forms; its script adds the WebSocket
/// (`/chat/ws/{id}`, by the session) and the session long-poll below for networks that block sockets.
struct ChatConsoleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let console = routes.grouped("console", "chat")
        console.on(.GET, access: .permission(.chatServe), summary: "Agent chat console (chat=<id> selects; kb_q= searches the KB)", use: page)
        console.on(.GET, "summary", access: .permission(.chatServe), summary: "The console's lists as JSON (ids, answer clocks)", use: summary)
        console.on(.POST, ":chatID", "take", access: .permission(.chatServe), summary: "Take a queued chat (form)", use: take)
        console.on(.POST, ":chatID", "end", access: .permission(.chatServe), summary: "End the chat with the closing phrase (form)", use: end)
        console.on(.POST, ":chatID", "messages", access: .permission(.chatServe), summary: "Send a message (form or JSON with csrf_token)", use: send)
        console.on(.GET, ":chatID", "messages", access: .permission(.chatServe), summary: "Messages after a number; wait= long-polls (session)", use: messages)
        console.on(.POST, ":chatID", "case", access: .permission(.chatServe),
                   summary: "Continue an existing case (case_number) or open the guest's case by phone (form)", use: linkCase)
        console.on(.POST, ":chatID", "images", access: .permission(.chatServe), summary: "Send an image (multipart form: file)",
                   body: .collect(maxSize: ByteCount(value: ChatCoreAPIController.imageBodyLimit)), use: sendImage)
        console.on(.GET, ":chatID", "images", ":seq", access: .permission(.chatServe), summary: "An image of the chat (session)", use: image)
    }

    private func chats(_ req: Request) -> Chats { Chats(db: req.db, services: req.services, hub: req.application.chatHub) }

    private func wantsJSON(_ req: Request) -> Bool { req.headers.contentType == .json || req.headers.accept.contains { $0.mediaType == .json } }

    @Sendable func page(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let selected = req.query[String.self, at: "chat"].flatMap(UUID.init(uuidString:))
        return try await req.view.render("chat/console", try await ChatConsolePage.build(req, staff: staff, selectedID: selected))
    }

    struct Summary: Content {
        let mine: [String]
        let queue: [String]
        let others: [String]
    }

    @Sendable func summary(req: Request) async throws -> Summary {
        let staff = try req.requireStaff()
        let page = try await ChatConsolePage.build(req, staff: staff, selectedID: nil)
        return Summary(mine: page.mine.map(\.id), queue: page.queue.map(\.id), others: page.others.map(\.id))
    }

    /// Runs a form action and comes back to the chat; a refusal re-renders the console with the message.
    private func act(_ req: Request, _ id: UUID, _ action: () async throws -> Void) async throws -> Response {
        let staff = try req.requireStaff()
        do {
            try await action()
            return req.redirect(to: "/console/chat?chat=\(id.uuidString)")
        } catch {
            let (message, status) = req.refusal(error)
            if wantsJSON(req) { throw error }
            var page = try await ChatConsolePage.build(req, staff: staff, selectedID: id)
            page = page.with(error: message, req: req)
            let response = try await req.view.render("chat/console", page).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func take(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let id = try req.parameters.require("chatID", as: UUID.self)
        return try await act(req, id) {
            guard let chat = try await ChatRecord.find(id, on: req.db) else { throw DomainError.notFound(subject: "chat") }
            _ = try await chats(req).take(chat, by: staff)
        }
    }

    @Sendable func end(req: Request) async throws -> Response {
        let id = try req.parameters.require("chatID", as: UUID.self)
        return try await act(req, id) {
            guard case .staff(let staff, let chat) = try await ChatCaller.resolve(req, chatID: id) else { throw Abort(.forbidden) }
            _ = try await chats(req).end(chat, by: .agent, staff: staff)
        }
    }

    @Sendable func send(req: Request) async throws -> Response {
        let id = try req.parameters.require("chatID", as: UUID.self)
        let text = (try? req.content.get(String.self, at: "text")) ?? ""
        if wantsJSON(req) {
            let message = try await ChatPosting(req: req).post(text, as: try await ChatCaller.resolve(req, chatID: id))
            return try await ChatMessageView(message).encodeResponse(status: .created, for: req)
        }
        return try await act(req, id) { _ = try await ChatPosting(req: req).post(text, as: try await ChatCaller.resolve(req, chatID: id)) }
    }

    @Sendable func messages(req: Request) async throws -> ChatMessagesView {
        let caller = try await ChatCaller.resolve(req)
        let after = try ChatsAPIController.number(req, "after", in: 0...Int.max) ?? 0
        let wait = try ChatsAPIController.number(req, "wait", in: 0...30) ?? 0
        let items = try await ChatFeed(db: req.db, hub: req.application.chatHub).messages(chatID: caller.chat.id!, after: after, wait: .seconds(wait))
        let chat = try await ChatRecord.find(caller.chat.id!, on: req.db) ?? caller.chat
        return ChatMessagesView(items: items.map(ChatMessageView.init), chat: ChatView(chat, forStaff: true))
    }

    struct CaseForm: Content { let case_number: String?; let phone: String? }
    struct ImageForm: Content { let file: File? }

    @Sendable func linkCase(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let id = try req.parameters.require("chatID", as: UUID.self)
        let form = try req.content.decode(CaseForm.self)
        return try await act(req, id) {
            guard let chat = try await ChatRecord.find(id, on: req.db) else { throw DomainError.notFound(subject: "chat") }
            let link = ChatCase(db: req.db, services: req.services)
            if let number = form.case_number?.trimmingCharacters(in: .whitespaces).nilIfBlank {
                guard let record = try await CaseRepository(db: req.db).find(number: number) else {
                    throw DomainError.validation(fields: ["case_number": "error.chat.case_not_found"])
                }
                _ = try await link.continueCase(chat, caseID: record.id!, by: staff)
            } else if let phone = form.phone?.nilIfBlank {
                _ = try await link.openWithPhone(chat, phone: phone, by: staff)
            } else {
                throw DomainError.validation(fields: ["case_number": "error.field.required"])
            }
        }
    }

    @Sendable func sendImage(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let id = try req.parameters.require("chatID", as: UUID.self)
        let form = try req.content.decode(ImageForm.self)
        return try await act(req, id) {
            guard let chat = try await ChatRecord.find(id, on: req.db) else { throw DomainError.notFound(subject: "chat") }
            let bytes = form.file.map { Array($0.data.readableBytesView) } ?? []
            _ = try await chats(req).postImage(chat, data: bytes, from: .staff(staff))
        }
    }

    @Sendable func image(req: Request) async throws -> Response {
        let caller = try await ChatCaller.resolve(req)
        return try await ChatImageResponse.make(caller.chat, req: req)
    }
}
