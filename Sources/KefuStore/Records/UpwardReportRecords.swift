import FluentKit
import Foundation

/// A report to a superior (请示报告, ESC-01..12): what happened, the reporter's proposed handling (ESC-07),
/// who it is addressed to (one level up, ESC-06/13), and where the instruction workflow stands.
public final class UpwardReportRecord: Model, @unchecked Sendable {
    public static let schema = "upward_reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "category") public var category: String
    /// ESC-06: an emergency may skip a level; ESC-11 the emergency handler is told.
    @Field(key: "emergency") public var emergency: Bool
    @Field(key: "summary") public var summary: String
    @Field(key: "details") public var details: String
    /// ESC-07: the reporter's proposed handling (处理意见).
    @Field(key: "proposal") public var proposal: String
    @OptionalField(key: "case_id") public var caseID: UUID?
    @OptionalField(key: "case_number") public var caseNumber: String?
    @Field(key: "reporter_id") public var reporterID: UUID
    @Field(key: "reporter_name") public var reporterName: String
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @Field(key: "superior_id") public var superiorID: UUID
    @Field(key: "superior_name") public var superiorName: String
    @Field(key: "superior_role") public var superiorRole: String
    /// The addressed superior's level in `escalation.chain` when filed (the chain's length for a role
    /// outside it, so only the top of the chain sees it): those above see the report.
    @Field(key: "level") public var level: Int
    /// The rulebook key that chose the superior.
    @Field(key: "route_rule") public var routeRule: String
    /// ESC-06: the superior skipped in an emergency, told afterwards.
    @OptionalField(key: "skipped_id") public var skippedID: UUID?
    @OptionalField(key: "skipped_name") public var skippedName: String?
    /// ESC-07: after executing an insisted instruction, the objection goes to the superior's superior.
    @OptionalField(key: "forwarded_to_id") public var forwardedToID: UUID?
    @OptionalField(key: "forwarded_to_name") public var forwardedToName: String?
    @Field(key: "status") public var status: String
    /// The current instruction (every version is in the steps).
    @OptionalField(key: "instruction") public var instruction: String?
    @OptionalField(key: "objection") public var objection: String?
    @OptionalField(key: "execution") public var execution: String?
    @Field(key: "instruct_by") public var instructBy: Date
    /// When the superior was reminded that `instruct_by` passed without an instruction (once).
    @OptionalField(key: "reminded_at") public var remindedAt: Date?
    @Field(key: "filed_at") public var filedAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// One step of a report's history: the instruction record of ESC-07 (text, date, who) and every other step.
public final class UpwardReportStepRecord: Model, @unchecked Sendable {
    public static let schema = "upward_report_steps"

    @ID(key: .id) public var id: UUID?
    @Field(key: "report_id") public var reportID: UUID
    /// filed, instructed, acknowledged, objected, insisted, executed, forwarded, skipped_informed.
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "text") public var text: String?
    @Field(key: "actor_id") public var actorID: UUID
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "rule_key") public var ruleKey: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(reportID: UUID, kind: String, text: String?, actorID: UUID, actorName: String, ruleKey: String, at: Date) {
        self.reportID = reportID; self.kind = kind; self.text = text; self.actorID = actorID; self.actorName = actorName
        self.ruleKey = ruleKey; self.at = at
    }
}
