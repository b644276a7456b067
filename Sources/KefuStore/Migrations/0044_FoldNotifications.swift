import FluentKit
import FluentSQL
import KefuDomain
import SQLKit

/// Issue 21 item 8 (notification flood): each notification is filed under "needs me now" or "for my information"
/// (`section`, back-filled from the kind for the rows already there), may carry a word key and a digest summary,
/// and counts the repeats folded into it. The inbox index leads with the section so that each section's unread
/// notifications, and "mark this section read", are one index range.
struct FoldNotifications: AsyncMigration {
    var name: String { "0044_FoldNotifications" }

    func prepare(on db: any Database) async throws {
        try await db.schema("notifications")
            .field("section", .string, .required, .sql(.default(SQLLiteral.string(NotificationSection.forInformation.rawValue))))
            .update()
        try await db.schema("notifications").field("title_word_key", .string).update()
        try await db.schema("notifications").field("summary", .string).update()
        try await db.schema("notifications").field("repeat_count", .int, .required, .sql(.default(SQLLiteral.numeric("1")))).update()
        try await NotificationRecord.query(on: db).set(\.$section, to: NotificationSection.needsMe.rawValue)
            .filter(\.$kind ~~ NotificationKinds.names(in: .needsMe)).update()
        try await db.index("notifications_section", on: "notifications", columns: ["user_id", "section", "read_at", "created_at"])
        // The digest counts one day's "for my information" rows of everyone.
        try await db.index("notifications_day", on: "notifications", columns: ["section", "created_at"])
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for index in ["notifications_section", "notifications_day"] { try await sql.raw("DROP INDEX \(unsafeRaw: index)").run() }
        for column in ["repeat_count", "summary", "title_word_key", "section"] {
            try await db.schema("notifications").deleteField(.key(.init(stringLiteral: column))).update()
        }
    }
}
