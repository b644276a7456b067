import Foundation

extension RulebookSchema {
    static let leave: [RulebookField] = [
        key("approval_by_days", .bands(unit: "leave length in days"), ["LV-07", "LV-26", "LV-20"],
            "Who approves leave, by its length in days", "假期审批权限（按请假天数）"),
        section("notice", [
            key("general", .duration, ["LV-03", "LV-02", "LV-27"], "General personal leave is requested this long in advance",
                "一般事假提前提出的时间（提前一天）"),
            key("special_before_shift", .duration, ["LV-04"], "Special personal leave is requested this long before the shift",
                "特殊事假在班前提出的时间（班前一小时）"),
            key("night_shift_before", .clockTime, ["LV-13"], "Night-shift leave is requested before this time the same day",
                "夜班请假须在当日该时刻之前提出（十二点之前）"),
            key("holiday", .duration, ["LV-14"], "Leave on a public holiday is requested this long in advance",
                "节假日请假须提前的时间（提前二天）"),
        ]),
        key("holiday_leave", .choice(LeaveRules.HolidayLeave.allCases.map(\.rawValue)), ["LV-15", "LV-14"],
            "Leave on holiday duty: forbidden, or an exception with the holiday notice", "节假日当班请假：禁止，或提前二天的特例"),
        key("sick_certificate_from_days", .decimal(minimum: 0), ["LV-09", "LV-28", "LV-25"],
            "Sick leave of this many days or more needs a medical certificate", "病假达到该天数须医疗单位证明"),
        key("official_business_approver", .role, ["LV-16"], "Who approves leave for official business or study",
            "因公事及外出学习请假的审批人"),
    ]

    static let shiftSwap: [RulebookField] = [
        key("approver_role", .role, ["SWP-02", "SWP-09"], "Role that approves a swap", "换班审批角色（班长）"),
        key("both_parties_approve", .boolean, ["SWP-02"], "Both parties' team leaders must agree", "须双方班长同意"),
        key("max_per_month", .integer(0...31), ["SWP-03"], "Most swaps per person per month", "每人每月换班次数上限"),
        key("allow_consecutive", .boolean, ["SWP-04"], "Whether consecutive swaps are allowed", "是否允许连续换班"),
        key("allow_back_to_back", .boolean, ["SWP-05"], "Whether a swap may create back-to-back shifts", "换班者、还班者是否允许连班"),
        key("require_same_job_type", .boolean, ["SWP-06"], "Partners must do the same type of work", "须同工种"),
        key("max_grade_difference", .integer(0...4), ["SWP-06"], "Largest grade difference between partners (comparable level)",
            "双方职级最大相差级数（技术业务水平相当）"),
        key("allow_leave_on_swapped_shifts", .boolean, ["SWP-08"], "Whether leave may be taken on a swap or return shift",
            "换班和还班是否允许请假"),
        key("allow_holiday_duty_swap", .boolean, ["SWP-11", "LV-15"], "Whether holiday on-duty staff may swap",
            "节假日当班人员是否允许换班"),
    ]

    static let accountability: [RulebookField] = [
        key("appeal_within", .duration, ["ACC-10", "ACC-35"], "An accountability decision may be appealed within (from the decision)",
            "问责处理决定的申诉期限（自处理决定起3日内）"),
        key("appeal_to", .role, ["ACC-10"], "Who reviews an appeal", "申请复核的受理部门（人事行政部）"),
        key("appeal_suspends_decision", .boolean, ["ACC-35"], "Whether an appeal suspends the decision", "申诉期间是否停止执行决定"),
        key("sanctions", .list(.choice(AccountabilityRules.Sanction.allCases.map(\.rawValue)), minimumCount: 1, unique: true),
            ["ACC-07", "ACC-36"], "Sanctions a decision may impose", "可采用的问责方式"),
        key("sanctions_combinable", .boolean, ["ACC-36"], "Whether sanctions may be combined", "问责方式是否可合并使用"),
    ]

