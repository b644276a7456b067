import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// "Mark all read" (of one section or the whole inbox) and "mark this group read": the one action behind the
/// page's buttons and `POST /api/v1/notifications/read-all`. Only the reader's own notifications are touched.
package struct MarkNotificationsRead {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    /// Returns how many were marked.
    @discardableResult
    package func all(of userID: UUID, section: NotificationSection?) async throws -> Int {
        try await NotificationRepository(db: db).markAllRead(userID: userID, section: section, at: services.now())
    }

    /// One group of the page (`NotificationGrouping.key`); an unreadable key is a bad request.
    @discardableResult
    package func group(_ key: String, of userID: UUID, section: NotificationSection) async throws -> Int {
        guard let target = NotificationGrouping.target(of: key) else { throw DomainError.validation(fields: ["group": "error.field.invalid_value"]) }
        return try await NotificationRepository(db: db).markGroupRead(userID: userID, section: section, target: target, at: services.now())
    }
}
