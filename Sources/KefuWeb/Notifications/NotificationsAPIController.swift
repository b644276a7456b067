import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The signed-in user's in-app inbox: `GET /api/v1/notifications?unread=true&section=needs_me`,
/// `POST /api/v1/notifications/{id}/read`, `POST /api/v1/notifications/read-all {"section"?}`.
struct NotificationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let notifications = routes.grouped("api", "v1", "notifications")
        notifications.on(.GET, access: .authenticated, summary: "My notifications (?unread=true, ?section=needs_me|fyi)", use: list)
        notifications.on(.POST, ":id", "read", access: .authenticated, summary: "Mark one notification read", request: NoBody.self, use: markRead)
        notifications.on(.POST, "read-all", access: .authenticated, summary: "Mark all my notifications read, or those of one section",
                         request: MarkAllReadRequest?.self, use: markAllRead)
    }

    struct NotificationResponse: Content {
        let id: UUID, kind: String, title: String, link: String?, subjectType: String?, subjectID: UUID?
        let createdAt: Date, readAt: Date?
        /// `needs_me` (an action waits on the reader) or `fyi` (for information).
        let section: NotificationSection
        /// The kind in the caller's language.
        let kindLabel: String
        /// A digest's counts per kind, in words.
        let detail: String?
        /// Events folded into this notification since it was last read.
        let repeatCount: Int

        enum CodingKeys: String, CodingKey {
            case id, kind, title, link, section, detail
            case subjectType = "subject_type", subjectID = "subject_id", createdAt = "created_at", readAt = "read_at"
            case kindLabel = "kind_label", repeatCount = "repeat_count"
        }
    }

    struct MarkAllReadRequest: Content {
        /// Only this section; all notifications when left out.
        let section: NotificationSection?
    }

    struct MarkAllReadResponse: Content {
        let marked: Int
        /// Unread notifications left, per section.
        let unread: UnreadCounts

        struct UnreadCounts: Content {
            let needsMe: Int, fyi: Int

            enum CodingKeys: String, CodingKey { case needsMe = "needs_me", fyi }
        }
    }

    @Sendable func list(req: Request) async throws -> ListResponse<NotificationResponse> {
        let (cursor, limit) = try req.pagination()
        let unread = req.query[String.self, at: "unread"] == "true"
        let section = try NotificationsWebController.section(req.query[String.self, at: "section"], required: false)
        let page = try await NotificationRepository(db: req.db).inbox(userID: try req.requireStaff().id, section: section,
                                                                      filter: unread ? .unread : .all, after: cursor, limit: limit)
        let localization = req.services.localization, language = req.language
        return ListResponse(page.map { row in
            NotificationResponse(id: row.id!, kind: row.kind, title: NotificationText.title(row, localization, language), link: row.link,
                                 subjectType: row.subjectType, subjectID: row.subjectID, createdAt: row.createdAt, readAt: row.readAt,
                                 section: NotificationSection(rawValue: row.section) ?? .forInformation,
                                 kindLabel: NotificationText.kindLabel(row.kind, localization, language),
                                 detail: NotificationText.detail(row, localization, language), repeatCount: row.repeatCount)
        })
    }

    @Sendable func markRead(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "notification") }
        try await NotificationRepository(db: req.db).markRead(id: id, userID: try req.requireStaff().id, at: req.services.now())
        return .noContent
    }

    @Sendable func markAllRead(req: Request) async throws -> MarkAllReadResponse {
        let section = try req.optionalContent(MarkAllReadRequest.self)?.section
        let userID = try req.requireStaff().id
        let marked = try await MarkNotificationsRead(db: req.db, services: req.services).all(of: userID, section: section)
        let repository = NotificationRepository(db: req.db)
        return MarkAllReadResponse(marked: marked, unread: .init(needsMe: try await repository.unreadCount(userID: userID, section: .needsMe),
                                                                 fyi: try await repository.unreadCount(userID: userID, section: .forInformation)))
    }
}
