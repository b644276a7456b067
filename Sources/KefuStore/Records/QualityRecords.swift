import FluentKit
import Foundation

/// A quality inspection (质检): one 服务质量综合考评表 (QA-03/04) or chat-log assessment (QA-11) of a case and
/// the agent who handled it, with the on-the-spot correction note (QA-01), the agent's acknowledgement and
/// dispute, and its decision. `month` (`YYYY-MM`) and `week_start` (`YYYY-MM-DD`, a Monday) are in the
/// organization's calendar, so the summaries filter on indexed columns.
public final class QualityInspectionRecord: Model, @unchecked Sendable {
    public static let schema = "qa_inspections"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "case_number") public var caseNumber: String
    @Field(key: "channel") public var channel: String
    @Field(key: "agent_id") public var agentID: UUID
    @Field(key: "inspector_id") public var inspectorID: UUID
    /// `call` | `chat`.
    @Field(key: "form") public var form: String
    @Field(key: "total") public var total: Double
    @Field(key: "finding_count") public var findingCount: Int
    /// The criteria that were findings, comma-separated (for the weekly summary without reading every score).
    @Field(key: "finding_criteria") public var findingCriteria: String
    @OptionalField(key: "comments") public var comments: String?
    /// QA-01: what the agent is told to correct.
    @OptionalField(key: "correction") public var correction: String?
    @Field(key: "month") public var month: String
    @Field(key: "week_start") public var weekStart: String
    @Field(key: "inspected_at") public var inspectedAt: Date
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?
    /// `none` | `disputed` | `upheld` | `corrected`.
    @Field(key: "dispute_state") public var disputeState: String
    @OptionalField(key: "dispute_reason") public var disputeReason: String?
    @OptionalField(key: "disputed_at") public var disputedAt: Date?
    @OptionalField(key: "decision_reason") public var decisionReason: String?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    /// The total before a corrected dispute.
    @OptionalField(key: "original_total") public var originalTotal: Double?
    @Field(key: "rulebook_version") public var rulebookVersion: String
    @Field(key: "version") public var version: Int

    public init() {}
}

/// One criterion's score of an inspection, with the weight and scale it was scored on.
public final class QualityScoreRecord: Model, @unchecked Sendable {
    public static let schema = "qa_scores"

    @ID(key: .id) public var id: UUID?
    @Field(key: "inspection_id") public var inspectionID: UUID
    @Field(key: "criterion") public var criterion: String
    @Field(key: "score") public var score: Int
    @Field(key: "max_score") public var maxScore: Int
    @Field(key: "weight") public var weight: Int
    /// QA-06: below the rulebook's finding threshold.
    @Field(key: "finding") public var isFinding: Bool
    @OptionalField(key: "note") public var note: String?
    @Field(key: "inspected_at") public var inspectedAt: Date

    public init() {}

    public init(inspectionID: UUID, criterion: String, score: Int, maxScore: Int, weight: Int, isFinding: Bool, note: String?, at: Date) {
        id = RowIDs.next(at: at); self.inspectionID = inspectionID; self.criterion = criterion; self.score = score; self.maxScore = maxScore
        self.weight = weight; self.isFinding = isFinding; self.note = note; inspectedAt = at
    }
}

/// QA-04: the month's results per agent, maintained when an inspection is saved or corrected (never
/// recomputed over all inspections). The average is `total_sum / inspections`.
public final class QualityMonthlyRecord: Model, @unchecked Sendable {
    public static let schema = "qa_monthly"

    @ID(key: .id) public var id: UUID?
    @Field(key: "agent_id") public var agentID: UUID
    @Field(key: "month") public var month: String
    @Field(key: "inspections") public var inspections: Int
    @Field(key: "total_sum") public var totalSum: Double
    @Field(key: "findings") public var findings: Int
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var average: Double { inspections == 0 ? 0 : (totalSum / Double(inspections) * 10).rounded() / 10 }
}

/// QA-05: the training plan of a week (培训计划), for all staff (`target` = `all`) or one agent (`target` =
/// the agent's id), submitted to the 客服部主任 with the week's summary.
public final class QualityTrainingPlanRecord: Model, @unchecked Sendable {
    public static let schema = "qa_training_plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "week_start") public var weekStart: String
    @Field(key: "target") public var target: String
    @Field(key: "plan") public var plan: String
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// A case flagged for quality inspection by another module (the seam for surveys, return visits …):
/// insert a row with the case and a short reason (`poor_survey`, `return_visit`, …); the QA sampler
/// proposes every open flag, and the inspection of the case closes it (`inspection_id`).
/// One flag per case and reason (a repeat is ignored).
public final class QualityFlagRecord: Model, @unchecked Sendable {
    public static let schema = "qa_flags"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "reason") public var reason: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "flagged_at") public var flaggedAt: Date
    @OptionalField(key: "inspection_id") public var inspectionID: UUID?

    public init() {}

    public init(caseID: UUID, reason: String, note: String? = nil, at: Date) {
        id = RowIDs.next(at: at); self.caseID = caseID; self.reason = reason; self.note = note; flaggedAt = at
    }
}
