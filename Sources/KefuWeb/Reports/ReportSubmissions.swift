import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Handing in a report (RPT-02/03/04): the leader's analysis for one period goes to the CS director's
/// inbox, marked late when handed in after its due day; once per period (again → 409). The scheduler
/// reminds the shift leaders of the monthly analysis from three days before it is due (RPT-03).
struct ReportSubmissions {
    let db: any Database
    let services: AppServices

    static let analysisLimit = 4_000

    /// The newest hand-ins first, optionally of one kind (keyset on `submitted_at`, id).
    func list(kind: ReportSubmissionKind?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<ReportSubmissionRecord> {
        var query = ReportSubmissionRecord.query(on: db)
        if let kind { query = query.filter(\.$kind == kind.rawValue) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$submittedAt < date).group(.and) { $0.filter(\.$submittedAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$submittedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.submittedAt), id: $0.id!).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }

    func find(_ kind: ReportSubmissionKind, period: String) async throws -> ReportSubmissionRecord? {
        try await ReportSubmissionRecord.query(on: db).filter(\.$kind == kind.rawValue).filter(\.$period == period).first()
    }

    func submit(_ kind: ReportSubmissionKind, period text: String, analysis: String, by staff: StaffUser) async throws -> ReportSubmissionRecord {
        guard kind.mayHandIn(staff.roles) else { throw DomainError.forbidden(reason: "error.report.not_your_kind") }
        guard let period = kind.period(text) else { throw DomainError.validation(fields: ["period": "error.report.period"]) }
        let analysis = analysis.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !analysis.isEmpty else { throw DomainError.validation(fields: ["analysis": "error.field.required"]) }
        guard analysis.count <= Self.analysisLimit else { throw DomainError.validation(fields: ["analysis": "error.field.too_long"]) }
        let now = services.now(), calendar = services.rulebook.calendar
        let rules = services.rulebook.reports
        guard let lateFrom = kind.lateFrom(period: period, monthlyDueDay: rules.monthlyQualityDueDay, summaryDueDays: rules.summaryDueDays),
              let begins = kind.range(of: period)?.first else {
            throw DomainError.validation(fields: ["period": "error.report.period"])
        }
        // A report is handed in once its period has begun (a future day or month has nothing to report).
        guard calendar.startOfDay(begins) <= now else { throw DomainError.validation(fields: ["period": "error.report.future"]) }
        return try await db.transaction { db in
            if try await ReportSubmissions(db: db, services: services).find(kind, period: period) != nil {
                throw DomainError.conflict(reason: "error.report.already_submitted")
            }
            let record = ReportSubmissionRecord()
            record.kind = kind.rawValue; record.period = period; record.analysis = analysis
            record.submittedBy = staff.id; record.submittedByName = staff.displayName; record.submittedAt = now
            record.late = now >= calendar.startOfDay(lateFrom)
            try await record.create(on: db)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "report.submitted", subjectType: "report_submission",
                subjectID: record.id!, summary: "\(kind.rawValue) \(period)\(record.late ? " (late)" : "")",
                ruleKey: kind.ruleKey, rulebookVersion: services.rulebook.versionShort))
            try await Notifier(db: db, services: services).notify(role: .csDirector, departmentID: nil, Notifier.Notice(
                kind: "report.submitted", titleKey: "notice.report_submitted", titleArgument: "\(period) · \(staff.displayName)",
                link: Self.link(kind, period: period), subjectType: "report_submission", subjectID: record.id!,
                dedupeKey: "report:\(kind.rawValue):\(period)"))
            return record
        }
    }

    static func link(_ kind: ReportSubmissionKind, period: String) -> String {
        switch kind {
        case .daily, .weekly: "/reports/weekly?week=\(period)"
        case .returnVisitSummary: "/return-visits/weekly?week=\(period)"
        case .monthlyQuality: "/reports/monthly?month=\(period)"
        default: "/reports/submissions?kind=\(kind.rawValue)"
        }
    }

    /// RPT-03: from three days before the due day, the shift leaders are reminded of last month's
    /// analysis until it is handed in (one notice per month). Returns the month reminded of.
    @discardableResult
    func remindMonthly(now: Date) async throws -> String? {
        let calendar = services.rulebook.calendar
        let today = calendar.localDate(of: now)
        let month = QualityPeriod.month(of: QualityPeriod.adding(-1, to: LocalDate(year: today.year, month: today.month, day: 1)))
        guard let lateFrom = ReportSubmissionKind.monthlyQuality.lateFrom(period: month, monthlyDueDay: services.rulebook.reports.monthlyQualityDueDay),
              today >= QualityPeriod.adding(-3, to: lateFrom), try await find(.monthlyQuality, period: month) == nil else { return nil }
        try await Notifier(db: db, services: services).notify(role: .shiftLeader, departmentID: nil, Notifier.Notice(
            kind: "report.monthly_due", titleKey: "notice.report_monthly_due", titleArgument: "\(month) → \(lateFrom)",
            link: Self.link(.monthlyQuality, period: month), subjectType: nil, subjectID: nil, dedupeKey: "report:monthly_due:\(month)"))
        return month
    }
}

extension ReportSubmissionKind {
    /// The rulebook key a hand-in's lateness follows, for the audit trail.
    var ruleKey: String? {
        switch self {
        case .monthlyQuality, .qaMonthly: "reports.monthly_quality_due_day"
        case .halfYear, .annual: "reports.summary_due_days"
        default: nil
        }
    }
}
