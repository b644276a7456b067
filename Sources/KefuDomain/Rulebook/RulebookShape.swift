import Foundation

/// The documentation of one rulebook key: the rule IDs it implements and what it means, in English and Chinese.
struct RulebookKeyDoc: Sendable {
    var ruleIDs: [String]
    var summary: String
    var summaryZh: String

    init(_ ruleIDs: [String], _ summary: String, _ summaryZh: String) {
        self.ruleIDs = ruleIDs
        self.summary = summary
        self.summaryZh = summaryZh
    }
}

/// One key of a map in the rulebook schema.
struct RulebookField: Sendable {
    var name: String
    var shape: RulebookShape
    /// A documented field is one admin-view entry (`Rulebook.entries`); undocumented maps are walked into.
    var doc: RulebookKeyDoc?
    /// Optional fields may be left out (e.g. a weekday without work spans).
    var required = true
}

/// The form a rulebook value must have. The schema (`RulebookSchema.root`) is a tree of shapes; it drives
/// unknown-key rejection, type checks, the canonical text that is hashed into the version, and the admin view.
indirect enum RulebookShape: Sendable {
    case integer(ClosedRange<Int>)
    /// A number such as a money amount or a count of days; never below the minimum.
    case decimal(minimum: Decimal)
    case boolean
    /// Non-empty text.
    case text
    /// One word from a fixed list (an enum value such as a unit or a coverage mode).
    case choice([String])
    /// A role of REQUIREMENTS §25 (`Role`).
    case role
    /// An IANA time-zone identifier known to Foundation.
    case timeZone
    /// `HH:MM`.
    case clockTime
    /// `YYYY-MM-DD`.
    case date
    /// `{value: <integer ≥ 0>, unit: …}`.
    case duration
    /// A list of `HH:MM-HH:MM` spans that neither run backwards nor overlap.
    case workSpans
    /// A list of `YYYY-MM-DD` dates or `YYYY-MM-DD..YYYY-MM-DD` ranges.
    case dates
    /// A case-number pattern with `{prefix}`, `{date}` and `{seqN}`.
    case numberPattern
    /// Contiguous bands over a non-negative number, each `{at_least|above: n, below|at_most: m, role: r}`.
    case bands(unit: String)
    /// A list of items; `unique` refuses repeats.
    case list(RulebookShape, minimumCount: Int, unique: Bool)
    /// A map with fixed keys.
    case record([RulebookField])
    /// A map whose keys the organization chooses (lower-case words), all with the same shape.
    case dictionary(RulebookShape, itemDocs: [String: RulebookKeyDoc])
    /// A map whose integer keys `low` and `high` must satisfy low ≤ high.
    case ordered(RulebookShape, low: String, high: String)

    /// The expected form, as error messages state it.
    var expected: String {
        switch self {
        case .integer(let range):
            return range.upperBound == Int.max ? "an integer ≥ \(range.lowerBound)"
                : "an integer from \(range.lowerBound) to \(range.upperBound)"
        case .decimal(let minimum): return "a number ≥ \(minimum)"
        case .boolean: return "true or false"
        case .text: return "a non-empty text"
        case .choice(let words): return "one of \(words.joined(separator: "|"))"
        case .role: return "a role (\(Role.allCases.map(\.rawValue).joined(separator: "|")))"
        case .timeZone: return "a time zone identifier such as Asia/Shanghai"
        case .clockTime: return "a time of day HH:MM"
        case .date: return "a date YYYY-MM-DD"
        case .duration:
            return "a duration {value: <integer ≥ 0>, unit: \(TimeUnit.allCases.map(\.rawValue).joined(separator: "|"))}"
        case .workSpans: return "a list of non-overlapping spans \"HH:MM-HH:MM\" (start before end)"
        case .dates: return "a list of dates YYYY-MM-DD (or ranges YYYY-MM-DD..YYYY-MM-DD)"
        case .numberPattern: return "a pattern with {prefix}, {date} and {seq} or {seq1}…{seq9}, e.g. \"{prefix}-{date}-{seq4}\""
        case .bands(let unit):
            return "a list of contiguous bands over the \(unit), from `at_least: 0` to a last band with no upper bound, "
                + "each {at_least|above: <number>, below|at_most: <number>, role: <role>}"
        case .list(let item, let minimumCount, _):
            return minimumCount > 0 ? "a list of at least \(minimumCount) × \(item.expected)" : "a list of \(item.expected)"
        case .record(let fields): return "a map with keys \(fields.map(\.name).joined(separator: ", "))"
        case .dictionary(let item, _): return "a map of lower-case names to \(item.expected)"
        case .ordered(let shape, let low, let high): return "\(shape.expected) (\(low) ≤ \(high))"
        }
    }
}
