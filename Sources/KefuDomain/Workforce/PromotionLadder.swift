import Foundation

/// What the system knows of an agent when a promotion or a demotion is considered (PRM-06..16): the
/// history newest last, so "the last three months" is a suffix.
public struct PromotionHistory: Sendable, Equatable {
    public var grade: Grade
    public var monthsOfService: Int
    /// "优秀客服" titles awarded (PRM-10/12).
    public var excellentTitles: Int
    /// Quarterly grades on the rulebook's scale (`promotion.quarterly_grades`, best first), newest last.
    public var quarterlyGrades: [String]
    /// The monthly evaluation's rank within the department, newest last; nil when the month was not ranked.
    public var monthlyRanks: [Int?]
    /// Whether each monthly evaluation failed, newest last (PRM-07, PRM-14).
    public var failedMonths: [Bool]
    /// Disciplinary violations (违纪) in the assessment period (PRM-06 (a)).
    public var violations: Int

    public init(grade: Grade, monthsOfService: Int, excellentTitles: Int = 0, quarterlyGrades: [String] = [], monthlyRanks: [Int?] = [],
                failedMonths: [Bool] = [], violations: Int = 0) {
        self.grade = grade; self.monthsOfService = monthsOfService; self.excellentTitles = excellentTitles
        self.quarterlyGrades = quarterlyGrades; self.monthlyRanks = monthlyRanks; self.failedMonths = failedMonths; self.violations = violations
    }
}

/// One promotion criterion with what it asks and what the person has, so a refusal lists the unmet ones.
public struct PromotionCriterionResult: Sendable, Equatable {
    public enum Criterion: String, Sendable, CaseIterable {
        case oneLevel = "one_level", noViolations = "no_violations", lastMonthPassed = "last_month_passed"
        case monthsOfService = "months_of_service", excellentTitles = "excellent_titles", quarterlyAGrades = "quarterly_a_grades"
        case topRank = "top_rank"
    }
    public let criterion: Criterion
    public let met: Bool
    public let required: String
    public let actual: String
}

/// The ladder 新客服(试用) → 初级 → 中级 → 高级 → 储备主管 (PRM-03) and its checks.
public enum PromotionLadder {
    public static func next(after grade: Grade) -> Grade? {
        let all = Grade.allCases
        return grade.rank + 1 < all.count ? all[grade.rank + 1] : nil
    }

    /// PRM-02, PRM-06, PRM-08, PRM-10, PRM-12, PRM-14: every criterion of promoting `history` to `target`.
    public static func check(_ history: PromotionHistory, to target: Grade, pay: PayGradeRules, rules: PromotionRules) -> [PromotionCriterionResult] {
        typealias R = PromotionCriterionResult
        var results: [R] = []
        let next = next(after: history.grade)
        results.append(R(criterion: .oneLevel, met: target == next, required: next?.rawValue ?? "-", actual: target.rawValue))
        results.append(R(criterion: .noViolations, met: history.violations == 0, required: "0", actual: "\(history.violations)"))
        if target == .junior {
            // PRM-14: the regularization assessment — the latest monthly evaluation passed.
            let passed = history.failedMonths.last == false
            results.append(R(criterion: .lastMonthPassed, met: passed, required: "pass", actual: history.failedMonths.last.map { $0 ? "fail" : "pass" } ?? "-"))
        }
        results.append(R(criterion: .monthsOfService, met: history.monthsOfService >= pay.minMonthsOfService,
                         required: "\(pay.minMonthsOfService)", actual: "\(history.monthsOfService)"))
        if pay.excellentTitles > 0 {
            results.append(R(criterion: .excellentTitles, met: history.excellentTitles >= pay.excellentTitles,
                             required: "\(pay.excellentTitles)", actual: "\(history.excellentTitles)"))
        }
        if pay.quarterlyAGrades > 0 {
            let best = rules.quarterlyGrades.first ?? "A"
            // PRM-10 asks for consecutive A grades (连续两次); PRM-08/12 count them.
            let count = target == .senior ? history.quarterlyGrades.reversed().prefix { $0 == best }.count
                                          : history.quarterlyGrades.filter { $0 == best }.count
            results.append(R(criterion: .quarterlyAGrades, met: count >= pay.quarterlyAGrades, required: "\(pay.quarterlyAGrades)", actual: "\(count)"))
        }
        if target > .junior {
            // PRM-08/10/12: "月均前三名" — the average monthly rank over the assessment period.
            // The whole assessment period must be evaluated (PRM-15: 3 / 6 / 12 months).
            let needed = max(1, pay.minMonthsOfService)
            let window = Array(history.monthlyRanks.suffix(needed))
            let ranks = window.compactMap { $0 }
            let average = ranks.count < needed ? nil : Double(ranks.reduce(0, +)) / Double(ranks.count)
            results.append(R(criterion: .topRank, met: average.map { $0 <= Double(rules.topRank) } ?? false,
                             required: "≤ \(rules.topRank)", actual: average.map { String(format: "%.1f", $0) } ?? "-"))
        }
        return results
    }

    /// PRM-09 (中级, consecutive) and PRM-11 (高级, within the year): why a demotion is due, or nil.
    public static func demotionDue(_ history: PromotionHistory, rules: PromotionRules) -> String? {
        guard history.grade == .intermediate || history.grade == .senior else { return nil }
        let scale = rules.quarterlyGrades
        let b = scale.count > 1 ? scale[1] : "B"
        if let last = history.quarterlyGrades.last, let index = scale.firstIndex(of: last), index > 1 { return "quarterly_below_b" }
        let lastBs = history.quarterlyGrades.suffix(rules.demotionQuarterlyBGrades)
        if lastBs.count == rules.demotionQuarterlyBGrades, lastBs.allSatisfy({ $0 == b }) { return "quarterly_b" }
        let outside = { (rank: Int?) in rank.map { $0 > rules.topRank } ?? false }
        let months = rules.demotionMonthsOutsideTop
        if history.grade == .intermediate {
            let last = history.monthlyRanks.suffix(months)
            if last.count == months, last.allSatisfy(outside) { return "months_outside_top" }
        } else if history.monthlyRanks.suffix(12).filter(outside).count >= months {
            return "months_outside_top"
        }
        return nil
    }

    /// PRM-07: a junior agent whose last `failed_months_before_dismissal` evaluations all failed may be dismissed.
    public static func dismissalEligible(_ history: PromotionHistory, rules: PromotionRules) -> Bool {
        let n = rules.failedMonthsBeforeDismissal
        let last = history.failedMonths.suffix(n)
        return history.grade == .junior && last.count == n && last.allSatisfy { $0 }
    }
}
