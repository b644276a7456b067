import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor



struct ComplaintResponse: Content {
    struct Decision: Content {
        let method: String, amount: String, reason: String?, approvalID: UUID?, state: String, rule: String, returnQty: Int?

        enum CodingKeys: String, CodingKey {
            case method, amount, reason, state, rule
            case approvalID = "approval_id", returnQty = "return_qty"
        }
    }

    struct Responsibility: Content {
        let responsibleDepartmentID: UUID?, fault: String?, trackImprovement: Bool?, lossBasis: String?, lossAmount: String?
        let penaltyType: String?, penaltyPersonID: UUID?

        enum CodingKeys: String, CodingKey {
            case fault
            case responsibleDepartmentID = "responsible_department_id", trackImprovement = "track_improvement", lossBasis = "loss_basis"
            case lossAmount = "loss_amount", penaltyType = "penalty_type", penaltyPersonID = "penalty_person_id"
        }
    }

    struct Report: Content {
        let content: String, submittedAt: Date?, submittedBy: String?, instruction: String?, instructedAt: Date?, instructedBy: String?

        enum CodingKeys: String, CodingKey {
            case content, instruction
            case submittedAt = "submitted_at", submittedBy = "submitted_by", instructedAt = "instructed_at", instructedBy = "instructed_by"
        }
    }

    struct Reply: Content {
        let channel: String, content: String, repliedAt: Date?, nextReplyAt: Date?

        enum CodingKeys: String, CodingKey { case channel, content, repliedAt = "replied_at", nextReplyAt = "next_reply_at" }
    }

    let category: String, cause: String?, orderNo: String?, batchNo: String?, shippedOn: String?, defectiveQty: Int?
    let customerRequest: String, claimAmount: String?, severity: String, decision: Decision?, refiledFromID: UUID?
    let specQuantity: String?, sampleReceived: Bool?, sampleLocation: String?, marketingOpinion: String?, nextReplyAt: Date?
    let responsibility: Responsibility?, report: Report?, reply: Reply?, petitionApprovalID: UUID?, version: Int
    var tasks: [ComplaintTaskResponse] = []
    var slips: [ComplaintSlipResponse] = []

    enum CodingKeys: String, CodingKey {
        case category, cause, severity, decision, responsibility, report, reply, tasks, slips, version
        case orderNo = "order_no", batchNo = "batch_no", shippedOn = "shipped_on", defectiveQty = "defective_qty"
        case customerRequest = "customer_request", claimAmount = "claim_amount", refiledFromID = "refiled_from_id"
        case specQuantity = "spec_quantity", sampleReceived = "sample_received", sampleLocation = "sample_location"
        case marketingOpinion = "marketing_opinion", nextReplyAt = "next_reply_at", petitionApprovalID = "petition_approval_id"
    }

    init(_ r: ComplaintRecord) {
        category = r.category; cause = r.cause; orderNo = r.orderNo; batchNo = r.batchNo; shippedOn = r.shippedOn
        defectiveQty = r.defectiveQuantity; customerRequest = r.customerRequest; claimAmount = r.claimAmount; severity = r.severity
        refiledFromID = r.refiledFromID; specQuantity = r.specQuantity; sampleReceived = r.sampleReceived; sampleLocation = r.sampleLocation
        marketingOpinion = r.marketingOpinion; nextReplyAt = r.nextReplyAt; petitionApprovalID = r.petitionApprovalID; version = r.version
        decision = r.decisionMethod.map {
            Decision(method: $0, amount: r.decisionAmount ?? "0.00", reason: r.decisionReason, approvalID: r.approvalID,
                     state: r.decisionState, rule: ComplaintSettlementChain.ruleKey, returnQty: r.returnQuantity)
        }
        responsibility = r.fault == nil && r.responsibleDepartmentID == nil ? nil : Responsibility(
            responsibleDepartmentID: r.responsibleDepartmentID, fault: r.fault, trackImprovement: r.trackImprovement, lossBasis: r.lossBasis,
            lossAmount: r.lossAmount, penaltyType: r.penaltyType, penaltyPersonID: r.penaltyPersonID)
        report = r.reportText.map { Report(content: $0, submittedAt: r.reportAt, submittedBy: r.reportBy, instruction: r.instructionText,
                                           instructedAt: r.instructedAt, instructedBy: r.instructedBy) }
        reply = r.replyText.map { Reply(channel: r.replyChannel ?? "", content: $0, repliedAt: r.repliedAt, nextReplyAt: r.nextReplyAt) }
    }

