import Foundation

/// Attendance fines and rewards (REQUIREMENTS §14, ATT; conflicts C5–C9). Amounts in yuan.
public struct FineRules: Sendable, Equatable {
    /// What happens past the last amount of a violation's list.
    public enum Repeat: String, CaseIterable, Sendable, Codable {
        /// Every further occurrence costs the last amount (ATT-05: 10元, then 20元 each).
        case repeatLast = "repeat_last"
        /// The next occurrence means dismissal (ATT-10: 50元, 100元, then 开除).
        case dismissal
    }

    /// The consequence of one occurrence of a violation.
    public enum Outcome: Sendable, Equatable {
        case fine(Decimal)
        case dismissal
    }

    /// One violation of the catalogue.
    public struct Violation: Sendable, Equatable {
        /// The catalogue key, e.g. `late_or_early`.
        public var code: String
        /// The violation's name as staff read it, e.g. 迟到、早退.
        public var nameZh: String
        /// Fine of the 1st, 2nd … occurrence in a month.
        public var amounts: [Decimal]
        /// What happens past the last amount.
        public var afterLast: Repeat

        public init(code: String, nameZh: String, amounts: [Decimal], afterLast: Repeat) {
            self.code = code
            self.nameZh = nameZh
            self.amounts = amounts
            self.afterLast = afterLast
        }

        /// The consequence of the `occurrence`-th time (1-based) in the counting period.
        public func outcome(occurrence: Int) -> Outcome {
            let index = max(occurrence, 1) - 1
            if index < amounts.count { return .fine(amounts[index]) }
            return afterLast == .dismissal ? .dismissal : .fine(amounts.last ?? 0)
        }
    }

    /// ATT-31: the violation catalogue by code (e.g. `late_or_early`).
    public var catalogue: [String: Violation]
    /// ATT-05: occurrences are counted per month and do not carry over.
    public var monthlyReset: Bool
    /// ATT-05: fines are paid the same day.
    public var paidSameDay: Bool
    /// ATT-04: late arrival or leaving the post this many minutes or more is a disciplinary violation (default 20).
    public var violationAfterMinutes: Int
    /// ATT-03: leaving the post longer than this needs consent, else half a day of absenteeism (default 10).
    public var offPostConsentAfterMinutes: Int
    /// ATT-07: absenteeism deducts this multiple of the day's base pay (default 2).
    public var absenteeismDayPayMultiple: Decimal
    /// ATT-07: more than this many days of absenteeism counts as resignation (default 2).
    public var absenceDaysBeforeResignation: Int
    /// ATT-17: reward for reporting misconduct (default 50).
    public var informantReward: Decimal

    public init(catalogue: [String: Violation], monthlyReset: Bool, paidSameDay: Bool, violationAfterMinutes: Int,
                offPostConsentAfterMinutes: Int, absenteeismDayPayMultiple: Decimal, absenceDaysBeforeResignation: Int,
                informantReward: Decimal) {
        self.catalogue = catalogue
        self.monthlyReset = monthlyReset
        self.paidSameDay = paidSameDay
        self.violationAfterMinutes = violationAfterMinutes
        self.offPostConsentAfterMinutes = offPostConsentAfterMinutes
        self.absenteeismDayPayMultiple = absenteeismDayPayMultiple
        self.absenceDaysBeforeResignation = absenceDaysBeforeResignation
        self.informantReward = informantReward
    }
}

extension FineRules {
    init(_ r: RulebookReader) throws {
        let catalogue = try r.at("catalogue")
        var violations: [String: Violation] = [:]
        for code in catalogue.keys {
            let item = try catalogue.at(code)
            violations[code] = Violation(code: code, nameZh: try item.at("name_zh").text(),
                                         amounts: try item.at("amounts").list().map { try $0.decimal() },
                                         afterLast: try item.at("after_last").choice(Repeat.self))
        }
        self.init(catalogue: violations, monthlyReset: try r.at("monthly_reset").bool(), paidSameDay: try r.at("paid_same_day").bool(),
                  violationAfterMinutes: try r.at("violation_after_minutes").int(),
                  offPostConsentAfterMinutes: try r.at("off_post_consent_after_minutes").int(),
                  absenteeismDayPayMultiple: try r.at("absenteeism_day_pay_multiple").decimal(),
                  absenceDaysBeforeResignation: try r.at("absence_days_before_resignation").int(),
                  informantReward: try r.at("informant_reward").decimal())
    }
}
