import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/messages`: everyone's own phone messages with the confirm button; the front desk also takes new
/// messages here (FDP-05) and sees every message with its read state. A refused form re-renders with
/// the message and what was typed.
struct PhoneMessagesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "messages", access: .authenticated, summary: "Phone messages (mine; the desk: all, and the form)", use: page)
        routes.on(.POST, "messages", access: .permission(.frontDeskWork), summary: "Take a phone message (form)", use: take)
        routes.on(.POST, "messages", ":id", "read", access: .authenticated, summary: "Confirm reading a phone message (form)", use: read)
    }

    struct Row: Encodable {
        let id: UUID, caller: String, organization: String?, contact: String, content: String, forName: String
        let urgent: Bool, takenBy: String, takenAt: String, readAt: String?, escalated: Bool, mine: Bool
    }
    struct Draft: Encodable { var callerName = "", organization = "", contact = "", content = "", forUserID = "", urgent = false }
    struct Page: Encodable {
        let shell: PageShell, rows: [Row], isDesk: Bool, all: Bool, people: [SelectOption], draft: Draft, nextURL: String?
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await render(req, draft: Draft(), error: nil)
    }

    func render(_ req: Request, draft: Draft, error: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let isDesk = staff.has(.frontDeskWork)
        let all = isDesk && req.query[String.self, at: "scope"] != "mine"
        let (cursor, limit) = error == nil ? try req.pagination() : (nil, 50)
        let page = try await PhoneMessages(db: req.db, services: req.services).list(for: all ? nil : staff.id, unreadOnly: false, after: cursor, limit: min(limit, 50))
        let people = isDesk ? try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all() : []
        let rows = page.items.map { r in
            Row(id: r.id!, caller: r.callerName, organization: r.organization, contact: r.contact, content: r.content, forName: r.forName, urgent: r.urgent,
                takenBy: r.takenByName, takenAt: DisplayTime.format(r.takenAt, req), readAt: r.readAt.map { DisplayTime.format($0, req) },
                escalated: r.escalatedAt != nil, mine: r.forUserID == staff.id)
        }
        let view = try await req.view.render("frontdesk/messages", Page(
            shell: PageShell(req, title: req.t("message.title"), flashError: error?.message), rows: rows, isDesk: isDesk, all: all,
            people: people.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: $0.id!.uuidString == draft.forUserID) },
            draft: draft, nextURL: page.nextCursor.map { "/messages?\(all ? "scope=all&" : "scope=mine&")cursor=\($0)" }))
        let response = try await view.encodeResponse(for: req)
        response.status = error?.status ?? .ok
        return response
    }

    @Sendable func take(req: Request) async throws -> Response {
        struct Form: Content {
            let caller_name: String?, organization: String?, contact: String?, content: String?, for_user_id: String?, urgent: String?
        }
        let form = try req.content.decode(Form.self)
        let draft = Draft(callerName: form.caller_name ?? "", organization: form.organization ?? "", contact: form.contact ?? "",
                          content: form.content ?? "", forUserID: form.for_user_id ?? "", urgent: form.urgent != nil)
        do {
            _ = try await PhoneMessages(db: req.db, services: req.services).take(.init(
                callerName: draft.callerName, organization: draft.organization, contact: draft.contact, content: draft.content,
                forUserID: UUID(uuidString: draft.forUserID), urgent: draft.urgent), by: req.requireStaff())
            return req.redirect(to: "/messages?scope=all&flash=flash.message_taken")
        } catch let error as DomainError {
            return try await render(req, draft: draft, error: req.refusal(error))
        }
    }

    @Sendable func read(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "phone_message") }
        _ = try await PhoneMessages(db: req.db, services: req.services).markRead(id, by: req.requireStaff())
        return req.redirect(to: "/messages?flash=flash.message_read")
    }
}
