extension RulebookSchema {
    static let complaints: [RulebookField] = [
        key("dispatch_within", .duration, ["CMP-22", "ORG-10"], "A complaint ticket is dispatched within (from acceptance)",
            "投诉单受理后派发时限（60分钟内派发）"),
        key("report_within", .duration, ["CMP-15"], "Report to the VP in charge within, after investigation and handling",
            "调查处理后向分管副总经理报告的时限（三天内）"),
        key("report_to", .role, ["CMP-15", "CMP-17"], "Who receives the investigation report", "调查报告呈报对象（分管副总经理）"),
        key("close_within", .duration, ["CMP-30"], "A complaint form is closed within (from acceptance)",
            "客户投诉处理表结案时限（受理起六日内结案）"),
        key("step_deadlines", .record(ComplaintRules.Step.allCases.map { RulebookField(name: $0.rawValue, shape: .duration) }),
            ["CMP-31", "CMP-14"], "Deadline of each department's step in the complaint flow (values are suggestions)",
            "投诉处理流程中各部门环节的处理期限（建议值）"),
        key("approval_bands", .bands(unit: "settlement amount in yuan"), ["CMP-32", "CMP-18"],
            "Who approves a complaint settlement, by amount (yuan)", "客户投诉金额核决权限（按金额，元）"),
        key("severity_routing", .record(ComplaintRules.Severity.allCases.map { RulebookField(name: $0.rawValue, shape: .role) }),
            ["CMP-29", "CMP-27", "ESC-11", "SAT-07"], "Who handles a complaint by severity (general / important / major)",
            "按严重程度的投诉处理人（一般 / 重要 / 重大·特别严重）"),
        key("monthly_review_day", .integer(1...28), ["CMP-40"],
            "The GM office reviews last month's closed complaints by this day of the month",
            "总经理办公室每月该日前审视上月结案的投诉"),
        key("loss_bases", .list(.text, minimumCount: 1, unique: true), ["CMP-17"],
            "Entries of the loss-amount calculation standard (客户投诉损失金额核算基准)", "客户投诉损失金额核算基准的条目"),
        key("penalty_types", .list(.choice(ComplaintPenaltyType.allCases.map(\.rawValue)), minimumCount: 1, unique: true),
            ["CMP-17", "CMP-41", "CMP-42"], "Individual penalty types of the complaint deduction standard (客户投诉罚扣的判定基准)",
            "客户投诉罚扣的判定基准：个人惩处种类"),
        key("petition_to", .role, ["CMP-20"], "Who receives the petition when the customer objects to a complaint found not established",
            "投诉不成立而客户有异议时签呈的上级"),
        key("slip_approver", .role, ["CMP-36", "CMP-37"], "Who countersigns the discount certificate and approves the return slip",
            "销货折扣证明单核签、产品退货单核示（销售副总经理）"),
        key("deduction_approver", .role, ["CMP-42"], "Who approves a reward/penalty notice (奖罚通知单)", "奖罚通知单核准人（总经理）"),
    ]

    static let returnVisits: [RulebookField] = [
        key("due_within", .duration, ["RTV-01", "RTV-10", "RTV-11"], "A return visit is made within (from the department's result)",
            "回访时限（72小时内）"),
        key("max_attempts", .integer(3...5), ["RTV-03"], "Failed attempts after which a visit may be closed as unreachable (3–5)",
            "联系不上可结案的尝试次数（3—5次）"),
        key("coverage", .choice(ReturnVisitRules.Coverage.allCases.map(\.rawValue)), ["RTV-08", "RTV-11"],
            "Which resolved cases get a return visit (member customers always do)", "回访范围（会员客户始终100%回访）"),
        key("target_rate_percent", .integer(1...100), ["RTV-02", "RTV-08"], "Return-visit rate target", "回访率目标"),
        key("do_not_call", .workSpans, ["RTV-07"], "Customer rest times when no return visit is scheduled",
            "避免在客户休息时间回访的时段"),
        key("unresolved_feedback_to", .role, ["RTV-04"], "Who receives written feedback on unresolved or escalated visits",
            "问题未解决或升级投诉时书面反馈的对象"),
    ]

    static let surveys: [RulebookField] = [
        key("scale", .choice(SurveyRules.Scale.allCases.map(\.rawValue)), ["SAT-06", "SAT-11", "RTV-12"],
            "Satisfaction scale of surveys and return visits", "满意度等级（非常满意/满意/一般/较差）"),
        key("link_valid_for", .duration, ["SAT-04"], "How long a customer's one-time survey link stays valid", "客户意见调查链接有效期"),
        key("serious_to", .role, ["SAT-07"], "Who receives an especially serious opinion at once", "特别严重的意见立即呈送（副总经理）"),
        key("general_to", .role, ["SAT-08"], "Who handles a general opinion for the CS department", "一般性质的意见由客服部酌情处理"),
    ]
}
