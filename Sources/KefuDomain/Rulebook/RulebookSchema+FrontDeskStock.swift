import Foundation

/// Mail room (FDM) and office supplies (FDS) keys; kept apart from `front_desk` so each section has one file.
extension RulebookSchema {
    static let mailRoom: [RulebookField] = [
        key("uncollected_after", .duration, ["FDM-06"], "An incoming item uncollected this long is listed for clearance",
            "快递/邮件超过该时间未领取即列入清理（过期未领取）"),
        key("allow_delegation", .boolean, ["FDM-05"], "A recipient may name a colleague to collect for them",
            "收件人可指定同事代领"),
    ]

    static let supplies: [RulebookField] = [
        key("admin_department_kind", .choice(DepartmentKind.allCases.map(\.rawValue)), ["FDS-03", "FDS-06", "FDS-07"],
            "The administrative department (行政部門) whose head approves supplies", "行政部门（其负责人审批办公用品）"),
        key("requisition_approver", .role, ["FDS-03"], "Who approves a supplies requisition, in the administrative department",
            "办公用品领用申请的审批角色（行政部门负责人）"),
        key("purchase_reviewer", .role, ["FDS-07"], "Who reviews a purchase request first, in the administrative department",
            "办公用品采购申请的审核角色（行政部门负责人）"),
        key("purchase_approver", .role, ["FDS-07"], "Company leadership's role that approves a purchase request",
            "办公用品采购申请的审批角色（公司领导）"),
        key("stocktake_every", .duration, ["FDS-06"], "How often office supplies are counted", "办公用品定期盘点的周期"),
        key("variance_report_to", .role, ["FDS-06"], "Who hears of a stocktake variance, in the administrative department",
            "盘点差异上报的角色（行政部门）"),
        key("low_stock_notify", .list(.role, minimumCount: 1, unique: true), ["FDS-01"],
            "Roles told when an item falls below its minimum stock", "库存低于最低库存时通知的角色"),
    ]
}
