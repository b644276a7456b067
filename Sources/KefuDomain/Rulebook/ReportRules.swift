/// Reports (REQUIREMENTS §9, RPT).
public struct ReportRules: Sendable, Equatable {
    /// RPT-02 / RPT-04: the longest range one report may cover, in days (a longer one is refused).
    public var maxRangeDays: Int
    /// RPT-03: the monthly service-quality analysis is submitted before this day of the next month (22日前).
    public var monthlyQualityDueDay: Int

    public init(maxRangeDays: Int, monthlyQualityDueDay: Int) {
        self.maxRangeDays = maxRangeDays; self.monthlyQualityDueDay = monthlyQualityDueDay
    }
}

extension ReportRules {
    init(_ r: RulebookReader) throws {
        self.init(maxRangeDays: try r.at("max_range_days").int(), monthlyQualityDueDay: try r.at("monthly_quality_due_day").int())
    }
}
