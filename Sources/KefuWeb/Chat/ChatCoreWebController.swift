import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The agent console's forms for transfer and invite (issue 9 §3): each acts through the same use case as the
/// API and goes back to `/console/chat?chat={id}` — with `flash=` on success, or `refusal=` naming the message
/// key of why it was refused (a localization key, never the user's text) for the console to show.
struct ChatCoreWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let chat = routes.grouped("console", "chat", ":chatID")
        chat.on(.POST, "transfer", access: .permission(.chatServe), summary: "Transfer the chat to an agent or a team, with a note (form)", use: transfer)
        chat.on(.POST, "invite", access: .permission(.chatServe), summary: "Invite a team leader into the chat (form)", use: invite)
    }

    struct TransferForm: Content {
        let to_agent_id: String?, to_team_id: String?, note: String?
    }

    struct InviteForm: Content {
        let user_id: String?
    }

    @Sendable func transfer(req: Request) async throws -> Response {
        let id = try ChatCoreAPIController.id(req)
        let form = try req.content.decode(TransferForm.self)
        return try await Self.act(req, id: id, flash: "flash.chat_transferred") {
            let chat = try await ChatCoreAPIController.chat(req)
            _ = try await ChatCoreAPIController.chats(req).transfer(
                chat, toAgent: form.to_agent_id?.nilIfBlank.flatMap(UUID.init(uuidString:)),
                toTeam: form.to_team_id?.nilIfBlank.flatMap(UUID.init(uuidString:)), note: form.note, by: try req.requireStaff())
        }
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let id = try ChatCoreAPIController.id(req)
        let form = try req.content.decode(InviteForm.self)
        return try await Self.act(req, id: id, flash: "flash.chat_invited") {
            _ = try await ChatCoreAPIController.chats(req).invite(
                try await ChatCoreAPIController.chat(req), userID: form.user_id?.nilIfBlank.flatMap(UUID.init(uuidString:)), by: try req.requireStaff())
        }
    }

    /// Runs the action and redirects back to the console; a refusal travels as its message key.
    static func act(_ req: Request, id: UUID, flash: String, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return req.redirect(to: "/console/chat?chat=\(id)&flash=\(flash)")
        } catch let error as DomainError {
            let failure = Failure.from(error)
            let key = failure.fields.sorted { $0.key < $1.key }.first?.value ?? failure.messageKey
            return req.redirect(to: "/console/chat?chat=\(id)&refusal=\(key)")
        }
    }
}
