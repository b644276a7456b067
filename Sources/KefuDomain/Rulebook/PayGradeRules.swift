import Foundation

/// One rung of the promotion ladder (PRM-03) with its pay and entry criteria (PRM-06..PRM-17).
public struct PayGradeRules: Sendable, Equatable {
    public var grade: Grade
    /// PRM-17: monthly pay in yuan.
    public var monthlyPay: Decimal
    /// PRM-08 / PRM-10 / PRM-12: months of service before promotion to this grade.
    public var minMonthsOfService: Int
    /// PRM-10 / PRM-12: "优秀客服" titles needed.
    public var excellentTitles: Int
    /// PRM-08 / PRM-10 / PRM-12: quarterly A grades needed.
    public var quarterlyAGrades: Int

    public init(grade: Grade, monthlyPay: Decimal, minMonthsOfService: Int, excellentTitles: Int, quarterlyAGrades: Int) {
        self.grade = grade
        self.monthlyPay = monthlyPay
        self.minMonthsOfService = minMonthsOfService
        self.excellentTitles = excellentTitles
        self.quarterlyAGrades = quarterlyAGrades
    }
}

extension PayGradeRules {
    init(_ grade: Grade, _ r: RulebookReader) throws {
        self.init(grade: grade, monthlyPay: try r.at("monthly_pay").decimal(),
                  minMonthsOfService: try r.at("min_months_of_service").int(),
                  excellentTitles: try r.at("excellent_titles").int(), quarterlyAGrades: try r.at("quarterly_a_grades").int())
    }
}
