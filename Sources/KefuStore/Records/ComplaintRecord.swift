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

    public init() {}

    public static func find(caseID: UUID, on db: any Database) async throws -> ComplaintRecord? {
        try await ComplaintRecord.query(on: db).filter(\.$caseID == caseID).first()
    }

    public static func find(approvalID: UUID, on db: any Database) async throws -> ComplaintRecord? {
        try await ComplaintRecord.query(on: db).filter(\.$approvalID == approvalID).first()
    }
}
