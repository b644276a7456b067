import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Every step of a report is written three ways: the history shown on the page (the instruction record of
/// ESC-07), the audit trail with its rulebook key, and a notice to whoever acts next.
struct UpwardReportJournal {
    let db: any Database
    let services: AppServices
    let record: UpwardReportRecord

    func step(_ kind: String, text: String?, by staff: StaffUser, ruleKey: String, at now: Date, summary: String) async throws {
        let id = try record.requireID()
        try await UpwardReportStepRecord(reportID: id, kind: kind, text: text, actorID: staff.id, actorName: staff.displayName,
                                         ruleKey: ruleKey, at: now).create(on: db)
        try await AuditRepository(db: db).append(AuditEntry(
            at: now, actorID: staff.id, actorName: staff.username, action: "upward_report.\(kind)", subjectType: "upward_report",
            subjectID: id, summary: String(summary.prefix(300)), ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }

    func notify(_ userIDs: [UUID], kind: String, titleKey: String) async throws {
        let id = try record.requireID()
        _ = try await Notifier(db: db, services: services).notify(userIDs, Notifier.Notice(
            kind: kind, titleKey: titleKey, titleArgument: record.summary, link: "/upward-reports/\(id)", subjectType: "upward_report",
            subjectID: id, dedupeKey: "upward_report:\(id):\(kind):\(record.version)"))
    }
}
