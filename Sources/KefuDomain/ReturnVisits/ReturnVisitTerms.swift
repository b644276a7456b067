import Foundation

/// A return visit (回访) is open until it is done (the customer was reached or declined) or closed as
/// unreachable (RTV-03). "Due" and "overdue" are open visits before and after their deadline.
public enum ReturnVisitState: String, CaseIterable, Codable, Sendable {
    case open, done, unreachable
}

/// What one call attempt came to (API.md "Return visits").
public enum ReturnVisitAttemptOutcome: String, CaseIterable, Codable, Sendable {
    case reached
    case noAnswer = "no_answer"
    case busy
    case wrongNumber = "wrong_number"
    case refused

    /// The customer was not spoken to: counts toward `return_visits.max_attempts` (RTV-03).
    public var isFailure: Bool { self == .noAnswer || self == .busy }
    /// The visit is over with this attempt.
    public var endsVisit: Bool { self == .reached || self == .refused }
}

/// RTV-12: the customer's satisfaction as the return-visit scripts record it (满意 / 一般 / 不满意).
public enum ReturnVisitSatisfaction: String, CaseIterable, Codable, Sendable {
    case satisfied, average, unsatisfied
}

/// RTV-03 / RTV-07 / RTV-04: the decisions of the return-visit station.
public enum ReturnVisitPolicy {
    public static let attemptsKey = "return_visits.max_attempts"

    /// RTV-03: a visit may be closed as unreachable after `maxAttempts` failed attempts or a wrong number.
    public static func checkUnreachable(failedAttempts: Int, wrongNumber: Bool, maxAttempts: Int) throws {
        guard wrongNumber || failedAttempts >= maxAttempts else {
            throw DomainError.ruleViolation(rule: attemptsKey, reason: "rule.return_visits.too_few_attempts")
        }
    }

    /// RTV-04: an unresolved problem, an unsatisfied customer or an escalation sends written feedback upward.
    public static func needsFeedback(satisfaction: ReturnVisitSatisfaction?, resolved: Bool, escalate: Bool) -> Bool {
        !resolved || escalate || satisfaction == .unsatisfied
    }

    /// RTV-07: the first instant at or after `instant` outside the customer's rest times (the windows are
    /// local times of day; a window ending at 24:00 continues into the next day's windows).
    public static func callableTime(atOrAfter instant: Date, doNotCall: [WorkSpan], calendar: BusinessCalendar) -> Date {
        var candidate = instant
        // At most one hop per window and day; bounded so a rulebook that forbids the whole day cannot loop.
        for _ in 0..<(doNotCall.count * 2 + 2) {
            let day = calendar.localDate(of: candidate)
            let minutes = Int(candidate.timeIntervalSince(calendar.startOfDay(day)) / 60)
            guard let window = doNotCall.first(where: { $0.start.minutesSinceMidnight <= minutes && minutes < $0.end.minutesSinceMidnight }) else {
                return candidate
            }
            candidate = window.end.minutesSinceMidnight >= 24 * 60
                ? calendar.startOfDay(day).addingTimeInterval(36 * 3_600).flooredToDay(calendar)
                : calendar.instant(day, window.end)
        }
        return candidate
    }
}

extension Date {
    /// Midnight of the local day this instant falls on.
    func flooredToDay(_ calendar: BusinessCalendar) -> Date { calendar.startOfDay(calendar.localDate(of: self)) }
}

/// SAT-05 / SAT-06 / SAT-11: the four rated items, each on the rulebook's scale.
public struct SurveyAnswers: Sendable, Equatable {
    public static let items = ["attitude", "technical", "arrival_time", "promise"]

    public let ratings: [String: String]

    /// Every item present and on the scale; otherwise field errors (400).
    public init(_ ratings: [String: String?], scale: SurveyRules.Scale) throws {
        var fields: [String: String] = [:]
        var valid: [String: String] = [:]
        for item in Self.items {
            guard let value = ratings[item] ?? nil, !value.isEmpty else { fields[item] = "error.field.required"; continue }
            guard scale.levels.contains(value) else { fields[item] = "error.survey.off_scale"; continue }
            valid[item] = value
        }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        self.ratings = valid
    }

    /// Points of a level, best = the number of levels, worst = 1 (for the per-person aggregate, SAT-03).
    public static func points(_ level: String, scale: SurveyRules.Scale) -> Int {
        guard let index = scale.levels.firstIndex(of: level) else { return 0 }
        return scale.levels.count - index
    }

    /// The worst level of the scale (较差 / 不满意): such a survey is a poor one.
    public var isPoor: Bool { ratings.values.contains { $0 == "poor" || $0 == "unsatisfied" } }
}
