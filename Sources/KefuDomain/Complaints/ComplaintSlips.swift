import Foundation

/// After closure (CMP-35..39): the 销货折扣证明单 and the 产品退货单.
public enum ComplaintSlipKind: String, CaseIterable, Codable, Sendable {
    /// 销货折扣证明单 — for a discount or compensation (CMP-36).
    case discount
    /// 产品退货单 — for a return or reprocessing (CMP-37).
    case returnGoods = "return"

    /// The slip the approved settlement method calls for.
    public static func forMethod(_ method: ComplaintSettlementMethod) -> ComplaintSlipKind? {
        switch method {
        case .discount, .compensation: .discount
        case .returnGoods, .reprocess: .returnGoods
        case .notEstablished: nil
        }
    }
}

/// pending_approval → approved → (discount) customer_signed → booked; (return) received → booked.
public enum ComplaintSlipState: String, CaseIterable, Codable, Sendable {
    case pendingApproval = "pending_approval"
    case approved, rejected
    case customerSigned = "customer_signed"
    case received, booked
}

/// CMP-38 / CMP-39: the warehouse signs for what actually came back; finance books only when the
/// approved quantity (第四联 of the complaint form) matches the returned quantity on the slip.
public enum ReturnReconciliation {
    public static let ruleKey = "complaints.return_reconciliation"

    /// The warehouse cannot receive more than was approved.
    public static func checkReceipt(received: Int, approved: Int) throws {
        guard received >= 0 else { throw DomainError.validation(fields: ["received_qty": "error.field.invalid_value"]) }
        guard received <= approved else {
            throw DomainError.ruleViolation(rule: ruleKey, reason: "rule.complaints.return_more_than_approved")
        }
    }

    /// Finance books the voucher (传票) only when the two quantities match.
    public static func checkBooking(approved: Int, received: Int?) throws {
        guard let received else { throw DomainError.ruleViolation(rule: ruleKey, reason: "rule.complaints.return_not_received") }
        guard received == approved else {
            throw DomainError.ruleViolation(rule: ruleKey, reason: "rule.complaints.return_quantity_mismatch")
        }
    }
}

/// CMP-40: which month a review covers and when it is due.
public enum ComplaintReviewCalendar {
    /// The month before `today`'s, as "YYYY-MM", with its first day and the first day of `today`'s month.
    public static func previousMonth(of today: LocalDate) -> (label: String, first: LocalDate, next: LocalDate) {
        let year = today.month == 1 ? today.year - 1 : today.year
        let month = today.month == 1 ? 12 : today.month - 1
        return (String(format: "%04d-%02d", year, month), LocalDate(year: year, month: month, day: 1),
                LocalDate(year: today.year, month: today.month, day: 1))
    }

    /// The review of last month is due by `day` of `today`'s month (CMP-40: 每月10日前).
    public static func dueDate(of today: LocalDate, day: Int) -> LocalDate {
        LocalDate(year: today.year, month: today.month, day: min(max(day, 1), 28))
    }
}
