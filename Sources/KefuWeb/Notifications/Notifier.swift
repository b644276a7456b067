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
        var added = 0
        let repository = NotificationRepository(db: db)
        for userID in Set(userIDs) {
            let record = NotificationRecord(userID: userID, kind: notice.kind, titleKey: notice.titleKey,
                                            titleArgument: notice.titleArgument, link: notice.link,
                                            subjectType: notice.subjectType, subjectID: notice.subjectID,
                                            dedupeKey: notice.dedupeKey, createdAt: services.now())
            if try await repository.add(record) { added += 1 }
        }
        return added
    }

    /// Everyone who holds `role` (within the department when given).
    func notify(role: Role, departmentID: UUID?, _ notice: Notice) async throws {
        let users = try await UserRepository(db: db).active(withRole: role, departmentID: departmentID)
        try await notify(users.compactMap(\.id), notice)
    }
}
