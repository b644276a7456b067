/// The reports leaders hand in, with the period each covers and its due day.
/// RPT-04: the day-shift 值班长's daily and weekly reports (日报、周报); RPT-02: the CS director's weekly
/// statistics come from the same week; RPT-03: the monthly service-quality analysis (服务质量分析报告),
/// due before `reports.monthly_quality_due_day` (22日前) of the next month; RPT-05: the day-shift 班长's work
/// log (工作日志); QA-09: the QA station's monthly summary for the business supervisors; RPT-06: the
/// half-year and annual work summaries (半年和年度工作总结) with the next period's plan.
public enum ReportSubmissionKind: String, CaseIterable, Sendable, Codable {
    case daily, weekly
    case monthlyQuality = "monthly_quality"
    case workLog = "work_log"
    case qaMonthly = "qa_monthly"
    case halfYear = "half_year"
    case annual
    /// RTV-05: the return-visit station's summary of suggestions, needs, hot issues and survey results.
    case returnVisitSummary = "return_visit_summary"

    /// The rule each kind implements (named in the audit trail).
    public var ruleID: String {
        switch self {
        case .daily, .weekly: "RPT-04"
        case .monthlyQuality: "RPT-03"
        case .workLog: "RPT-05"
        case .qaMonthly: "QA-09"
        case .halfYear, .annual: "RPT-06"
        case .returnVisitSummary: "RTV-05"
        }
    }

    /// Who writes this kind of report: the station it belongs to, or the CS leaders (值班长, 班长, the
    /// directors). The CS and center directors may hand in any kind.
    public func mayHandIn(_ roles: some Sequence<Role>) -> Bool {
        let writers: Set<Role> = switch self {
        case .qaMonthly: [.qaInspector]
        case .returnVisitSummary: [.returnVisitor]
        case .workLog: [.teamLeader, .shiftLeader]
        default: [.shiftLeader, .teamLeader]
        }
        return roles.contains { writers.contains($0) || $0 == .csDirector || $0 == .centerDirector || $0 == .admin }
    }

    /// The period key a submission of this kind covers — a day, a week's Monday, a month `YYYY-MM`, a
    /// half-year `YYYY-H1`/`YYYY-H2` or a year `YYYY` — or nil when the text is not one.
    public func period(_ text: String) -> String? {
        switch self {
        case .daily, .workLog: LocalDate(text)?.description
        case .weekly, .returnVisitSummary: LocalDate(text).map { QualityPeriod.weekStart(of: $0).description }
        case .monthlyQuality, .qaMonthly: QualityPeriod.firstDay(ofMonth: text).map { QualityPeriod.month(of: $0) }
        case .halfYear: Self.bounds(half: text).map { _ in text.uppercased() }
        case .annual: Int(text).flatMap { (2000...2999).contains($0) && text.count == 4 ? text : nil }
        }
    }

    /// The first and the day after the last day of a period key of this kind.
    public func range(of period: String) -> (first: LocalDate, end: LocalDate)? {
        switch self {
        case .daily, .workLog: LocalDate(period).map { ($0, QualityPeriod.adding(1, to: $0)) }
        case .weekly, .returnVisitSummary: LocalDate(period).map { ($0, QualityPeriod.adding(7, to: $0)) }
        case .monthlyQuality, .qaMonthly: QualityPeriod.firstDay(ofMonth: period).map { ($0, QualityPeriod.nextMonth($0)) }
        case .halfYear: Self.bounds(half: period)
        case .annual: Int(period).map { (LocalDate(year: $0, month: 1, day: 1), LocalDate(year: $0 + 1, month: 1, day: 1)) }
        }
    }

    /// The first day on which the report is late (it is due before this day starts). NOTE: the seeds give
    /// a day only for the monthly analysis (RPT-03, 22日前); the daily report and work log are due by the
    /// end of their day, the weekly one by the end of the next Monday, the QA monthly summary with the
    /// monthly analysis, the half-year and annual summaries `summaryDueDays` after their period.
    public func lateFrom(period: String, monthlyDueDay: Int, summaryDueDays: Int = 15) -> LocalDate? {
        guard let (_, end) = range(of: period) else { return nil }
        switch self {
        case .daily, .workLog: return end
        case .weekly, .returnVisitSummary: return QualityPeriod.adding(1, to: end)
        case .monthlyQuality, .qaMonthly: return LocalDate(year: end.year, month: end.month, day: monthlyDueDay)
        case .halfYear, .annual: return QualityPeriod.adding(summaryDueDays, to: end)
        }
    }

    private static func bounds(half text: String) -> (first: LocalDate, end: LocalDate)? {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (2000...2999).contains(year), parts[1] == "H1" || parts[1] == "H2" else { return nil }
        return parts[1] == "H1" ? (LocalDate(year: year, month: 1, day: 1), LocalDate(year: year, month: 7, day: 1))
            : (LocalDate(year: year, month: 7, day: 1), LocalDate(year: year + 1, month: 1, day: 1))
    }
}
