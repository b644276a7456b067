import Foundation
import KefuDomain
import KefuStore
import Vapor

/// API.md "Complaints": the `complaint` object of `POST /cases`.
struct ComplaintFormRequest: Content {
    let category: ComplaintCategory
    let cause: String?
    let orderNo: String?
    let batchNo: String?
    let shippedOn: String?
    let defectiveQty: Int?
    let customerRequest: String
    let claimAmount: MoneyInput?
    let severity: ComplaintRules.Severity?
    var specQuantity: String? = nil
    var sampleReceived: Bool? = nil
    var sampleLocation: String? = nil
    var marketingOpinion: String? = nil

    enum CodingKeys: String, CodingKey {
        case category, cause, severity
        case orderNo = "order_no", batchNo = "batch_no", shippedOn = "shipped_on", defectiveQty = "defective_qty"
        case customerRequest = "customer_request", claimAmount = "claim_amount", specQuantity = "spec_quantity"
        case sampleReceived = "sample_received", sampleLocation = "sample_location", marketingOpinion = "marketing_opinion"
    }

    func encode(to encoder: any Encoder) throws {}
}

/// `POST /cases/{id}/complaint/decision`.
struct ComplaintDecisionRequest: Content {
    let method: ComplaintSettlementMethod
    let amount: MoneyInput
    let responsibleDepartmentID: UUID?
    let trackImprovement: Bool?
    let reason: String
    /// CMP-38: the approved return quantity for a return or reprocessing (defaults to the defective quantity).
    var returnQty: Int? = nil

    enum CodingKeys: String, CodingKey {
        case method, amount, reason
        case responsibleDepartmentID = "responsible_department_id", trackImprovement = "track_improvement", returnQty = "return_qty"
    }

    func encode(to encoder: any Encoder) throws {}
}

struct ComplaintResponse: Content {
    struct Decision: Content {
        let method: String, amount: String, reason: String?, approvalID: UUID?, state: String, rule: String

        enum CodingKeys: String, CodingKey {
            case method, amount, reason, state, rule
            case approvalID = "approval_id"
        }
    }

    let category: String, cause: String?, orderNo: String?, batchNo: String?, shippedOn: String?, defectiveQty: Int?
    let customerRequest: String, claimAmount: String?, severity: String, decision: Decision?, refiledFromID: UUID?

    enum CodingKeys: String, CodingKey {
        case category, cause, severity, decision
        case orderNo = "order_no", batchNo = "batch_no", shippedOn = "shipped_on", defectiveQty = "defective_qty"
        case customerRequest = "customer_request", claimAmount = "claim_amount", refiledFromID = "refiled_from_id"
    }

    init(_ r: ComplaintRecord) {
        category = r.category; cause = r.cause; orderNo = r.orderNo; batchNo = r.batchNo; shippedOn = r.shippedOn
        defectiveQty = r.defectiveQuantity; customerRequest = r.customerRequest; claimAmount = r.claimAmount; severity = r.severity
        refiledFromID = r.refiledFromID
        decision = r.decisionMethod.map {
            Decision(method: $0, amount: r.decisionAmount ?? "0.00", reason: r.decisionReason, approvalID: r.approvalID,
                     state: r.decisionState, rule: ComplaintSettlementChain.ruleKey)
        }
    }
}