    static let knowledgeBase: [RulebookField] = [
        key("catalogs", .list(.choice(KBCatalog.allCases.map(\.rawValue)), minimumCount: 1, unique: true), ["KB-10", "KB-11"],
            "Knowledge-base catalogs in use", "知识库目录（信息库、业务知识库、百科知识库、生活专栏）"),
        key("notice_reader", .role, ["KB-07"], "Who reads a received business notice before editing starts", "业务通知单报阅人（报中心主任阅）"),
        key("confirm_by", .role, ["KB-05"], "Role in the issuing department that confirms the wording before publication",
            "统一口径发布前由下发文件部门的该角色确认"),
    ]

    static let staff: [RulebookField] = [
        key("typing_speed_chars_per_minute", .record(Grade.allCases.map { RulebookField(name: $0.rawValue, shape: nonNegative) }),
            ["ORG-11", "ORG-08", "ORG-09"], "Monthly Chinese typing test: characters per minute by grade",
            "每月汉字录入考核：各职级每分钟字数"),
    ]

    static let gradeShape = RulebookShape.record([
        RulebookField(name: "monthly_pay", shape: .decimal(minimum: 0)),
        RulebookField(name: "min_months_of_service", shape: nonNegative),
        RulebookField(name: "excellent_titles", shape: nonNegative),
        RulebookField(name: "quarterly_a_grades", shape: nonNegative),
    ])

    static let payGrades: [RulebookField] = [
        key("probation", gradeShape, ["PRM-17", "PRM-03", "PRM-14"], "New agent on probation (新客服)", "新员工（试用期）"),
        key("junior", gradeShape, ["PRM-17", "PRM-06"], "Junior agent (初级客服)", "初级客服"),
        key("intermediate", gradeShape, ["PRM-17", "PRM-08", "PRM-15"], "Intermediate agent (中级客服)", "中级客服"),
        key("senior", gradeShape, ["PRM-17", "PRM-10", "PRM-15"], "Senior agent (高级客服)", "高级客服"),
        key("reserve_supervisor", gradeShape, ["PRM-17", "PRM-12", "PRM-16"], "Reserve supervisor (储备主管)", "储备主管"),
    ]

    static let promotion: [RulebookField] = [
        key("top_rank", .integer(1...100), ["PRM-08", "PRM-10", "PRM-12"], "Monthly department ranking counted as \"top\"",
            "月度考评“前几名”的名次"),
        key("failed_months_before_dismissal", .integer(1...24), ["PRM-07"],
            "Consecutive failed monthly evaluations after which a junior agent may be dismissed", "连续几次月度考评不及格可辞退"),
        key("demotion_months_outside_top", .integer(1...24), ["PRM-09", "PRM-11"],
            "Monthly evaluations outside the top that demote an agent one grade", "未进前几名的月度考评次数（降级）"),
        key("demotion_quarterly_b_grades", .integer(1...8), ["PRM-09", "PRM-11"],
            "Quarterly B grades that demote an agent one grade", "季度考核获B等级的次数（降级）"),
        key("quarterly_grades", .list(.text, minimumCount: 2, unique: true), ["PRM-25"], "Quarterly grade scale, best first",
            "季度考核等级（由高到低）"),
    ]

    static let fineItem = RulebookShape.record([
        RulebookField(name: "name_zh", shape: .text),
        RulebookField(name: "amounts", shape: .list(.decimal(minimum: 0), minimumCount: 1, unique: false)),
        RulebookField(name: "after_last", shape: .choice(FineRules.Repeat.allCases.map(\.rawValue))),
    ])

