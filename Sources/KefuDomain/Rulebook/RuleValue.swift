import Foundation

/// A rulebook value with its form kept (issue 21 item 13). The admin view shows `RulebookEntry.value`, the
/// text of the file; staff read the rules in words (周一至周五, 200 元, 3 个工作日), which needs to know what
/// each part is: a duration, a role, an amount band, a word of a fixed list …
public indirect enum RuleValue: Sendable, Hashable {
    case integer(Int)
    /// A number such as an amount or a count of days.
    case decimal(Decimal)
    case flag(Bool)
    /// Text the organization wrote (a name, a greeting): shown as written.
    case text(String)
    /// One word of a fixed list (`four_level`, `repeat_last`): shown by its label.
    case word(String)
    case role(Role)
    /// An IANA time-zone identifier.
    case timeZone(String)
    case time(LocalTime)
    case date(LocalDate)
    case duration(DurationSpec)
    /// Work spans of one day, earliest first; none is a rest day.
    case spans([WorkSpan])
    /// Days, sorted.
    case dates([LocalDate])
    /// A case-number pattern such as `{prefix}-{date}-{seq4}`.
    case numberPattern(String)
    /// Contiguous bands over a number (an amount in yuan, a length in days), lowest first.
    case bands([ApprovalBand], unit: String)
    case list([RuleValue])
    /// A map with the fixed keys of the schema, in schema order.
    case fields([RuleField])
    /// A map whose keys the organization chose (a catalogue), in file order.
    case entries([RuleField])
}

/// One named part of a `RuleValue` map.
public struct RuleField: Sendable, Hashable {
    public let name: String
    public let value: RuleValue

    public init(_ name: String, _ value: RuleValue) {
        self.name = name
        self.value = value
    }
}

extension RuleValue {
    /// The part called `name` of a map value, if any.
    public func field(_ name: String) -> RuleValue? {
        switch self {
        case .fields(let parts), .entries(let parts): parts.first { $0.name == name }?.value
        default: nil
        }
    }
}
