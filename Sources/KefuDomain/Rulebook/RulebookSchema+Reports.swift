extension RulebookSchema {
    static let reports: [RulebookField] = [
        key("max_range_days", .integer(7...732), ["RPT-02", "RPT-04"], "The longest date range one report may cover, in days",
            "单份报表最长可统计的天数"),
        key("monthly_quality_due_day", .integer(1...28), ["RPT-03"],
            "The monthly service-quality analysis is due before this day of the next month", "月度服务质量分析报告须在次月该日之前提交"),
        key("summary_due_days", .integer(1...92), ["RPT-06"], "Half-year and annual summaries are late this many days after their period",
            "半年和年度工作总结在期末后多少天内提交"),
    ]
}
