import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// One notification as the dashboard and the inbox page show it: words in the reader's language, the time in
/// the organization's zone.
struct NotificationRow: Encodable {
    let id: String
    let title: String
    /// A digest's counts per kind.
    let detail: String?
    let kindLabel: String
    let link: String?
    let at: String
    let unread: Bool
    /// Events folded into it since it was last read (shown from 2).
    let repeatCount: Int
    let repeated: String?

    init(_ record: NotificationRecord, _ req: Request) {
        let localization = req.services.localization, language = req.language
        id = record.id!.uuidString
        title = NotificationText.title(record, localization, language)
        detail = NotificationText.detail(record, localization, language)
        kindLabel = NotificationText.kindLabel(record.kind, localization, language)
        link = record.link
        at = DisplayTime.format(record.createdAt, req)
        unread = record.readAt == nil
        repeatCount = record.repeatCount
        repeated = record.repeatCount > 1 && record.readAt == nil ? req.t("notifications.repeat_count", [String(record.repeatCount)]) : nil
    }
}

/// One line of the inbox page: a case or subject with its newest notification and the earlier ones.
struct NotificationGroupRow: Encodable {
    /// `case:<id>` or `kind:<kind>` (`NotificationGrouping.key`), posted back to mark the group read.
    let key: String
    let latest: NotificationRow
    let earlier: [NotificationRow]
    /// Earlier notifications beyond those listed.
    let more: Int
    let unreadCount: Int

    static let earlierShown = 3

    static func rows(_ records: [NotificationRecord], _ req: Request) -> [NotificationGroupRow] {
        NotificationGrouping.group(records) {
            NotificationGrouping.key(subjectType: $0.subjectType, subjectID: $0.subjectID, kind: $0.kind)
        }.map { group in
            let rows = group.items.map { NotificationRow($0, req) }
            return NotificationGroupRow(key: group.key, latest: rows[0], earlier: Array(rows.dropFirst().prefix(earlierShown)),
                                        more: max(0, rows.count - 1 - earlierShown), unreadCount: rows.filter(\.unread).count)
        }
    }
}
