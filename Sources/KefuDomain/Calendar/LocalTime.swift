import Foundation

/// A wall-clock time of day (`HH:MM`), minutes since midnight; `24:00` is allowed as an end of day.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutesSinceMidnight: Int

    public init(hour: Int, minute: Int) { minutesSinceMidnight = hour * 60 + minute }

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...59).contains(m),
              (0...23).contains(h) || (h == 24 && m == 0) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }
    public var description: String {
        let h = hour < 10 ? "0\(hour)" : "\(hour)", m = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(h):\(m)"
    }
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }
}

/// One span of work within a day, e.g. 08:30–12:00 (a lunch break is the gap between two spans).
public struct WorkSpan: Hashable, Sendable, CustomStringConvertible {
    public let start: LocalTime
    public let end: LocalTime

    /// Nil when the span is empty or runs backwards; spans never cross midnight.
    public init?(start: LocalTime, end: LocalTime) {
        guard start < end else { return nil }
        self.start = start; self.end = end
    }

    /// Parses `HH:MM-HH:MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let s = LocalTime(parts[0]), let e = LocalTime(parts[1]) else { return nil }
        self.init(start: s, end: e)
    }

    public var minutes: Int { end.minutesSinceMidnight - start.minutesSinceMidnight }
    public var description: String { "\(start)-\(end)" }
}

/// ISO weekday (Monday = 1 … Sunday = 7) with the rulebook's short keys.
public enum Weekday: Int, CaseIterable, Sendable, Hashable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var key: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1] }
    public init?(key: String) {
        guard let found = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = found
    }
}
