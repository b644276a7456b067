import FluentKit
import Foundation

/// A return visit (回访) of a resolved case (RTV-01..13).
public final class ReturnVisitRecord: Model, @unchecked Sendable {
    public static let schema = "return_visits"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "customer_id") public var customerID: UUID
    /// The service person the visit rates (the case's assignee, else its owner).
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "state") public var state: String
    @Field(key: "due_at") public var dueAt: Date
    /// RTV-07: the first time to call, outside the customer's rest times.
    @Field(key: "call_from") public var callFrom: Date
    /// RTV-10: the customer was busy and booked another time.
    @OptionalField(key: "booked_at") public var bookedAt: Date?
    @Field(key: "failed_attempts") public var failedAttempts: Int
    @Field(key: "wrong_number") public var wrongNumber: Bool
    @OptionalField(key: "satisfaction") public var satisfaction: String?
    @OptionalField(key: "resolved") public var resolved: Bool?
    @OptionalField(key: "escalated") public var escalated: Bool?
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "done_at") public var doneAt: Date?
    @OptionalField(key: "done_by") public var doneBy: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

public final class ReturnVisitAttemptRecord: Model, @unchecked Sendable {
    public static let schema = "return_visit_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "visit_id") public var visitID: UUID
    @Field(key: "outcome") public var outcome: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "at") public var at: Date
    @Field(key: "by_id") public var byID: UUID
    @Field(key: "by_name") public var byName: String

    public init() {}
}

/// A satisfaction survey (客户意见调查表, SAT-05/06): four rated items and the customer's words.
public final class SurveyRecord: Model, @unchecked Sendable {
    public static let schema = "surveys"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @OptionalField(key: "visit_id") public var visitID: UUID?
    @OptionalField(key: "person_id") public var personID: UUID?
    /// "agent" (during a return visit or afterwards) or "customer" (the public link).
    @Field(key: "source") public var source: String
    @Field(key: "scale") public var scale: String
    @Field(key: "attitude") public var attitude: String
    @Field(key: "technical") public var technical: String
    @Field(key: "arrival_time") public var arrivalTime: String
    @Field(key: "promise") public var promise: String
    @OptionalField(key: "comment") public var comment: String?
    /// SAT-07: an especially serious opinion, sent to the VP at once.
    @Field(key: "serious") public var serious: Bool
    // SAT-07/08: the result sent back to the customer.
    @OptionalField(key: "result_channel") public var resultChannel: String?
    @OptionalField(key: "result_text") public var resultText: String?
    @OptionalField(key: "result_at") public var resultAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "created_by") public var createdBy: String?

    public init() {}
}

/// A one-time survey link for the customer; only the SHA-256 of the token is stored.
public final class SurveyTokenRecord: Model, @unchecked Sendable {
    public static let schema = "survey_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "created_by") public var createdBy: UUID

    public init() {}
}

/// SAT-03: a service person's survey ratings of one month, maintained as surveys arrive.
public final class SurveyPersonMonthRecord: Model, @unchecked Sendable {
    public static let schema = "survey_person_months"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "month") public var month: String
    @Field(key: "surveys") public var surveys: Int
    @Field(key: "points") public var points: Int
    @Field(key: "max_points") public var maxPoints: Int
    @Field(key: "poor") public var poor: Int

    public init() {}
}

/// RTV-06: a weekly satisfaction analysis that was generated and delivered.
public final class ReturnVisitWeekRecord: Model, @unchecked Sendable {
    public static let schema = "return_visit_weeks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "week_start") public var weekStart: String
    @Field(key: "generated_at") public var generatedAt: Date

    public init() {}
}
