import KefuDomain
import Testing

@Suite("Report periods and due days")
struct ReportPeriodTests {
    @Test("RPT-02 RPT-04 a range is checked against the limit and grouped by day, week or month")
    func buckets() throws {
        let d = { LocalDate($0)! }
        #expect(throws: DomainError.ruleViolation(rule: "reports.max_range_days", reason: "error.report.range_too_long")) {
            try ReportPeriod(from: d("2016-01-01"), to: d("2026-01-01"), maxDays: 366)
        }
        #expect(throws: DomainError.self) { try ReportPeriod(from: d("2026-02-02"), to: d("2026-02-01"), maxDays: 366) }
        let month = try ReportPeriod(from: d("2026-11-01"), to: d("2026-11-30"), maxDays: 366)
        #expect(month.bucket == .day && month.bucketKeys.count == 30)
        let quarter = try ReportPeriod(from: d("2026-09-01"), to: d("2026-11-30"), maxDays: 366)
        #expect(quarter.bucket == .week && quarter.bucketKeys.first == "2026-08-31")
        let year = try ReportPeriod(from: d("2025-12-01"), to: d("2026-11-30"), maxDays: 366)
        #expect(year.bucket == .month && year.bucketKeys.count == 12)
        #expect(ReportPeriod.last(30, endingOn: d("2026-11-23")).from == d("2026-10-25"))
    }

    @Test("RPT-03 RPT-06 the monthly analysis is late from the due day of the next month; daily and weekly reports from the next day and the Tuesday; summaries after 15 days")
    func lateFrom() {
        #expect(ReportSubmissionKind.monthlyQuality.lateFrom(period: "2026-12", monthlyDueDay: 22) == LocalDate("2027-01-22"))
        #expect(ReportSubmissionKind.daily.lateFrom(period: "2026-11-30", monthlyDueDay: 22) == LocalDate("2026-12-01"))
        #expect(ReportSubmissionKind.weekly.lateFrom(period: "2026-11-23", monthlyDueDay: 22) == LocalDate("2026-12-01"))
        #expect(ReportSubmissionKind.weekly.period("2026-11-26") == "2026-11-23")
        #expect(ReportSubmissionKind.monthlyQuality.period("2026-13") == nil)
        #expect(ReportSubmissionKind.halfYear.lateFrom(period: "2026-H1", monthlyDueDay: 22, summaryDueDays: 15) == LocalDate("2026-07-16"))
        #expect(ReportSubmissionKind.annual.period("2026") == "2026" && ReportSubmissionKind.annual.period("26") == nil)
        #expect(WorkloadKind(.proactive) == .proactive && WorkloadKind(.complaint) == .other)
    }
}
