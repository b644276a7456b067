import FluentKit
import Foundation

/// An accountability case (问责, REQUIREMENTS §20) with its written decision (书面问责决定, ACC-09), the
/// appeal (复核申请, ACC-10) and its review (ACC-35). Sanctions are comma-separated catalogue keys; the
/// fine is a decimal string ("200.00").
public final class AccountabilityCaseRecord: Model, @unchecked Sendable {
    public static let schema = "accountability_cases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "title") public var title: String
    @Field(key: "origin") public var origin: String
    @Field(key: "trigger_key") public var trigger: String
    @Field(key: "facts") public var facts: String
    @OptionalField(key: "source_type") public var sourceType: String?
    @OptionalField(key: "source_id") public var sourceID: UUID?
    @OptionalField(key: "department_id") public var departmentID: UUID?
    /// ACC-12: no records, so every person concerned is held to account together.
    @Field(key: "joint_liability") public var jointLiability: Bool
    @Field(key: "investigator_id") public var investigatorID: UUID
    /// 问责方案 (ACC-21): who investigates and what.
    @OptionalField(key: "plan") public var plan: String?
    @Field(key: "state") public var state: String
    @Field(key: "opened_by") public var openedBy: UUID
    @Field(key: "opened_at") public var openedAt: Date
    @OptionalField(key: "decision_facts") public var decisionFacts: String?
    @OptionalField(key: "decision_reasons") public var decisionReasons: String?
    @OptionalField(key: "decision_basis") public var decisionBasis: String?
    @OptionalField(key: "sanctions") public var sanctions: String?
    @OptionalField(key: "fine_amount") public var fineAmount: String?
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "appeal_deadline") public var appealDeadline: Date?
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?
    @OptionalField(key: "appeal_reason") public var appealReason: String?
    @OptionalField(key: "appealed_by") public var appealedBy: UUID?
    @OptionalField(key: "appealed_at") public var appealedAt: Date?
    /// The reviewer role the appeal went to (the rulebook's `appeal_to` at the time).
    @OptionalField(key: "appeal_to") public var appealTo: String?
    /// ACC-35: whether the decision stays in force during the review.
    @OptionalField(key: "decision_in_force") public var decisionInForce: Bool?
    @OptionalField(key: "review_outcome") public var reviewOutcome: String?
    @OptionalField(key: "review_comment") public var reviewComment: String?
    @OptionalField(key: "corrected_sanctions") public var correctedSanctions: String?
    @OptionalField(key: "reviewed_by") public var reviewedBy: UUID?
    @OptionalField(key: "reviewed_at") public var reviewedAt: Date?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "version") public var version: Int

    public init() {}

    public var sanctionList: [String] { sanctions.map { $0.split(separator: ",").map(String.init) } ?? [] }
    public var correctedSanctionList: [String] { correctedSanctions.map { $0.split(separator: ",").map(String.init) } ?? [] }
}

/// A person held to account in a case (ACC-12: several when missing records leave responsibility open),
/// with when they acknowledged the written decision (送达, ACC-09).
public final class AccountabilityPersonRecord: Model, @unchecked Sendable {
    public static let schema = "accountability_persons"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "user_id") public var userID: UUID
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?

    public init() {}

    public init(caseID: UUID, userID: UUID) {
        id = UUID(); self.caseID = caseID; self.userID = userID
    }
}

/// One entry of a case's file. `kind` says which: `statement` (陈述和申辩, ACC-08: `body`), `cause_analysis`
/// (ACC-11: `body` the cause, `solution`, `contingency_plan`), `circumstance` (ACC-32: `qualifier`
/// mitigating|aggravating, `body`), `evidence` (ACC-12: `qualifier` case|audit_event, `ref_id`, `body` a note),
/// `recusal` (ACC-28: `person_id` the investigator stepping aside, `ref_id` the replacement, `body` the reason).
public final class AccountabilityEntryRecord: Model, @unchecked Sendable {
    public static let schema = "accountability_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "body") public var body: String
    @OptionalField(key: "solution") public var solution: String?
    @OptionalField(key: "contingency_plan") public var contingencyPlan: String?
    @OptionalField(key: "qualifier") public var qualifier: String?
    @OptionalField(key: "ref_id") public var refID: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(caseID: UUID, kind: String, personID: UUID?, authorID: UUID, body: String, qualifier: String? = nil, refID: UUID? = nil,
                solution: String? = nil, contingencyPlan: String? = nil, at: Date) {
        id = RowIDs.next(at: at); self.caseID = caseID; self.kind = kind; self.personID = personID; self.authorID = authorID; self.body = body
        self.qualifier = qualifier; self.refID = refID; self.solution = solution; self.contingencyPlan = contingencyPlan; createdAt = at
    }
}
