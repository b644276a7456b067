import Foundation

/// Who approves office supplies (FDS-03, FDS-07), from the rulebook and the administrative department.
public enum SupplyChains {
    /// FDS-03: one step — the administrative department's head signs the requisition.
    public static func requisition(_ rules: SupplyRules, adminDepartmentID: UUID?) -> ApprovalChain {
        ApprovalChain(steps: [ApprovalStepSpec(role: rules.requisitionApprover, departmentID: adminDepartmentID)],
                      ruleKey: "supplies.requisition_approver")
    }

    /// FDS-07: the administrative head reviews, then company leadership approves.
    public static func purchase(_ rules: SupplyRules, adminDepartmentID: UUID?) -> ApprovalChain {
        ApprovalChain(steps: [ApprovalStepSpec(role: rules.purchaseReviewer, departmentID: adminDepartmentID),
                              ApprovalStepSpec(role: rules.purchaseApprover)],
                      ruleKey: "supplies.purchase_approver")
    }

    /// FDS-06: counted − book for each line; a line with a variance needs an explanation.
    public static func variance(book: Int, counted: Int) -> Int { counted - book }
}
