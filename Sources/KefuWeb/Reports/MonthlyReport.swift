import FluentKit
import Fluent
import Foundation
import KefuDomain
import KefuStore
import Vapor

/// RPT-03: the 值班长's monthly service-quality analysis (服务质量分析报告), due before the 22nd of the next
/// month: the month's figures (workload, complaints, satisfaction, return visits, QA) from the
/// aggregates, the duty-log entries of the month, and the leader's own analysis when handed in.
struct MonthlyReport: Content {
    struct DutyLine: Content {
        let day: String, leader: String, text: String
    }

    let month: String, dueBefore: String, overdue: Bool
    let cases: CaseReport
    let complaints: ComplaintReport
    let satisfaction: SatisfactionReport
    /// The shift leaders' duty logs of the month (值班日志).
    let dutyLog: [DutyLine]
    let submission: ReportSubmissionView?

    enum CodingKeys: String, CodingKey {
        case month, overdue, cases, complaints, satisfaction, submission
        case dueBefore = "due_before", dutyLog = "duty_log"
    }

    static func build(_ filter: ReportFilter, req: Request) async throws -> MonthlyReport {
        let month = QualityPeriod.month(of: filter.period.from)
        let lateFrom = ReportSubmissionKind.monthlyQuality.lateFrom(period: month, monthlyDueDay: req.services.rulebook.reports.monthlyQualityDueDay)!
        let submission = try await ReportSubmissions(db: req.db, services: req.services).find(.monthlyQuality, period: month)
        let today = req.services.rulebook.calendar.localDate(of: req.services.now())
        return MonthlyReport(month: month, dueBefore: lateFrom.description, overdue: submission == nil && today >= lateFrom,
                             cases: try await CaseReport.build(filter, req: req), complaints: try await ComplaintReport.build(filter, req: req),
                             satisfaction: try await SatisfactionReport.build(filter, req: req),
                             dutyLog: try await DutyLogFeed.lines(filter, req: req), submission: submission.map { ReportSubmissionView($0, req: req) })
    }
}

/// The seam to the duty log (值班日志) of the workforce module: the monthly report lists the month's
/// entries from here. Until the workforce module records duty logs there are none to list.
enum DutyLogFeed {
    static func lines(_ filter: ReportFilter, req: Request) async throws -> [MonthlyReport.DutyLine] { [] }
}
