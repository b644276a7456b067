import Foundation
import KefuCore
import KefuDomain
import FluentKit
import Fluent
import KefuStore
import Vapor

/// `/notifications`: "needs me now" above "for my information", each grouped by case or subject, each with
/// "mark all read"; below them what was read already (paged).
struct NotificationsWebController: RouteCollection {
    /// Unread notifications read per section (newest first) before grouping; the count says when there are more.
    static let sectionLimit = 200

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "notifications", access: .authenticated, summary: "Notifications page", use: page)
        routes.on(.POST, "notifications", ":id", "read", access: .authenticated, summary: "Mark read (form)", use: markRead)
        routes.on(.POST, "notifications", "read-all", access: .authenticated, summary: "Mark all read, or one section (form)", use: markAllRead)
        routes.on(.POST, "notifications", "read-group", access: .authenticated, summary: "Mark one case's or subject's notifications read (form)", use: markGroupRead)
    }

    struct SectionView: Encodable {
        /// `needs_me` or `fyi`: the form value and the element id.
        let key: String
        let title: String
        let hint: String
        let empty: String
        let unreadCount: Int
        let groups: [NotificationGroupRow]
        /// "showing the newest 200 of 1,749" when the section holds more than the page reads.
        let truncated: String?
    }

    struct NotificationsPage: Encodable {
        let shell: PageShell
        let unreadCount: Int
        let sections: [SectionView]
        let history: [NotificationGroupRow]
        let nextCursor: String?
    }

    @Sendable func page(req: Request) async throws -> View {
        let (cursor, limit) = try req.pagination()
        let staff = try req.requireStaff()
        let repository = NotificationRepository(db: req.db)
        var sections: [SectionView] = []
        for section in NotificationSection.allCases {
            let unread = try await repository.inbox(userID: staff.id, section: section, filter: .unread, after: nil, limit: Self.sectionLimit)
            let count = try await repository.unreadCount(userID: staff.id, section: section)
            let names = Self.labels[section]!
            sections.append(SectionView(
                key: section.rawValue, title: req.t(names.title), hint: req.t(names.hint), empty: req.t(names.empty), unreadCount: count,
                groups: NotificationGroupRow.rows(unread.items, req),
                truncated: count > unread.items.count ? req.t("notifications.truncated", [String(unread.items.count), String(count)]) : nil))
        }
        let history = try await repository.inbox(userID: staff.id, filter: .read, after: cursor, limit: limit)
        return try await req.view.render("notifications/index", NotificationsPage(
            shell: PageShell(req, title: req.t("notifications.title")), unreadCount: sections.reduce(0) { $0 + $1.unreadCount },
            sections: sections, history: NotificationGroupRow.rows(history.items, req), nextCursor: history.nextCursor))
    }

    /// Each section's heading, one-line explanation and empty text (keys written out in full).
    static let labels: [NotificationSection: (title: String, hint: String, empty: String)] = [
        .needsMe: ("notifications.section.needs_me", "notifications.section.needs_me_hint", "notifications.section.needs_me_empty"),
        .forInformation: ("notifications.section.fyi", "notifications.section.fyi_hint", "notifications.section.fyi_empty"),
    ]

    @Sendable func markRead(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        try await NotificationRepository(db: req.db).markRead(id: id, userID: try req.requireStaff().id, at: req.services.now())
        return req.redirect(to: "/notifications?flash=flash.notifications_read")
    }

    struct MarkAllForm: Content {
        /// `needs_me`, `fyi`, or empty for the whole inbox.
        let section: String?
    }

    @Sendable func markAllRead(req: Request) async throws -> Response {
        let form = try req.content.decode(MarkAllForm.self)
        let section = try Self.section(form.section, required: false)
        try await MarkNotificationsRead(db: req.db, services: req.services).all(of: try req.requireStaff().id, section: section)
        return req.redirect(to: "/notifications?flash=flash.notifications_all_read")
    }

    struct MarkGroupForm: Content {
        let group: String
        let section: String
    }

    @Sendable func markGroupRead(req: Request) async throws -> Response {
        let form = try req.content.decode(MarkGroupForm.self)
        guard let section = try Self.section(form.section, required: true) else { throw Abort(.badRequest) }
        try await MarkNotificationsRead(db: req.db, services: req.services).group(form.group, of: try req.requireStaff().id, section: section)
        return req.redirect(to: "/notifications?flash=flash.notifications_read")
    }

    /// A section named by a form or query: empty is "all" unless one is required; anything else is 400.
    static func section(_ text: String?, required: Bool) throws -> NotificationSection? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            if required { throw DomainError.validation(fields: ["section": "error.field.required"]) }
            return nil
        }
        guard let section = NotificationSection(rawValue: text) else { throw DomainError.validation(fields: ["section": "error.field.choice"]) }
        return section
    }
}
