import Foundation

/// One score as an inspector enters it: the criterion's rulebook key, the score on its scale, a note (详记内容).
public struct QualityScoreInput: Sendable, Equatable {
    public var criterion: String
    public var score: Int
    public var note: String?

    public init(criterion: String, score: Int, note: String? = nil) {
        self.criterion = criterion; self.score = score; self.note = note
    }
}

/// A scored criterion of a scorecard.
public struct QualityScoredCriterion: Sendable, Equatable {
    public var criterion: QualityRules.Criterion
    public var score: Int
    public var note: String?
    /// QA-01 / QA-06: scored below `finding_below_percent` of the scale — a problem to correct.
    public var isFinding: Bool
}

/// Scoring of the 服务质量综合考评表 (QA-03) and the chat-log form (QA-11) with the rulebook's weights and
/// scales (QA-04: every check recorded in detail). Pure: the web layer stores what this returns.
public enum QualityScorecard {
    public struct Result: Sendable, Equatable {
        public var items: [QualityScoredCriterion]
        /// Weighted total out of 100, one decimal.
        public var total: Double
        public var findings: [QualityScoredCriterion] { items.filter(\.isFinding) }
    }

    /// Scores every criterion of `form` exactly once. Unknown or repeated criteria, a missing criterion and a
    /// score outside 0…max are refused with the field (`scores.<criterion>`) in one validation error.
    public static func score(_ input: [QualityScoreInput], form: QualityRules.Form, rules: QualityRules) throws -> Result {
        var fields: [String: String] = [:]
        let criteria = rules.criteria(of: form)
        let byCode = Dictionary(criteria.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: QualityScoreInput] = [:]
        for item in input {
            guard byCode[item.criterion] != nil else { fields["scores.\(item.criterion)"] = "error.qa.unknown_criterion"; continue }
            if seen[item.criterion] != nil { fields["scores.\(item.criterion)"] = "error.field.invalid_value"; continue }
            seen[item.criterion] = item
            if let note = item.note, note.count > 1_000 { fields["scores.\(item.criterion).note"] = "error.field.too_long" }
        }
        for criterion in criteria {
            guard let item = seen[criterion.code] else {
                if fields["scores.\(criterion.code)"] == nil { fields["scores.\(criterion.code)"] = "error.field.required" }
                continue
            }
            if !(0...criterion.maxScore).contains(item.score) { fields["scores.\(criterion.code)"] = "error.qa.score_out_of_scale" }
        }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let items = criteria.map { criterion in
            let item = seen[criterion.code]!
            let note = item.note?.trimmingCharacters(in: .whitespacesAndNewlines)
            return QualityScoredCriterion(criterion: criterion, score: item.score, note: note?.isEmpty == true ? nil : note,
                                          isFinding: isFinding(score: item.score, max: criterion.maxScore, rules: rules))
        }
        return Result(items: items, total: total(items))
    }

    /// QA-01 / QA-06: below `finding_below_percent` of the scale.
    public static func isFinding(score: Int, max: Int, rules: QualityRules) -> Bool {
        score * 100 < rules.findingBelowPercent * max
    }

    /// Σ weight × score / max, over Σ weight, out of 100 and rounded to one decimal.
    public static func total(_ items: [QualityScoredCriterion]) -> Double {
        let weights = items.reduce(0) { $0 + $1.criterion.weight }
        guard weights > 0 else { return 0 }
        let points = items.reduce(0.0) { $0 + Double($1.criterion.weight) * Double($1.score) / Double($1.criterion.maxScore) }
        return (points / Double(weights) * 1_000).rounded() / 10
    }
}

/// QA-02: an agent's progress against the monthly quota.
public struct QualityQuota: Sendable, Equatable {
    public var done: Int
    public var quota: Int

    public init(done: Int, quota: Int) { self.done = done; self.quota = quota }

    public var remaining: Int { max(quota - done, 0) }
    public var isBelow: Bool { done < quota }
}

/// Months (`YYYY-MM`) and weeks (the Monday that starts them) in the organization's calendar, for the
/// monthly aggregate (QA-04) and the weekly summary (QA-05).
public enum QualityPeriod {
    /// `2026-11` of a date.
    public static func month(of date: LocalDate) -> String { String(format: "%04d-%02d", date.year, date.month) }

    /// A `YYYY-MM` text as its first day; nil when malformed.
    public static func firstDay(ofMonth text: String) -> LocalDate? {
        // `YYYY-MM` read as strictly as a date (issue 20): years in `StrictTime.years`, no sign or padding.
        guard text.utf8.count == 7 else { return nil }
        return LocalDate(text + "-01")
    }

    /// The first day of the next month.
    public static func nextMonth(_ first: LocalDate) -> LocalDate {
        first.month == 12 ? LocalDate(year: first.year + 1, month: 1, day: 1) : LocalDate(year: first.year, month: first.month + 1, day: 1)
    }

    /// The Monday of the week of `date`.
    public static func weekStart(of date: LocalDate) -> LocalDate {
        let number = BusinessCalendar.dayNumber(date)
        // 1970-01-01 was a Thursday: (number + 3) mod 7 is 0 on Mondays.
        let offset = ((number + 3) % 7 + 7) % 7
        return BusinessCalendar.localDate(dayNumber: number - offset)
    }

    /// `date` moved by `days`.
    public static func adding(_ days: Int, to date: LocalDate) -> LocalDate {
        BusinessCalendar.localDate(dayNumber: BusinessCalendar.dayNumber(date) + days)
    }
}

/// QA-02: which cases the sampler proposes. The pick is random but stable for a seed (the agent and the
/// month), so the board shows the same proposals all month until they are inspected.
public enum QualitySampler {
    public static func pick<ID: CustomStringConvertible>(_ candidates: [ID], count: Int, seed: String) -> [ID] {
        guard count > 0 else { return [] }
        return candidates.map { ($0, fnv1a(seed + "|" + $0.description)) }.sorted { $0.1 < $1.1 }.prefix(count).map(\.0)
    }

    /// FNV-1a: a stable hash (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
