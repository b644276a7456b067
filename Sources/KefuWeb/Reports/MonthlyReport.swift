import FluentKit
import Fluent
import Foundation
import KefuCore
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

/// The duty log (值班日志) of the workforce module: the shift leaders' entries written during the month
/// (at most 200, the month's whole log for a center), oldest first.
enum DutyLogFeed {
    static func lines(_ filter: ReportFilter, req: Request) async throws -> [MonthlyReport.DutyLine] {
        let calendar = req.services.rulebook.calendar
        let entries = try await DutyLogQueries(db: req.db).entries(from: calendar.startOfDay(filter.period.from),
                                                                   to: calendar.startOfDay(QualityPeriod.adding(1, to: filter.period.to)), limit: 200)
        return entries.map { entry in
            MonthlyReport.DutyLine(day: entry.shiftDate, leader: entry.leaderName,
                                   text: [entry.summary, entry.incidents, entry.instructions].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n"))
        }
    }
}