    /// The form with its tasks and slips (single-case answers).
    static func full(_ r: ComplaintRecord, db: any Database) async throws -> ComplaintResponse {
        var response = ComplaintResponse(r)
        response.tasks = try await ComplaintTaskRecord.forCase(r.caseID, on: db).map(ComplaintTaskResponse.init)
        response.slips = try await ComplaintRepository(db: db).slips(caseID: r.caseID).map(ComplaintSlipResponse.init)
        return response
    }
}

struct ComplaintTaskResponse: Content {
    let id: UUID, caseID: UUID, kind: String, step: String, ownerDepartmentID: UUID, partner: String?, state: String, result: String?
    let dueAt: Date, createdBy: String, createdAt: Date, doneAt: Date?, doneBy: String?, version: Int

    enum CodingKeys: String, CodingKey {
        case id, kind, step, partner, state, result, version
        case caseID = "case_id", ownerDepartmentID = "owner_department_id", dueAt = "due_at", createdBy = "created_by"
        case createdAt = "created_at", doneAt = "done_at", doneBy = "done_by"
    }

    init(_ t: ComplaintTaskRecord) {
        id = t.id!; caseID = t.caseID; kind = t.kind; step = t.step; ownerDepartmentID = t.ownerDepartmentID; partner = t.partner
        state = t.state; result = t.result; dueAt = t.dueAt; createdBy = t.createdBy; createdAt = t.createdAt; doneAt = t.doneAt
        doneBy = t.doneBy; version = t.version
    }
}

struct ComplaintSlipResponse: Content {
    let id: UUID, caseID: UUID, kind: String, state: String, method: String, amount: String?, reason: String?, basis: String?
    let approvedQty: Int?, receivedQty: Int?, receivedBy: String?, receivedAt: Date?, customerSignedBy: String?, customerSignedAt: Date?
    let voucherNo: String?, bookedBy: String?, bookedAt: Date?, approvalID: UUID?, createdBy: String, createdAt: Date, version: Int

    enum CodingKeys: String, CodingKey {
        case id, kind, state, method, amount, reason, basis, version
        case caseID = "case_id", approvedQty = "approved_qty", receivedQty = "received_qty", receivedBy = "received_by"
        case receivedAt = "received_at", customerSignedBy = "customer_signed_by", customerSignedAt = "customer_signed_at"
        case voucherNo = "voucher_no", bookedBy = "booked_by", bookedAt = "booked_at", approvalID = "approval_id"
        case createdBy = "created_by", createdAt = "created_at"
    }

    init(_ s: ComplaintSlipRecord) {
        id = s.id!; caseID = s.caseID; kind = s.kind; state = s.state; method = s.method; amount = s.amount; reason = s.reason
        basis = s.basis; approvedQty = s.approvedQuantity; receivedQty = s.receivedQuantity; receivedBy = s.receivedBy
        receivedAt = s.receivedAt; customerSignedBy = s.customerSignedBy; customerSignedAt = s.customerSignedAt; voucherNo = s.voucherNo
        bookedBy = s.bookedBy; bookedAt = s.bookedAt; approvalID = s.approvalID; createdBy = s.createdBy; createdAt = s.createdAt
        version = s.version
    }
}

/// The use cases take these as plain values; the web reads them as request bodies.
extension ComplaintFormRequest: Content {}
extension ComplaintDecisionRequest: Content {}
