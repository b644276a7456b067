import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// ESC-07 "及时" / ESC-09 "最短时间内": a report still without an instruction when `upward_reports.instruct_within`
/// (or the emergency time) has passed reminds its superior once, audited with the rulebook key. Run by the
/// scanner in `serve` and by `kefu jobs run-once`.
struct UpwardReportReminders {
    let db: any Database
    let services: AppServices

    @discardableResult
    func remindDue(now: Date) async throws -> Int {
        let due = try await UpwardReportRecord.query(on: db)
            .filter(\.$status == UpwardReportStatus.awaitingInstruction.rawValue).filter(\.$remindedAt == nil)
            .filter(\.$instructBy <= now).sort(\.$instructBy).limit(500).all()
        var reminded = 0
        for record in due {
            let marked = try await db.transaction { db -> Bool in
                // Only the first run marks the row, so two nodes or two runs cannot remind twice.
                guard try await VersionGuard.setIfNull(db, table: UpwardReportRecord.schema, column: "reminded_at", id: record.id!, to: now) else { return false }
                try await AuditRepository(db: db).append(AuditEntry(
                    at: now, actorID: nil, actorName: "system", action: "upward_report.overdue", subjectType: "upward_report",
                    subjectID: record.id!, summary: "ESC-07 no instruction by \(Cursor.key(record.instructBy))", ruleKey: "upward_reports.instruct_within",
                    rulebookVersion: services.rulebook.versionShort))
                try await UpwardReportJournal(db: db, services: services, record: record)
                    .notify([record.superiorID], kind: "upward_report.overdue", titleKey: "notice.upward_report_overdue")
                return true
            }
            if marked { reminded += 1 }
        }
        return reminded
    }
}
