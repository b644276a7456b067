import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Puts notices in users' in-app inboxes. A notice whose dedupe key the user already has is either ignored
/// (the same event again: re-running a job never doubles it) or, with `repeats: .refresh`, folded into that
/// one notification (a new event about the same thing: one line per case, not one per clock).
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
        /// What a second notice with the same dedupe key does.
        var repeats: NotificationRepeat = .ignore
        /// A word the reader's language supplies after the argument (a clock's kind, an approval's subject), so
        /// that no code word is stored in the title.
        var titleWordKey: String? = nil
        /// Whether outbound webhooks hear of it: false for a second copy of an event already announced.
        var announce = true
    }

    @discardableResult
    func notify(_ userIDs: [UUID], _ notice: Notice) async throws -> Int {
        let now = services.now()
        let records = Set(userIDs).map { userID in
            NotificationRecord(userID: userID, kind: notice.kind, titleKey: notice.titleKey, titleArgument: notice.titleArgument,
                               titleWordKey: notice.titleWordKey, link: notice.link, subjectType: notice.subjectType,
                               subjectID: notice.subjectID, dedupeKey: notice.dedupeKey, createdAt: now)
        }
        let added = try await NotificationRepository(db: db).add(records, repeats: notice.repeats)
        // Outbound webhooks get the event once per notice raised or refreshed, not once per recipient; an
        // ignored repeat is not sent again.
        if added > 0, notice.announce {
            let title = services.localization.text(notice.titleKey, .zhHans,
                                                   [NotificationText.argument(notice.titleArgument, wordKey: notice.titleWordKey, services.localization, .zhHans)])
            try await WebhookOutbox(db: db, services: services).enqueue(kind: notice.kind, title: title, detail: nil, link: notice.link,
                                                                       subjectType: notice.subjectType, subjectID: notice.subjectID)
        }
        return added
    }

    /// Everyone who holds `role` (within the department when given).
    @discardableResult
    func notify(role: Role, departmentID: UUID?, _ notice: Notice) async throws -> Int {
        try await notify([], roles: [(role, departmentID)], notice)
    }

    /// `userIDs` and everyone holding one of `roles`, each once: a person in two of the groups (a director who is
    /// also a return visitor) gets one notification, and one refresh per event, not two.
    @discardableResult
    func notify(_ userIDs: [UUID], roles: [(role: Role, departmentID: UUID?)], _ notice: Notice) async throws -> Int {
        var everyone = userIDs
        for (role, departmentID) in roles {
            everyone += try await UserRepository(db: db).active(withRole: role, departmentID: departmentID).compactMap(\.id)
        }
        return try await notify(everyone, notice)
    }
}
