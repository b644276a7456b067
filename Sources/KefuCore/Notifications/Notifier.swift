import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Puts notices in users' in-app inboxes. A notice whose dedupe key the user already has is either ignored
/// (the same event again: re-running a job never doubles it) or, with `repeats: .refresh`, folded into that
/// one notification (a new event about the same thing: one line per case, not one per clock).
package struct Notifier {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package struct Notice {
        package var kind: String
        package var titleKey: String
        package var titleArgument: String
        package var link: String?
        package var subjectType: String?
        package var subjectID: UUID?
        package var dedupeKey: String
        /// What a second notice with the same dedupe key does.
        package var repeats: NotificationRepeat = .ignore
        /// A word the reader's language supplies after the argument (a clock's kind, an approval's subject), so
        /// that no code word is stored in the title.
        package var titleWordKey: String? = nil
        /// Whether outbound webhooks hear of it: false for a second copy of an event already announced.
        package var announce = true

        package init(kind: String, titleKey: String, titleArgument: String, link: String? = nil, subjectType: String? = nil, subjectID: UUID? = nil, dedupeKey: String, repeats: NotificationRepeat = .ignore, titleWordKey: String? = nil, announce: Bool = true) {
            self.kind = kind
            self.titleKey = titleKey
            self.titleArgument = titleArgument
            self.link = link
            self.subjectType = subjectType
            self.subjectID = subjectID
            self.dedupeKey = dedupeKey
            self.repeats = repeats
            self.titleWordKey = titleWordKey
            self.announce = announce
        }
    }

    @discardableResult
    package func notify(_ userIDs: [UUID], _ notice: Notice) async throws -> Int {
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
    package func notify(role: Role, departmentID: UUID?, _ notice: Notice) async throws -> Int {
        try await notify([], roles: [(role, departmentID)], notice)
    }

    /// `userIDs` and everyone holding one of `roles`, each once: a person in two of the groups (a director who is
    /// also a return visitor) gets one notification, and one refresh per event, not two.
    @discardableResult
    package func notify(_ userIDs: [UUID], roles: [(role: Role, departmentID: UUID?)], _ notice: Notice) async throws -> Int {
        var everyone = userIDs
        for (role, departmentID) in roles {
            everyone += try await UserRepository(db: db).active(withRole: role, departmentID: departmentID).compactMap(\.id)
        }
        return try await notify(everyone, notice)
    }
}
