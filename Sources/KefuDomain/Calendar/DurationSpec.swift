/// How a rulebook deadline is counted (ARCHITECTURE §3): natural time or business time on the calendar.
public enum TimeUnit: String, CaseIterable, Codable, Sendable {
    case seconds, minutes, hours
    case naturalDays = "natural_days"
    case businessMinutes = "business_minutes"
    case businessHours = "business_hours"
    case workingDays = "working_days"

    /// Business units stop outside work spans and while a clock is paused.
    public var isBusiness: Bool { self == .businessMinutes || self == .businessHours || self == .workingDays }
}

/// A rulebook duration such as `{value: 60, unit: minutes}` (CMP-22) or `{value: 6, unit: natural_days}` (CMP-30).
public struct DurationSpec: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: Int
    public let unit: TimeUnit

    public init(value: Int, unit: TimeUnit) { self.value = value; self.unit = unit }

    public var description: String { "\(value) \(unit.rawValue)" }
}
