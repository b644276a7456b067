import Foundation

/// Front-desk office supplies (REQUIREMENTS §17.4 FDS): who approves, how often stock is counted, who hears
/// of variances and low stock.
public struct SupplyRules: Sendable, Equatable {
    /// FDS-03 / FDS-07: the department whose head (行政部門負責人) approves requisitions and reviews purchases.
    public var adminDepartmentKind: DepartmentKind
    /// FDS-03: the role that approves a requisition, within the administrative department.
    public var requisitionApprover: Role
    /// FDS-07: the role that reviews a purchase request first, within the administrative department.
    public var purchaseReviewer: Role
    /// FDS-07: company leadership's role that approves a purchase request after the review.
    public var purchaseApprover: Role
    /// FDS-06: how often stock is counted (定期盤點); the console shows a stocktake as due after this.
    public var stocktakeEvery: DurationSpec
    /// FDS-06: who hears of a stocktake variance (in the administrative department).
    public var varianceReportTo: Role
    /// Low-stock alerts: roles told when an item falls below its minimum stock.
    public var lowStockNotify: [Role]

    public init(adminDepartmentKind: DepartmentKind, requisitionApprover: Role, purchaseReviewer: Role, purchaseApprover: Role,
                stocktakeEvery: DurationSpec, varianceReportTo: Role, lowStockNotify: [Role]) {
        self.adminDepartmentKind = adminDepartmentKind; self.requisitionApprover = requisitionApprover
        self.purchaseReviewer = purchaseReviewer; self.purchaseApprover = purchaseApprover
        self.stocktakeEvery = stocktakeEvery; self.varianceReportTo = varianceReportTo; self.lowStockNotify = lowStockNotify
    }
}

extension SupplyRules {
    init(_ r: RulebookReader) throws {
        self.init(adminDepartmentKind: try r.at("admin_department_kind").choice(DepartmentKind.self),
                  requisitionApprover: try r.at("requisition_approver").role(),
                  purchaseReviewer: try r.at("purchase_reviewer").role(),
                  purchaseApprover: try r.at("purchase_approver").role(),
                  stocktakeEvery: try r.at("stocktake_every").duration(),
                  varianceReportTo: try r.at("variance_report_to").role(),
                  lowStockNotify: try r.at("low_stock_notify").list().map { try $0.role() })
    }
}
