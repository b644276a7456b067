import Foundation

/// CMP-32 客户投诉金额核决权限: one step whose role follows `complaints.approval_bands`
/// (default: below 1000 → sales_manager, 1000–5000 inclusive → vp, above 5000 → gm).
/// The first chain function plugged into the approvals engine; the complaints module calls it.
public enum ComplaintSettlementChain {
    public static let ruleKey = "complaints.approval_bands"

    public static func chain(rulebook: Rulebook, amount: Decimal) -> ApprovalChain {
        ApprovalChain(steps: [ApprovalStepSpec(role: rulebook.complaints.approvalRole(forAmount: amount))],
                      ruleKey: ruleKey)
    }
}
