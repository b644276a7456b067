import Foundation

extension RulebookSchema {
    static let cases: [RulebookField] = [
        key("first_response_within", .duration, ["CHN-19", "CHN-22"], "First reply to the customer within (from creation)",
            "首次回复客户时限（受理起）"),
        key("dispatch_within", .duration, ["CHN-13", "CHN-20"], "A case is dispatched (assigned) within — the source gives no value",
            "工单派发时限（在时限内准确输入用户需求并及时派发）"),
        key("resolve_within", .record(CasePriority.allCases.map { RulebookField(name: $0.rawValue, shape: .duration) }),
            ["CHN-19", "CHN-22"], "A case is resolved within, per priority", "按优先级的工单解决时限"),
        key("appointment_remind_before", .duration, ["CHN-21"], "Remind the assignee before an appointment with the customer",
            "约定客户到期前提醒（不能让客户打电话催办）"),
        key("backlog_after", .duration, ["CHN-14"], "An open case untouched this long counts as backlog (工单滞留)",
            "工单无进展超过该时长计为工单滞留"),
        key("attachment_max_bytes", .integer(1_024...104_857_600), ["CHN-01"], "Largest attachment accepted (bytes)", "附件大小上限（字节）"),
        key("customer_tiers", .list(.text, minimumCount: 1, unique: true), ["ORD-02"],
            "Customer tiers of the classification standard (most important first)", "客户分类管理标准的客户等级（由高到低）"),
        key("priority_tiers", .list(.text, minimumCount: 0, unique: true), ["ORD-02"],
            "Tiers whose cases start at high priority (重点对待)", "工单自动提升为高优先级的客户等级（大客户重点对待）"),
    ]

    static let service: [RulebookField] = [
        key("low_fee_threshold", .decimal(minimum: 0), ["SRV-06", "SRV-07"],
            "A paid service fee up to this amount (yuan) is collected on site; above it finance invoices",
            "有偿服务费用不超过该金额（元）时现场收费，否则由财务部开票另行收费"),
        key("offsite_approver", .role, ["SRV-11"], "Who approves an off-site service application", "异地服务申请单的核准人"),
        key("dispatcher", .role, ["SRV-03", "SRV-10"], "Who dispatches service jobs (派工)", "派工人（部门经理）"),
    ]
}