    static let fines: [RulebookField] = [
        key("catalogue", .dictionary(fineItem, itemDocs: fineDocs), ["ATT-31", "ATT-27", "ATT-30"],
            "Violation catalogue: fine per occurrence in a month (yuan), then what happens past the list",
            "违规罚款目录：当月第几次的罚款金额（元），超出后的处理"),
        key("monthly_reset", .boolean, ["ATT-05"], "Occurrences are counted per month and do not carry over", "按月计算，跨月不累计"),
        key("paid_same_day", .boolean, ["ATT-05"], "Fines are paid the same day", "罚款当天交完"),
        key("violation_after_minutes", nonNegative, ["ATT-04", "ATT-27", "ATT-29"],
            "Late arrival or leaving the post this many minutes or more is a disciplinary violation", "迟到或脱岗达到该分钟数为违纪"),
        key("off_post_consent_after_minutes", nonNegative, ["ATT-03", "SHF-09"],
            "Leaving the post longer than this needs consent, else half a day of absenteeism", "脱岗超过该分钟数须同意，否则按旷工半日处理"),
        key("absenteeism_day_pay_multiple", .decimal(minimum: 0), ["ATT-07", "ATT-28"],
            "Absenteeism deducts this multiple of the day's base pay", "旷工扣当天底薪的倍数"),
        key("absence_days_before_resignation", nonNegative, ["ATT-07"],
            "More than this many days of absenteeism counts as resignation", "旷工超过该天数按自动辞职处理"),
        key("informant_reward", .decimal(minimum: 0), ["ATT-17"], "Reward for reporting misconduct (yuan)", "检举不良行为者奖励（元）"),
    ]

    static let weekdays = RulebookShape.choice(Weekday.allCases.map(\.key))

    static let meetings: [RulebookField] = [
        key("leave_notice_minutes", nonNegative, ["MTG-14"], "Leave from a meeting is requested at least this many minutes before it starts",
            "会议请假须在会议开始前多少分钟提出"),
        key("daily_at", .clockTime, ["MTG-03", "MTG-10"], "The daily meeting starts at", "每日班前会开始时间"),
        key("weekly_on", weekdays, ["MTG-01"], "Weekday of the weekly shift-affairs meeting (班务会)", "每周班务会的星期"),
        key("monthly_on", weekdays, ["MTG-02"], "Weekday of the monthly agents' meeting", "每月业务代表会议的星期"),
        key("monthly_before_day", .integer(2...31), ["MTG-02"], "The monthly agents' meeting is held before this day of the month",
            "每月业务代表会议在该日之前召开"),
        key("meeting_at", .clockTime, ["MTG-01", "MTG-02"], "Default start of the weekly, monthly and summary meetings",
            "班务会、业务代表会议和总结会的默认开始时间"),
    ]

    static let fineDocs: [String: RulebookKeyDoc] = [
        "late_or_early": RulebookKeyDoc(["ATT-05", "ATT-27", "ATT-06"], "Late arrival or early departure", "迟到、早退"),
        "private_landline_call": RulebookKeyDoc(["ATT-10", "ATT-30"], "Private call on the company landline", "用公司座机打私人电话"),
        "chatting": RulebookKeyDoc(["ATT-14", "ATT-30"], "Chatting without reason during work", "上班时间无故聊天"),
        "careless_details": RulebookKeyDoc(["ATT-15", "ATT-31"], "Careless details at the desk", "细节不到位"),
        "registration_error": RulebookKeyDoc(["ATT-16"], "Wrong, non-standard or forgotten registration", "信息登记错误、不规范或忘记登记"),
        "personal_leave_on_shift": RulebookKeyDoc(["LV-24"], "Personal leave on a normal shift", "正常班次请事假"),
        "appearance": RulebookKeyDoc(["ATT-22", "ATT-31"], "Appearance breach at the pre-shift check", "仪容仪表违规"),
        "uniform_outside": RulebookKeyDoc(["ATT-21", "ATT-31"], "Uniform worn outside or in the canteen", "穿工作服外出或进食堂"),
        "rule_breach": RulebookKeyDoc(["ATT-23", "ATT-31"], "Breach of the staff handbook or department rules", "违反员工手册或部门规定"),
    ]

    static let attendance: [RulebookField] = [
        key("early_arrival_minutes", .integer(0...120), ["SHF-01", "SHF-07", "SHF-15"],
            "Staff sign in this many minutes before the shift starts", "提前到岗的分钟数（提前10分钟到岗）"),
        key("off_post_approvers", .list(.role, minimumCount: 1, unique: true), ["SHF-09", "SHF-10"],
            "Roles that approve leaving the post (the leader on duty)", "批准离岗的角色（当班班长/值班长）"),
        key("handover_override_by", .list(.role, minimumCount: 1, unique: true), ["SHF-04"],
            "Roles that may close a shift before the incoming person acknowledges, with a reason",
            "接班人未确认时可凭理由结束交班的角色"),
    ]
}
