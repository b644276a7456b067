import FluentKit
import Fluent
import Foundation
import KefuDomain
import KefuStore
import Vapor

/// The signed-in user's in-app inbox: `GET /api/v1/notifications?unread=true`, `POST /api/v1/notifications/{id}/read`.
struct NotificationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let notifications = routes.grouped("api", "v1", "notifications")
        notifications.on(.GET, access: .authenticated, summary: "My notifications", use: list)
        notifications.on(.POST, ":id", "read", access: .authenticated, summary: "Mark one notification read", request: NoBody.self, use: markRead)
    }

    struct NotificationResponse: Content {
        let id: UUID, kind: String, title: String, link: String?, subjectType: String?, subjectID: UUID?
        let createdAt: Date, readAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, kind, title, link
            case subjectType = "subject_type", subjectID = "subject_id", createdAt = "created_at", readAt = "read_at"
        }
    }

    @Sendable func list(req: Request) async throws -> ListResponse<NotificationResponse> {
        let (cursor, limit) = try req.pagination()
        let unread = req.query[String.self, at: "unread"] == "true"
        let page = try await NotificationRepository(db: req.db).inbox(userID: try req.requireStaff().id, unreadOnly: unread,
                                                                      after: cursor, limit: limit)
        return ListResponse(page.map { row in
            NotificationResponse(id: row.id!, kind: row.kind, title: req.t(row.titleKey, [row.titleArgument]), link: row.link,
                                 subjectType: row.subjectType, subjectID: row.subjectID, createdAt: row.createdAt, readAt: row.readAt)
        })
    }

    @Sendable func markRead(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "notification") }
        try await NotificationRepository(db: req.db).markRead(id: id, userID: try req.requireStaff().id, at: req.services.now())
        return .noContent
    }
}
