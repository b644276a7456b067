import Foundation

/// LV-07 / LV-16: who decides a leave request. One function for both moments — the form shows the chain
/// before the person submits, and filing starts exactly that chain — so what the form promises is what happens.
public enum LeaveApprovalChain {
    /// LV-07: by length in days (`leave.approval_by_days`).
    public static let byDaysRule = "leave.approval_by_days"
    /// LV-16: official business and study (`leave.official_business_approver`).
    public static let officialRule = "leave.official_business_approver"

    public static func chain(rules: LeaveRules, type: LeaveType, days: Decimal) -> ApprovalChain {
        if type.isOfficial {
            return ApprovalChain(steps: [ApprovalStepSpec(role: rules.officialBusinessApprover)], ruleKey: officialRule)
        }
        return ApprovalChain(steps: [ApprovalStepSpec(role: rules.approvalRole(forDays: days))], ruleKey: byDaysRule)
    }

    /// The band of `leave.approval_by_days` that chose the approver, so the rule can be said in words
    /// ("一天及以内由客服部主任审批"); nil for official business and study, which have no bands.
    public static func band(rules: LeaveRules, type: LeaveType, days: Decimal) -> ApprovalBand? {
        type.isOfficial ? nil : rules.approvalByDays.band(for: days)
    }
}
