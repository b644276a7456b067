/// Reports (REQUIREMENTS §9, RPT).
public struct ReportRules: Sendable, Equatable {
    /// RPT-02 / RPT-04: the longest range one report may cover, in days (a longer one is refused).
    public var maxRangeDays: Int
    /// RPT-03: the monthly service-quality analysis is submitted before this day of the next month (22日前).
    public var monthlyQualityDueDay: Int
    /// RPT-06: the half-year and annual summaries are late this many days after their period ends
    /// (NOTE: the seeds say only "on time" / 按时).
    public var summaryDueDays: Int

    public init(maxRangeDays: Int, monthlyQualityDueDay: Int, summaryDueDays: Int) {
        self.maxRangeDays = maxRangeDays; self.monthlyQualityDueDay = monthlyQualityDueDay; self.summaryDueDays = summaryDueDays
    }
}

extension ReportRules {
    init(_ r: RulebookReader) throws {
        self.init(maxRangeDays: try r.at("max_range_days").int(), monthlyQualityDueDay: try r.at("monthly_quality_due_day").int(),
                  summaryDueDays: try r.at("summary_due_days").int())
    }
}
