import FluentKit
import Foundation

/// After closure (CMP-35..39): the 销货折扣证明单 (kind "discount") or the 产品退货单 (kind "return") of a
/// complaint case, with the sales VP's approval, the customer's signature, the warehouse receipt and the
/// finance booking. One of each kind per case.
public final class ComplaintSlipRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_slips"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "state") public var state: String
    @Field(key: "method") public var method: String
    @OptionalField(key: "amount") public var amount: String?
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "basis") public var basis: String?
    @OptionalField(key: "approved_qty") public var approvedQuantity: Int?
    @OptionalField(key: "received_qty") public var receivedQuantity: Int?
    @OptionalField(key: "received_by") public var receivedBy: String?
    @OptionalField(key: "received_at") public var receivedAt: Date?
    @OptionalField(key: "customer_signed_by") public var customerSignedBy: String?
    @OptionalField(key: "customer_signed_at") public var customerSignedAt: Date?
    @OptionalField(key: "voucher_no") public var voucherNo: String?
    @OptionalField(key: "booked_by") public var bookedBy: String?
    @OptionalField(key: "booked_at") public var bookedAt: Date?
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}

    public static func find(caseID: UUID, kind: String, on db: any Database) async throws -> ComplaintSlipRecord? {
        try await ComplaintSlipRecord.query(on: db).filter(\.$caseID == caseID).filter(\.$kind == kind).first()
    }

    public static func find(approvalID: UUID, on db: any Database) async throws -> ComplaintSlipRecord? {
        try await ComplaintSlipRecord.query(on: db).filter(\.$approvalID == approvalID).first()
    }
}
