import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Puts notices in users' in-app inboxes. A notice with the same dedupe key is raised once per user,
/// so re-running a job never doubles them.
struct Notifier {
    let db: any Database
    let services: AppServices

    struct Notice {
        var kind: String
        var titleKey: String
        var titleArgument: String
        var link: String?
        var subjectType: String?
        var subjectID: UUID?
        var dedupeKey: String
    }

    @discardableResult
    func notify(_ userIDs: [UUID], _ notice: Notice) async throws -> Int {
        let now = services.now()
        let records = Set(userIDs).map { userID in
            NotificationRecord(userID: userID, kind: notice.kind, titleKey: notice.titleKey,
                               titleArgument: notice.titleArgument, link: notice.link, subjectType: notice.subjectType,
                               subjectID: notice.subjectID, dedupeKey: notice.dedupeKey, createdAt: now)
        }
        let added = try await NotificationRepository(db: db).add(records)
        // Outbound webhooks get the event once per notice raised, not once per recipient; a repeated
        // (deduplicated) notice is not sent again.
        if added > 0 {
            try await WebhookOutbox(db: db, services: services).enqueue(kind: notice.kind, titleKey: notice.titleKey,
                                                                       titleArgument: notice.titleArgument, link: notice.link,
                                                                       subjectType: notice.subjectType, subjectID: notice.subjectID)
        }
        return added
    }

    /// Everyone who holds `role` (within the department when given).
    func notify(role: Role, departmentID: UUID?, _ notice: Notice) async throws {
        let users = try await UserRepository(db: db).active(withRole: role, departmentID: departmentID)
        try await notify(users.compactMap(\.id), notice)
    }
}
