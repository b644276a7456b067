import Foundation

/// The one declaration of every rulebook key: its type, its rule IDs and its meaning. It drives
/// unknown-key rejection, type checking, the canonical form (version) and the admin view (`Rulebook.entries`).
/// The typed `Rulebook` is built from a tree this schema has accepted.
enum RulebookSchema {
    static let root = RulebookShape.record([
        section("organization", organization),
        section("calendar", calendar),
        section("numbering", numbering),
        section("deadlines", deadlines),
        section("escalation", escalation),
        section("cases", cases),
        section("service", service),
        section("complaints", complaints),
        section("return_visits", returnVisits),
        section("surveys", surveys),
        section("leave", leave),
        section("shift_swap", shiftSwap),
        section("accountability", accountability),
        section("quality", quality),
        section("knowledge_base", knowledgeBase),
        section("reports", reports),
        section("staff", staff),
        section("pay_grades", payGrades),
        section("promotion", promotion),
        section("evaluation", evaluation),
        section("fines", fines),
        section("meetings", meetings),
        section("attendance", attendance),
        section("front_desk", frontDesk),
        section("notices", notices),
        section("notifications", notifications),
        section("meeting_rooms", meetingRooms),
        section("mail_room", mailRoom),
        section("supplies", supplies),
        section("governance", governance),
        section("chat", chat),
        section("hospital", hospital),
        section("upward_reports", upwardReports),
        section("duties", duties), section("safety", safety),
    ])

    /// A documented key.
    static func key(_ name: String, _ shape: RulebookShape, _ ruleIDs: [String], _ summary: String, _ summaryZh: String,
                    required: Bool = true) -> RulebookField {
        RulebookField(name: name, shape: shape, doc: RulebookKeyDoc(ruleIDs, summary, summaryZh), required: required)
    }

    /// An undocumented map of keys (a section or sub-section).
    static func section(_ name: String, _ fields: [RulebookField]) -> RulebookField {
        RulebookField(name: name, shape: .record(fields))
    }

    static let nonNegative = RulebookShape.integer(0...Int.max)

    static let organization: [RulebookField] = [
        key("name", .text, ["PHR-01", "GOV-01"], "Organization name used in greetings and printed forms",
            "机构名称（用于问候语和打印表单）"),
        key("interpreted_by", .text, ["GOV-01"], "Body that interprets this rulebook", "本制度的解释部门"),
        key("effective_from", .date, ["GOV-02"], "Date from which this rulebook applies (one date)", "本制度的生效日期"),
        key("time_zone", .timeZone, [], "Time zone of all deadlines and dates (ARCHITECTURE §3)", "所有时限和日期使用的时区"),
    ]

    static let calendar: [RulebookField] = [
        key("week", .record(Weekday.allCases.map {
            RulebookField(name: $0.key, shape: .workSpans, required: false)
        }), ["SHF-15", "SHF-16", "SHF-18"], "Work spans per weekday (a gap is the lunch break; no spans = rest day)",
            "每周各工作日的上班时段（时段之间的空档为午休；无时段为休息日）"),
        key("holidays", .dates, ["SHF-16", "LV-14", "SWP-11"], "Public holidays: no business time",
            "法定节假日：不计工作时间"),
        key("make_up_workdays", .dates, ["SHF-16"], "调休 make-up working days (worked with Monday's spans)",
            "调休补班日（按周一时段上班）"),
    ]

    static let caseTypes = ["consultation", "query", "complaint", "suggestion", "fault_report", "service_request",
                            "proactive", "tariff_dispute", "redemption", "other"]

    static let numbering: [RulebookField] = [
        key("pattern", .numberPattern, ["CMP-02", "CMP-01"], "Case number pattern; the sequence restarts daily per prefix",
            "工单/客诉表单编号规则；序号按前缀每日重新计数"),
        key("prefixes", .record(caseTypes.map { RulebookField(name: $0, shape: .text) }), ["CMP-02", "CHN-07"],
            "Number prefix per case type", "各工单类型的编号前缀"),
    ]

    static let deadlines: [RulebookField] = [
        key("warn_at_percent", .integer(1...99), ["CMP-33", "CHN-21"],
            "Warn when this share of a deadline has passed", "时限过去该百分比时发出预警"),
        key("scan_interval_seconds", .integer(5...3600), ["CMP-33"], "How often the deadline scanner runs",
            "时限扫描间隔（秒）"),
        key("chat_first_response_within", .duration, ["CHN-16"], "Online customers get a first response within",
            "网络客服首次响应时限（60秒响应）"),
    ]

    static let escalation: [RulebookField] = [
        key("chain", .list(.role, minimumCount: 2, unique: true), ["ESC-13", "ESC-06", "ESC-08", "ESC-10"],
            "Escalation hierarchy, lowest first; a case goes one level up at a time",
            "逐级上报的层级（由低到高）"),
    ]

    static let frontDesk: [RulebookField] = [
        key("badge_pool", .ordered(.record([
            RulebookField(name: "prefix", shape: .text),
            RulebookField(name: "first", shape: .integer(0...99_999)),
            RulebookField(name: "last", shape: .integer(0...99_999)),
            RulebookField(name: "digits", shape: .integer(1...9)),
        ]), low: "first", high: "last"), ["FDA-03", "FDA-04", "FDA-05", "FDV-03"], "Temporary visitor cards handed out at the front desk",
            "前台临时访客卡编号池"),
        key("urgent_message_escalate_after", .duration, ["FDP-06"], "An urgent phone message unread this long is escalated",
            "紧急电话留言超过该时间未读即上报"),
        key("urgent_message_escalate_to", .role, ["FDP-06"], "Who is told of an unread urgent message (in the addressee's department)",
            "紧急留言未读时通知的角色（收件人所在部门）"),
        key("lost_badge_compensation", .decimal(minimum: 0), ["FDA-05"], "What a visitor pays for a temporary card not returned (yuan)",
            "临时访客卡遗失的赔偿金额（元）"),
        key("machine_room_approver", .role, ["FDV-09"], "Who approves, in advance, an outsider's entry to the machine room",
            "外来人员进入机房须事先审批的角色"),
        key("office_entry_approver", .role, ["FDV-08", "FDA-06"], "Who approves, in advance, an outsider's entry to the offices",
            "非公司人员进入办公区须事先审批的角色"),
    ]

    /// The closest known name to a mistyped key, when it is close enough to be a typo.
    static func suggestion(for key: String, among names: [String]) -> String? {
        let scored = names.map { ($0, distance(key, $0)) }.min { $0.1 < $1.1 }
        guard let (name, score) = scored, score <= max(2, key.count / 3) else { return nil }
        return name
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
