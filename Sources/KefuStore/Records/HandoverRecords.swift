import FluentKit
import Foundation

/// A handover (交接日志, SHF-04/05/06): what the outgoing person hands to the incoming one. `open` until the
/// incoming person acknowledges, then `acknowledged`; `closed` when the outgoing person leaves (or a leader
/// overrides with a reason). Case and return-visit ids are comma-separated snapshots.
public final class HandoverRecord: Model, @unchecked Sendable {
    public static let schema = "handovers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "shift_date") public var shiftDate: String
    @Field(key: "shift_template_id") public var shiftTemplateID: UUID
    @Field(key: "outgoing_user_id") public var outgoingUserID: UUID
    @Field(key: "incoming_user_id") public var incomingUserID: UUID
    @OptionalField(key: "equipment") public var equipment: String?
    @OptionalField(key: "difficult_problems") public var difficultProblems: String?
    @OptionalField(key: "staff_changes") public var staffChanges: String?
    @OptionalField(key: "superiors_instructions") public var superiorsInstructions: String?
    @OptionalField(key: "other_notes") public var otherNotes: String?
    @Field(key: "open_case_ids") public var openCaseIDs: String
    @Field(key: "return_visit_ids") public var returnVisitIDs: String
    /// `open` | `acknowledged` | `closed`.
    @Field(key: "state") public var state: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @OptionalField(key: "override_by") public var overrideBy: UUID?
    @OptionalField(key: "override_reason") public var overrideReason: String?
    @Field(key: "version") public var version: Int

    public init() {}
}

/// The shift leader's duty log (值班日志, RPT-03): one entry per shift with what happened and what was
/// instructed; the monthly service-quality report reads it.
public final class DutyLogRecord: Model, @unchecked Sendable {
    public static let schema = "duty_logs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "shift_date") public var shiftDate: String
    @OptionalField(key: "shift_template_id") public var shiftTemplateID: UUID?
    @Field(key: "leader_id") public var leaderID: UUID
    @Field(key: "leader_name") public var leaderName: String
    @Field(key: "summary") public var summary: String
    @OptionalField(key: "incidents") public var incidents: String?
    @OptionalField(key: "instructions") public var instructions: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}
