import FluentKit
import Foundation

public final class ApprovalRecord: Model, @unchecked Sendable {
    public static let schema = "approvals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "subject_type") public var subjectType: String
    @Field(key: "subject_id") public var subjectID: UUID
    @Field(key: "state") public var state: String
    @Field(key: "rule_key") public var ruleKey: String
    @Field(key: "rulebook_version") public var rulebookVersion: String
    @Field(key: "requested_by") public var requestedBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    /// The role of the step pending now (nil when finished): the inbox query filters on it with an index.
    @OptionalField(key: "pending_role") public var pendingRole: String?
    @OptionalField(key: "pending_department_id") public var pendingDepartmentID: UUID?
    @Field(key: "version") public var version: Int

    public init() {}
}

public final class ApprovalStepRecord: Model, @unchecked Sendable {
    public static let schema = "approval_steps"

    @ID(key: .id) public var id: UUID?
    @Field(key: "approval_id") public var approvalID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "role") public var role: String
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @Field(key: "state") public var state: String
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "comment") public var comment: String?

    public init() {}
}

public final class DeadlineClockRecord: Model, @unchecked Sendable {
    public static let schema = "deadline_clocks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "subject_type") public var subjectType: String
    @Field(key: "subject_id") public var subjectID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "unit") public var unit: String
    @Field(key: "started_at") public var startedAt: Date
    @Field(key: "due_at") public var dueAt: Date
    @Field(key: "warn_at") public var warnAt: Date
    @Field(key: "state") public var state: String
    @OptionalField(key: "paused_at") public var pausedAt: Date?
    @OptionalField(key: "remaining_seconds") public var remainingSeconds: Double?
    @OptionalField(key: "warned_at") public var warnedAt: Date?
    @OptionalField(key: "breached_at") public var breachedAt: Date?
    @OptionalField(key: "met_at") public var metAt: Date?
    @Field(key: "rule_key") public var ruleKey: String
    @Field(key: "rulebook_version") public var rulebookVersion: String
    @Field(key: "version") public var version: Int

    public init() {}
}
