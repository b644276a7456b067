import Foundation

extension RulebookSchema {
    static let qualityCriterion = RulebookShape.record([
        RulebookField(name: "form", shape: .choice(QualityRules.Form.allCases.map(\.rawValue))),
        RulebookField(name: "name_zh", shape: .text),
        RulebookField(name: "name_en", shape: .text),
        RulebookField(name: "weight", shape: .integer(1...100)),
        RulebookField(name: "max_score", shape: .integer(1...100)),
    ])

    static let quality: [RulebookField] = [
        key("monthly_quota", .integer(1...5), ["QA-02"], "Inspections per agent per month, at least (1–5)",
            "每月每人监听（质检）不少于的次数（1–5次）"),
        key("criteria", .dictionary(qualityCriterion, itemDocs: qualityDocs), ["QA-03", "QA-11", "QA-04"],
            "Scorecard criteria: form (call|chat), names, weight and scale (0…max_score)", "考评项目：表单（call|chat）、名称、权重和分值（0…满分）"),
        key("chat_channels", .list(.choice(CaseChannel.allCases.map(\.rawValue)), minimumCount: 0, unique: true), ["QA-11", "CHN-04"],
            "Channels whose cases are scored on the chat-log form", "按聊天记录考核表评分的渠道"),
        key("sample_window_days", .integer(1...366), ["QA-02", "QA-01"], "The sampler proposes resolved or closed cases from this many days back",
            "抽检建议取最近多少天内已解决/已关闭的工单"),
        key("samples_per_agent", .integer(0...20), ["QA-02"], "Random proposals per agent below the monthly quota",
            "未达月度质检次数的坐席每人随机抽取的工单数"),
        key("finding_below_percent", .integer(1...100), ["QA-01", "QA-05", "QA-06"],
            "A criterion scored below this share of its scale is a finding", "某项得分低于满分的该百分比即为问题项"),
        key("common_problems_days", .integer(1...92), ["QA-06"], "Common problems for the roll call are gathered from this many days back",
            "点名讲评的共性问题取最近多少天"),
        key("dispute_decided_by", .role, ["QA-04"], "Who decides an agent's dispute of a scorecard", "坐席对考评结果申诉的裁决角色（客服部主任）"),
    ]

    static let qualityDocs: [String: RulebookKeyDoc] = [
        "service_phrases": RulebookKeyDoc(["QA-03"], "Call: service phrases", "服务质量综合考评：服务用语"),
        "service_attitude": RulebookKeyDoc(["QA-03"], "Call: service attitude", "服务质量综合考评：服务态度"),
        "tone": RulebookKeyDoc(["QA-03"], "Call: tone and intonation", "服务质量综合考评：语气语调"),
        "needs_summary": RulebookKeyDoc(["QA-03"], "Call: summarizing the customer's needs", "服务质量综合考评：客户需求的归纳能力"),
        "adaptability": RulebookKeyDoc(["QA-03"], "Call: adapting when receiving customers", "服务质量综合考评：接待客户应变能力"),
        "chat_greeting": RulebookKeyDoc(["QA-11"], "Chat log: greeting", "聊天记录考核：问候语"),
        "chat_closing": RulebookKeyDoc(["QA-11"], "Chat log: closing", "聊天记录考核：结束语"),
        "chat_attitude": RulebookKeyDoc(["QA-11"], "Chat log: service attitude", "聊天记录考核：服务态度"),
        "chat_phrases": RulebookKeyDoc(["QA-11"], "Chat log: service phrases", "聊天记录考核：服务用语"),
        "chat_knowledge": RulebookKeyDoc(["QA-11"], "Chat log: business knowledge", "聊天记录考核：业务知识"),
    ]
}
