import FluentKit
import Foundation

/// CMP-40: the GM office's review of one month's closed complaints, opened by the scheduler.
public final class ComplaintReviewRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_reviews"

    @ID(key: .id) public var id: UUID?
    /// The reviewed month, "2026-10".
    @Field(key: "month") public var month: String
    /// The review is due by this date (the rulebook's day of the following month).
    @Field(key: "due_on") public var dueOn: String
    @Field(key: "state") public var state: String
    @Field(key: "opened_at") public var openedAt: Date
    @OptionalField(key: "completed_at") public var completedAt: Date?
    @OptionalField(key: "completed_by") public var completedBy: String?
    /// CMP-41: when HR published the 人事公布单 of the month's administrative penalties.
    @OptionalField(key: "announced_at") public var announcedAt: Date?
    @OptionalField(key: "announced_by") public var announcedBy: String?
    @Field(key: "version") public var version: Int

    public init() {}
}

/// One closed complaint in a monthly review with the GM office's outcome (CMP-41/42).
public final class ComplaintReviewItemRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_review_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "review_id") public var reviewID: UUID
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "outcome") public var outcome: String
    @OptionalField(key: "person_id") public var personID: UUID?
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @OptionalField(key: "amount") public var amount: String?
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @Field(key: "state") public var state: String
    @Field(key: "version") public var version: Int

    public init() {}
}

/// The fines and rewards ledger (奖罚台账): one row per executed deduction or reward. The workforce module
/// shows it per person; complaints write to it after the GM approves a 奖罚通知单 (CMP-42).
public final class FineLedgerRecord: Model, @unchecked Sendable {
    public static let schema = "fines_ledger"

    @ID(key: .id) public var id: UUID?
    @Field(key: "staff_id") public var staffID: UUID
    /// Yuan, negative for a deduction.
    @Field(key: "amount") public var amount: String
    @Field(key: "reason") public var reason: String
    @Field(key: "source_type") public var sourceType: String
    @Field(key: "source_id") public var sourceID: UUID
    @Field(key: "created_at") public var createdAt: Date
    /// `YYYY-MM` the entry counts in for the monthly statement (ATT-05); nil only on rows written before 0025.
    @OptionalField(key: "month") public var month: String?
    /// Who recorded the entry (ATT-25); nil with the name "system" when the system did.
    @OptionalField(key: "recorded_by_id") public var recordedByID: UUID?
    @OptionalField(key: "recorded_by_name") public var recordedByName: String?

    public init() {}
}
