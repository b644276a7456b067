/// Quality inspection (质检, REQUIREMENTS §7, QA).
public struct QualityRules: Sendable, Equatable {
    /// The two scorecards: the 服务质量综合考评表 of a monitored call (QA-03) and the 聊天记录考核表 (QA-11).
    public enum Form: String, CaseIterable, Sendable, Codable {
        case call
        case chat
    }

    /// One criterion of a scorecard with its weight and scale (0…`maxScore`).
    public struct Criterion: Sendable, Equatable {
        /// The rulebook key, e.g. `service_phrases`.
        public var code: String
        public var form: Form
        public var nameZh: String
        public var nameEn: String
        /// Relative weight in the total (the default weights of a form add up to 100).
        public var weight: Int
        /// The top of the scale; a score runs from 0 to this.
        public var maxScore: Int

        public init(code: String, form: Form, nameZh: String, nameEn: String, weight: Int, maxScore: Int) {
            self.code = code; self.form = form; self.nameZh = nameZh; self.nameEn = nameEn; self.weight = weight; self.maxScore = maxScore
        }
    }

    /// QA-02: each agent is inspected at least this many times a month (1…5, default 3).
    public var monthlyQuota: Int
    /// QA-03 / QA-11: the criteria of both scorecards, in the rulebook's order.
    public var criteria: [Criterion]
    /// QA-11 / CHN-04: cases from these channels are scored on the chat-log form.
    public var chatChannels: [String]
    /// QA-02: the sampler proposes resolved or closed cases from this many days back.
    public var sampleWindowDays: Int
    /// QA-02: random proposals per agent below the quota.
    public var samplesPerAgent: Int
    /// QA-01 / QA-05 / QA-06: a criterion scored below this share of its scale is a finding.
    public var findingBelowPercent: Int
    /// QA-06: common problems are gathered from this many days back.
    public var commonProblemsDays: Int
    /// QA-04: who decides an agent's dispute of a scorecard (default cs_director).
    public var disputeDecidedBy: Role

    public init(monthlyQuota: Int, criteria: [Criterion], chatChannels: [String], sampleWindowDays: Int, samplesPerAgent: Int,
                findingBelowPercent: Int, commonProblemsDays: Int, disputeDecidedBy: Role) {
        self.monthlyQuota = monthlyQuota
        self.criteria = criteria
        self.chatChannels = chatChannels
        self.sampleWindowDays = sampleWindowDays
        self.samplesPerAgent = samplesPerAgent
        self.findingBelowPercent = findingBelowPercent
        self.commonProblemsDays = commonProblemsDays
        self.disputeDecidedBy = disputeDecidedBy
    }

    /// The criteria of one scorecard.
    public func criteria(of form: Form) -> [Criterion] { criteria.filter { $0.form == form } }

    /// The criterion of `code`, if the rulebook has it.
    public func criterion(_ code: String) -> Criterion? { criteria.first { $0.code == code } }

    /// The scorecard for a case of `channel` (QA-11: chat-like channels are scored on their chat log).
    public func form(forChannel channel: String) -> Form { chatChannels.contains(channel) ? .chat : .call }
}

extension QualityRules {
    init(_ r: RulebookReader) throws {
        let node = try r.at("criteria")
        var criteria: [Criterion] = []
        for code in node.keys {
            let item = try node.at(code)
            criteria.append(Criterion(code: code, form: try item.at("form").choice(Form.self), nameZh: try item.at("name_zh").text(),
                                      nameEn: try item.at("name_en").text(), weight: try item.at("weight").int(),
                                      maxScore: try item.at("max_score").int()))
        }
        for form in Form.allCases where !criteria.contains(where: { $0.form == form }) {
            throw node.mismatch("the \(form.rawValue) scorecard has no criterion")
        }
        self.init(monthlyQuota: try r.at("monthly_quota").int(), criteria: criteria,
                  chatChannels: try r.at("chat_channels").list().map { try $0.text() },
                  sampleWindowDays: try r.at("sample_window_days").int(), samplesPerAgent: try r.at("samples_per_agent").int(),
                  findingBelowPercent: try r.at("finding_below_percent").int(), commonProblemsDays: try r.at("common_problems_days").int(),
                  disputeDecidedBy: try r.at("dispute_decided_by").role())
    }
}
