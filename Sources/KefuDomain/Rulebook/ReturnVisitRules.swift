/// Return visits (REQUIREMENTS §5, RTV).
public struct ReturnVisitRules: Sendable, Equatable {
    /// Which resolved cases get a return visit (RTV-11); member customers always do (RTV-08).
    public enum Coverage: String, CaseIterable, Sendable, Codable {
        case all
        case membersOnly = "members_only"
    }

    /// RTV-01: visit within (default 72 natural hours).
    public var dueWithin: DurationSpec
    /// RTV-03: failed attempts after which the visit may be closed as unreachable (3…5, default 3).
    public var maxAttempts: Int
    /// RTV-11: which cases are visited (default `all`).
    public var coverage: Coverage
    /// RTV-02: target visit rate in percent (default 100).
    public var targetRatePercent: Int
    /// RTV-07: customer rest times to avoid.
    public var doNotCall: [WorkSpan]
    /// RTV-04: who receives written feedback on unresolved or escalated visits.
    public var unresolvedFeedbackTo: Role

    public init(dueWithin: DurationSpec, maxAttempts: Int, coverage: Coverage, targetRatePercent: Int,
                doNotCall: [WorkSpan], unresolvedFeedbackTo: Role) {
        self.dueWithin = dueWithin
        self.maxAttempts = maxAttempts
        self.coverage = coverage
        self.targetRatePercent = targetRatePercent
        self.doNotCall = doNotCall
        self.unresolvedFeedbackTo = unresolvedFeedbackTo
    }

    /// Whether a resolved case of this customer gets a return visit (members always, RTV-08).
    public func covers(customerIsMember: Bool) -> Bool {
        customerIsMember || coverage == .all
    }

    /// Whether `time` falls in a do-not-call window (RTV-07).
    public func isDoNotCall(_ time: LocalTime) -> Bool {
        doNotCall.contains { $0.start <= time && time < $0.end }
    }
}

/// Satisfaction surveys (REQUIREMENTS §6, SAT).
public struct SurveyRules: Sendable, Equatable {
    /// The rating scale (SAT-06 / SAT-11, conflict C12).
    public enum Scale: String, CaseIterable, Sendable, Codable {
        /// 非常满意 / 满意 / 一般 / 较差.
        case fourLevel = "four_level"
        /// 满意 / 一般 / 不满意 (return-visit scripts).
        case threeLevel = "three_level"

        /// The levels, best first, as the API spells them.
        public var levels: [String] {
            switch self {
            case .fourLevel: return ["very_satisfied", "satisfied", "average", "poor"]
            case .threeLevel: return ["satisfied", "average", "unsatisfied"]
            }
        }
    }

    public var scale: Scale
    /// SAT-04: how long a customer's one-time survey link stays valid (default 7 natural days).
    public var linkValidFor: DurationSpec = DurationSpec(value: 7, unit: .naturalDays)
    /// SAT-07: who receives an especially serious opinion at once (default vp).
    public var seriousTo: Role = .vp
    /// SAT-08: who handles a general opinion (default cs_director, for the CS department).
    public var generalTo: Role = .csDirector

    public init(scale: Scale) { self.scale = scale }
}

extension ReturnVisitRules {
    init(_ r: RulebookReader) throws {
        self.init(dueWithin: try r.at("due_within").duration(), maxAttempts: try r.at("max_attempts").int(),
                  coverage: try r.at("coverage").choice(Coverage.self),
                  targetRatePercent: try r.at("target_rate_percent").int(), doNotCall: try r.at("do_not_call").spans(),
                  unresolvedFeedbackTo: try r.at("unresolved_feedback_to").role())
    }
}
