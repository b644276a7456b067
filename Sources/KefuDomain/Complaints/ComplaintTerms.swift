import Foundation

/// CMP-04: a complaint is about quality (质量) or not (非质量: transport, handling …).
public enum ComplaintCategory: String, CaseIterable, Codable, Sendable {
    case quality
    case nonQuality = "non_quality"
}

/// CMP-18 / API.md: how a complaint is settled.
public enum ComplaintSettlementMethod: String, CaseIterable, Codable, Sendable {
    case discount, compensation
    case returnGoods = "return"
    case reprocess
    case notEstablished = "not_established"
}

/// The settlement decision's approval state (none until a decision is posted).
public enum ComplaintDecisionState: String, CaseIterable, Codable, Sendable {
    case none, pending, approved, rejected, withdrawn
}

extension ComplaintSettlementMethod {
    /// CMP-37 / CMP-38: only a return or a reprocessing has an approved return quantity (核定的退货量, 第四联);
    /// a discount, a compensation (赔款) or "not established" returns nothing.
    public var takesReturnQuantity: Bool { self == .returnGoods || self == .reprocess }

    /// The approved return quantity a decision records: the one the person entered, never one made up.
    /// A return or reprocessing needs it; any other method refuses one.
    public func approvedReturnQuantity(_ entered: Int?) throws -> Int? {
        if takesReturnQuantity {
            guard let entered else { throw DomainError.validation(fields: ["return_qty": "error.complaint.return_qty_required"]) }
            return entered
        }
        guard entered == nil else { throw DomainError.validation(fields: ["return_qty": "error.complaint.return_qty_not_for_method"]) }
        return nil
    }
}
