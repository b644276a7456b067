/// Assessment thresholds of promotion and demotion (REQUIREMENTS §15, PRM).
public struct PromotionRules: Sendable, Equatable {
    /// PRM-08..12: a monthly ranking this high or better counts as "top" (default 3).
    public var topRank: Int
    /// PRM-07: consecutive failed monthly evaluations after which a junior agent may be dismissed (default 3).
    public var failedMonthsBeforeDismissal: Int
    /// PRM-09 / PRM-11: monthly evaluations outside the top that demote (default 3).
    public var demotionMonthsOutsideTop: Int
    /// PRM-09 / PRM-11: quarterly B grades that demote (default 2).
    public var demotionQuarterlyBGrades: Int
    /// PRM-25: quarterly grades, best first (default A, B, C).
    public var quarterlyGrades: [String]

    public init(topRank: Int, failedMonthsBeforeDismissal: Int, demotionMonthsOutsideTop: Int, demotionQuarterlyBGrades: Int,
                quarterlyGrades: [String]) {
        self.topRank = topRank
        self.failedMonthsBeforeDismissal = failedMonthsBeforeDismissal
        self.demotionMonthsOutsideTop = demotionMonthsOutsideTop
        self.demotionQuarterlyBGrades = demotionQuarterlyBGrades
        self.quarterlyGrades = quarterlyGrades
    }
}

extension PromotionRules {
    init(_ r: RulebookReader) throws {
        self.init(topRank: try r.at("top_rank").int(), failedMonthsBeforeDismissal: try r.at("failed_months_before_dismissal").int(),
                  demotionMonthsOutsideTop: try r.at("demotion_months_outside_top").int(),
                  demotionQuarterlyBGrades: try r.at("demotion_quarterly_b_grades").int(),
                  quarterlyGrades: try r.at("quarterly_grades").list().map { try $0.text() })
    }
}
