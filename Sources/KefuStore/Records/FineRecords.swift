import FluentKit
import Foundation

/// One recorded violation (违规登记, ATT-05..31): the catalogue code, its occurrence number in the month
/// and the consequence the catalogue gave it at the time (amount, or dismissal for the manager to act on).
public final class ViolationRecord: Model, @unchecked Sendable {
    public static let schema = "violations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "code") public var code: String
    /// The catalogue name at the time, so a later rulebook change does not rewrite history.
    @Field(key: "name_zh") public var nameZh: String
    @Field(key: "occurred_at") public var occurredAt: Date
    @Field(key: "month") public var month: String
    @Field(key: "occurrence") public var occurrence: Int
    /// `fine` or `dismissal`.
    @Field(key: "outcome") public var outcome: String
    /// Yuan, two places; nil for dismissal.
    @OptionalField(key: "amount") public var amount: String?
    @OptionalField(key: "note") public var note: String?
    /// nil when the system recorded it (e.g. attendance lateness).
    @OptionalField(key: "recorded_by_id") public var recordedByID: UUID?
    @Field(key: "recorded_by_name") public var recordedByName: String
    @Field(key: "rulebook_version") public var rulebookVersion: String
    @Field(key: "created_at") public var createdAt: Date
    /// ATT-05 "罚款当天交完": when the fine was paid, and who took the payment.
    @OptionalField(key: "paid_at") public var paidAt: Date?
    @OptionalField(key: "paid_recorded_by_id") public var paidRecordedByID: UUID?

    public init() {}
}

/// One reward (奖励, ATT-17/26): money rewards also land in the fines ledger as a positive entry.
public final class RewardRecord: Model, @unchecked Sendable {
    public static let schema = "rewards"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "amount") public var amount: String?
    @Field(key: "reason") public var reason: String
    @Field(key: "month") public var month: String
    @Field(key: "awarded_at") public var awardedAt: Date
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    @Field(key: "recorded_by_name") public var recordedByName: String
    @Field(key: "rulebook_version") public var rulebookVersion: String

    public init() {}
}
