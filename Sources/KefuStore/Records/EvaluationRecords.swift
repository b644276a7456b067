import FluentKit
import Foundation

/// An agent's closed monthly evaluation (PRM-18): its inputs as they were, the score, the rank within the
/// department and whether it failed; typing speed and the business exam (ORG-08/09) are added later.
public final class MonthlyEvaluationRecord: Model, @unchecked Sendable {
    public static let schema = "monthly_evaluations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @Field(key: "month") public var month: String
    @OptionalField(key: "qa_percent") public var qaPercent: Double?
    @OptionalField(key: "satisfaction_percent") public var satisfactionPercent: Double?
    @Field(key: "violations") public var violations: Int
    @Field(key: "breaches") public var breaches: Int
    @OptionalField(key: "typing_speed") public var typingSpeed: Int?
    @OptionalField(key: "exam_score") public var examScore: Int?
    @Field(key: "score") public var score: Double
    /// Issue 9: the month's average customer rating of the agent's chats (1–5) and how many rated.
    @OptionalField(key: "chat_rating") public var chatRating: Double?
    @OptionalField(key: "chat_ratings") public var chatRatings: Int?
    /// CHN-16 chat breaches of the month (also counted in `breaches`).
    @OptionalField(key: "chat_breaches") public var chatBreaches: Int?
    /// ORG-08/09/11: the month's best typing test and the console's average (characters per minute).
    @OptionalField(key: "typing_test_best") public var typingTestBest: Int?
    @OptionalField(key: "typing_console_average") public var typingConsoleAverage: Int?
    @Field(key: "rank") public var rank: Int
    @Field(key: "failed") public var failed: Bool
    @Field(key: "closed_by") public var closedBy: UUID
    @Field(key: "closed_at") public var closedAt: Date

    public init() {}
}

/// A quarterly grade on the rulebook's scale (PRM-25), e.g. "2026-Q4" → "A".
public final class QuarterlyGradeRecord: Model, @unchecked Sendable {
    public static let schema = "quarterly_grades"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "quarter") public var quarter: String
    @Field(key: "grade") public var grade: String
    @Field(key: "graded_by") public var gradedBy: UUID
    @Field(key: "graded_at") public var gradedAt: Date

    public init() {}
}

/// An "优秀客服" title (PRM-10/12).
public final class ExcellentTitleRecord: Model, @unchecked Sendable {
    public static let schema = "excellent_titles"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "note") public var note: String
    @Field(key: "awarded_by") public var awardedBy: UUID
    @Field(key: "awarded_at") public var awardedAt: Date

    public init() {}
}

/// A promotion nomination (PRM-14..16) and its approval; approved, the person's grade changes.
public final class PromotionRecord: Model, @unchecked Sendable {
    public static let schema = "promotions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    @Field(key: "from_grade") public var fromGrade: String
    @Field(key: "to_grade") public var toGrade: String
    /// `pending`, `approved` or `rejected`.
    @Field(key: "state") public var state: String
    @Field(key: "reason") public var reason: String
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @Field(key: "nominated_by") public var nominatedBy: UUID
    @Field(key: "nominated_at") public var nominatedAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}
}
