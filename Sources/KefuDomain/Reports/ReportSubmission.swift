/// The reports leaders hand in to the CS director, with the period each covers and its due day.
/// RPT-04: the day-shift 值班长's daily and weekly reports (日报、周报); RPT-02: the CS director's weekly
/// statistics come from the same week; RPT-03: the monthly service-quality analysis (服务质量分析报告),
/// due before the `reports.monthly_quality_due_day` (22日前) of the next month.
public enum ReportSubmissionKind: String, CaseIterable, Sendable, Codable {
    case daily, weekly
    case monthlyQuality = "monthly_quality"

    /// The period key a submission of this kind covers: a day, a week's Monday, or a month `YYYY-MM`;
    /// nil when the text is not one.
    public func period(_ text: String) -> String? {
        switch self {
        case .daily: LocalDate(text)?.description
        case .weekly: LocalDate(text).map { QualityPeriod.weekStart(of: $0).description }
        case .monthlyQuality: QualityPeriod.firstDay(ofMonth: text).map { QualityPeriod.month(of: $0) }
        }
    }

    /// The first day on which the report is late (it is due before this day starts). The daily report is
    /// due by the end of its day, the weekly one by the end of the next Monday (NOTE: the seeds give no
    /// hour for either), the monthly analysis before day `monthlyDueDay` of the next month (RPT-03).
    public func lateFrom(period: String, monthlyDueDay: Int) -> LocalDate? {
        switch self {
        case .daily: LocalDate(period).map { QualityPeriod.adding(1, to: $0) }
        case .weekly: LocalDate(period).map { QualityPeriod.adding(8, to: QualityPeriod.weekStart(of: $0)) }
        case .monthlyQuality:
            QualityPeriod.firstDay(ofMonth: period).map {
                let next = QualityPeriod.nextMonth($0)
                return LocalDate(year: next.year, month: next.month, day: monthlyDueDay)
            }
        }
    }
}
