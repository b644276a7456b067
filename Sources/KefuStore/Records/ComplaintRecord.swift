import FluentKit
import Foundation

/// The complaint form of a complaint case. Amounts are decimal strings ("3000.00").
public final class ComplaintRecord: Model, @unchecked Sendable {
    public static let schema = "complaints"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "category") public var category: String
    @OptionalField(key: "cause") public var cause: String?
    @OptionalField(key: "order_no") public var orderNo: String?
    @OptionalField(key: "batch_no") public var batchNo: String?
    @OptionalField(key: "shipped_on") public var shippedOn: String?
    @OptionalField(key: "defective_qty") public var defectiveQuantity: Int?
    @Field(key: "customer_request") public var customerRequest: String
    @OptionalField(key: "claim_amount") public var claimAmount: String?
    @Field(key: "severity") public var severity: String
    @OptionalField(key: "decision_method") public var decisionMethod: String?
    @OptionalField(key: "decision_amount") public var decisionAmount: String?
    @OptionalField(key: "decision_reason") public var decisionReason: String?
    @OptionalField(key: "responsible_department_id") public var responsibleDepartmentID: UUID?
    @OptionalField(key: "track_improvement") public var trackImprovement: Bool?
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @Field(key: "decision_state") public var decisionState: String
    @OptionalField(key: "refiled_from_id") public var refiledFromID: UUID?
    @Field(key: "version") public var version: Int
    // CMP-12/13: the rest of the form.
    @OptionalField(key: "spec_quantity") public var specQuantity: String?
    @OptionalField(key: "sample_received") public var sampleReceived: Bool?
    @OptionalField(key: "sample_location") public var sampleLocation: String?
    @OptionalField(key: "marketing_opinion") public var marketingOpinion: String?
    /// CMP-24: when the customer hears from us next about an unresolved complaint.
    @OptionalField(key: "next_reply_at") public var nextReplyAt: Date?
    // CMP-16/17: responsibility and loss.
    @OptionalField(key: "fault") public var fault: String?
    @OptionalField(key: "loss_basis") public var lossBasis: String?
    @OptionalField(key: "loss_amount") public var lossAmount: String?
    @OptionalField(key: "penalty_type") public var penaltyType: String?
    @OptionalField(key: "penalty_person_id") public var penaltyPersonID: UUID?
    /// CMP-38: the approved return quantity (第四联).
    @OptionalField(key: "return_qty") public var returnQuantity: Int?
    // CMP-15: the report to the VP in charge and the VP's instruction.
    @OptionalField(key: "report_text") public var reportText: String?
    @OptionalField(key: "report_at") public var reportAt: Date?
    @OptionalField(key: "report_by") public var reportBy: String?
    @OptionalField(key: "instruction_text") public var instructionText: String?
    @OptionalField(key: "instructed_at") public var instructedAt: Date?
    @OptionalField(key: "instructed_by") public var instructedBy: String?
    // CMP-18/19/25: the answer given to the customer (by letter or phone, never the form itself).
    @OptionalField(key: "reply_channel") public var replyChannel: String?
    @OptionalField(key: "reply_text") public var replyText: String?
    @OptionalField(key: "replied_at") public var repliedAt: Date?
    // CMP-20: the customer objects to "not established" — a petition (签呈) to the superior.
    @OptionalField(key: "petition_text") public var petitionText: String?
    @OptionalField(key: "petition_approval_id") public var petitionApprovalID: UUID?

    public init() {}

    public static func find(caseID: UUID, on db: any Database) async throws -> ComplaintRecord? {
        try await ComplaintRecord.query(on: db).filter(\.$caseID == caseID).first()
    }

    public static func find(approvalID: UUID, on db: any Database) async throws -> ComplaintRecord? {
        try await ComplaintRecord.query(on: db).filter(\.$approvalID == approvalID).first()
    }

    public static func find(petitionApprovalID: UUID, on db: any Database) async throws -> ComplaintRecord? {
        try await ComplaintRecord.query(on: db).filter(\.$petitionApprovalID == petitionApprovalID).first()
    }

    /// The forms of a page of cases (bounded by the page size).
    public static func forCases(_ ids: [UUID], on db: any Database) async throws -> [UUID: ComplaintRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await ComplaintRecord.query(on: db).filter(\.$caseID ~~ ids).all()
        return Dictionary(rows.map { ($0.caseID, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
