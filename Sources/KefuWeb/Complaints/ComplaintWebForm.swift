import Foundation
import KefuCore
import KefuDomain

/// The complaint fields of the new-case web form turned into the API's complaint object; a malformed
/// number is a field error on the form (`complaint_…`).
enum ComplaintWebForm {
    static func parse(_ form: CaseNewWebController.NewCaseForm) throws -> ComplaintFormRequest {
        var fields: [String: String] = [:]
        let category = ComplaintCategory(rawValue: form.complaintCategory ?? "")
        if category == nil { fields["complaint.category"] = "error.field.choice" }
        var quantity: Int?
        if let text = form.complaintDefectiveQty?.nilIfBlank {
            if let value = Int(text), InputLimits.quantity.contains(value) { quantity = value } else { fields["complaint.defective_qty"] = "error.field.out_of_range" }
        }
        var claim: MoneyInput?
        if let text = form.complaintClaimAmount?.nilIfBlank {
            if let value = money(text), value >= 0 { claim = MoneyInput(value: value) } else { fields["complaint.claim_amount"] = "error.field.money" }
        }
        let severity = form.complaintSeverity.flatMap(ComplaintRules.Severity.init(rawValue:))
        if form.complaintSeverity?.nilIfBlank != nil, severity == nil { fields["complaint.severity"] = "error.field.choice" }
        guard fields.isEmpty, let category else { throw DomainError.validation(fields: fields) }
        let sample = form.complaintSampleReceived != nil
        return ComplaintFormRequest(category: category, cause: form.complaintCause, orderNo: form.complaintOrderNo, batchNo: form.complaintBatchNo,
                                    shippedOn: form.complaintShippedOn?.nilIfBlank, defectiveQty: quantity, customerRequest: form.complaintRequest ?? "",
                                    claimAmount: claim, severity: severity, specQuantity: form.complaintSpecQuantity, sampleReceived: sample,
                                    sampleLocation: form.complaintSampleLocation, marketingOpinion: form.complaintMarketingOpinion)
    }

    /// "1280.5" → 1280.5; anything `Money.parse` refuses (letters, a sign, three decimals, too large) → nil.
    static func money(_ text: String) -> Decimal? { Money.parse(text) }
}
