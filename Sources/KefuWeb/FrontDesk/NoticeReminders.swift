import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The scheduled side of notices: reminders before the confirmation deadline (`notices.remind_before`,
/// FDN-05), the confirmation report to the issuer once the deadline has passed (FDN-05), and archiving
/// after `notices.archive_after_days` (FDN-06). Each happens once per notice (set-if-null claims).
struct NoticeReminders {
    let db: any Database
    let services: AppServices

    struct Report: Equatable { var reminded = 0, reported = 0, archived = 0 }

    @discardableResult
    func runDue(now: Date) async throws -> Report {
        var report = Report()
        let rules = services.rulebook.notices
        let open = try await NoticeRecord.query(on: db).filter(\.$requiresConfirmation == true).filter(\.$reportedAt == nil)
            .filter(\.$archivedAt == nil).sort(\.$confirmBy).limit(200).all()
        for notice in open {
            guard let confirmBy = notice.confirmBy else { continue }
            // Due when what is left before the deadline fits in `remind_before` (natural or business time).
            if notice.remindedAt == nil, now <= confirmBy, services.rulebook.calendar.deadline(from: now, adding: rules.remindBefore) >= confirmBy,
               try await remind(notice, now: now, by: nil) { report.reminded += 1 }
            if now > confirmBy, try await reportToIssuer(notice, now: now) { report.reported += 1 }
        }
        let cutoff = now.addingTimeInterval(-Double(rules.archiveAfterDays) * 86_400)
        let stale = try await NoticeRecord.query(on: db).filter(\.$archivedAt == nil).filter(\.$publishedAt < cutoff).limit(200).all()
        for notice in stale {
            let archived = try await db.transaction { db -> Bool in
                guard try await VersionGuard.setIfNull(db, table: NoticeRecord.schema, column: "archived_at", id: notice.id!, to: now) else { return false }
                try await Notices(db: db, services: services).audit(db, notice.id!, nil, "notice.archived", "archived automatically", ruleKey: "notices.archive_after_days")
                return true
            }
            if archived { report.archived += 1 }
        }
        return report
    }

    /// Reminds everyone who has not confirmed. The scheduled reminder happens once; the issuer may also
    /// remind by hand (`by` given), which is recorded in the audit each time.
    @discardableResult
    func remind(_ notice: NoticeRecord, now: Date, by staff: StaffUser?) async throws -> Bool {
        try await db.transaction { db in
            if staff == nil {
                guard try await VersionGuard.setIfNull(db, table: NoticeRecord.schema, column: "reminded_at", id: notice.id!, to: now) else { return false }
            }
            let waiting = try await NoticeQueries(db: db).recipients(of: notice.id!, confirmed: false, limit: 100_000)
            guard !waiting.isEmpty else { return staff != nil }
            try await Notifier(db: db, services: services).notify(waiting.map(\.userID), .init(
                kind: "notice.reminder", titleKey: "notice.notice_reminder", titleArgument: notice.title, link: "/notices/\(notice.id!)",
                subjectType: "notice", subjectID: notice.id!, dedupeKey: "notice:\(notice.id!):remind:\(Int(now.timeIntervalSince1970))"))
            try await Notices(db: db, services: services).audit(db, notice.id!, staff, "notice.reminded", "\(waiting.count) not confirmed",
                                                              ruleKey: "notices.remind_before")
            return true
        }
    }

    /// FDN-05: after the deadline the issuer gets the count of confirmations, with a link to the names.
    private func reportToIssuer(_ notice: NoticeRecord, now: Date) async throws -> Bool {
        try await db.transaction { db in
            guard try await VersionGuard.setIfNull(db, table: NoticeRecord.schema, column: "reported_at", id: notice.id!, to: now) else { return false }
            let fresh = try await Notices(db: db, services: services).find(notice.id!, on: db)
            try await Notifier(db: db, services: services).notify([notice.issuerID], .init(
                kind: "notice.report", titleKey: "notice.notice_report",
                titleArgument: "\(notice.title) · \(fresh.confirmedCount)/\(fresh.recipientCount)", link: "/notices/\(notice.id!)",
                subjectType: "notice", subjectID: notice.id!, dedupeKey: "notice:\(notice.id!):report"))
            try await Notices(db: db, services: services).audit(db, notice.id!, nil, "notice.reported",
                "\(fresh.confirmedCount) of \(fresh.recipientCount) confirmed", ruleKey: "notices.remind_before")
            return true
        }
    }
}
