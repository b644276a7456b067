import Foundation
import KefuDomain

/// API.md "Complaints": the `complaint` object of `POST /cases`.
package struct ComplaintFormRequest: Codable, Sendable {
    package let category: ComplaintCategory
    package let cause: String?
    package let orderNo: String?
    package let batchNo: String?
    package let shippedOn: String?
    package let defectiveQty: Int?
    package let customerRequest: String
    package let claimAmount: MoneyInput?
    package let severity: ComplaintRules.Severity?
    package var specQuantity: String? = nil
    package var sampleReceived: Bool? = nil
    package var sampleLocation: String? = nil
    package var marketingOpinion: String? = nil

    package init(category: ComplaintCategory, cause: String?, orderNo: String?, batchNo: String?, shippedOn: String?, defectiveQty: Int?, customerRequest: String, claimAmount: MoneyInput?, severity: ComplaintRules.Severity?, specQuantity: String? = nil, sampleReceived: Bool? = nil, sampleLocation: String? = nil, marketingOpinion: String? = nil) {
        self.category = category
        self.cause = cause
        self.orderNo = orderNo
        self.batchNo = batchNo
        self.shippedOn = shippedOn
        self.defectiveQty = defectiveQty
        self.customerRequest = customerRequest
        self.claimAmount = claimAmount
        self.severity = severity
        self.specQuantity = specQuantity
        self.sampleReceived = sampleReceived
        self.sampleLocation = sampleLocation
        self.marketingOpinion = marketingOpinion
    }

    package enum CodingKeys: String, CodingKey {
        case category, cause, severity
        case orderNo = "order_no", batchNo = "batch_no", shippedOn = "shipped_on", defectiveQty = "defective_qty"
        case customerRequest = "customer_request", claimAmount = "claim_amount", specQuantity = "spec_quantity"
        case sampleReceived = "sample_received", sampleLocation = "sample_location", marketingOpinion = "marketing_opinion"
    }

    package func encode(to encoder: any Encoder) throws {}
}

/// `POST /cases/{id}/complaint/decision`.
package struct ComplaintDecisionRequest: Codable, Sendable {
    package let method: ComplaintSettlementMethod
    package let amount: MoneyInput
    package let responsibleDepartmentID: UUID?
    package let trackImprovement: Bool?
    package let reason: String
    /// CMP-38: the approved return quantity: required for a return or reprocessing, refused for any other method
    /// (nothing is filled in for the person).
    package var returnQty: Int? = nil

    package init(method: ComplaintSettlementMethod, amount: MoneyInput, responsibleDepartmentID: UUID?, trackImprovement: Bool?, reason: String, returnQty: Int? = nil) {
        self.method = method
        self.amount = amount
        self.responsibleDepartmentID = responsibleDepartmentID
        self.trackImprovement = trackImprovement
        self.reason = reason
        self.returnQty = returnQty
    }

    package enum CodingKeys: String, CodingKey {
        case method, amount, reason
        case responsibleDepartmentID = "responsible_department_id", trackImprovement = "track_improvement", returnQty = "return_qty"
    }

    package func encode(to encoder: any Encoder) throws {}
}
