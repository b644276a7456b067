import Foundation
import KefuDomain
import FluentKit
import Fluent
import KefuStore
import Vapor

/// `/notifications`: the whole inbox, with "mark read".
struct NotificationsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "notifications", access: .authenticated, summary: "Notifications page", use: page)
        routes.on(.POST, "notifications", ":id", "read", access: .authenticated, summary: "Mark read (form)", use: markRead)
    }

    struct NotificationsPage: Encodable {
        let shell: PageShell
        let items: [NotificationRow]
        let nextCursor: String?
    }

    @Sendable func page(req: Request) async throws -> View {
        let (cursor, limit) = try req.pagination()
        let inbox = try await NotificationRepository(db: req.db).inbox(userID: try req.requireStaff().id, unreadOnly: false,
                                                                       after: cursor, limit: limit)
        return try await req.view.render("notifications/index", NotificationsPage(
            shell: PageShell(req, title: req.t("notifications.title")), items: inbox.items.map { NotificationRow($0, req) },
            nextCursor: inbox.nextCursor))
    }

    @Sendable func markRead(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        try await NotificationRepository(db: req.db).markRead(id: id, userID: try req.requireStaff().id, at: req.services.now())
        return req.redirect(to: "/notifications?flash=flash.notifications_read")
    }
}
