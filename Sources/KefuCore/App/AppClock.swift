import Foundation

/// Where "now" comes from. This file is the only place in Kefu that reads the real date: the domain takes
/// `now` as an argument, everything else asks `services.now()`, which `configure` sets to one of these.
public enum AppClock {
    /// The real clock.
    public static let system: @Sendable () -> Date = { Date() }

    /// A clock that starts at `start` and then runs at the real rate. Elapsed time is measured on the
    /// monotonic clock, so the date the process runs at never leaks in. Tests start the clock of every test
    /// application at `KEFU_TEST_CLOCK_START` to prove they pass at any date and hour (README, "Tests").
    public static func starting(at start: Date) -> @Sendable () -> Date {
        let origin = ContinuousClock.now
        return {
            let elapsed = origin.duration(to: .now).components
            return start.addingTimeInterval(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        }
    }

    /// Parses the start instant of `KEFU_TEST_CLOCK_START`: `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`,
    /// e.g. `2025-12-31T23:58:00+08:00`; an impossible date or time is nil, never rolled over.
    public static func parseStart(_ text: String) -> Date? {
        let pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|([+-])(\d{2}):(\d{2}))$/
        guard let m = text.wholeMatch(of: pattern) else { return nil }
        var offset = 0
        if let sign = m.8, let h = Int(m.9 ?? ""), let mm = Int(m.10 ?? "") {
            offset = (h * 3_600 + mm * 60) * (sign == "-" ? -1 : 1)
        }
        guard let zone = TimeZone(secondsFromGMT: offset) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(year: Int(m.1), month: Int(m.2), day: Int(m.3), hour: Int(m.4), minute: Int(m.5), second: Int(m.6))
        guard let date = calendar.date(from: parts) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let same = back.year == parts.year && back.month == parts.month && back.day == parts.day
            && back.hour == parts.hour && back.minute == parts.minute && back.second == parts.second
        return same ? date : nil
    }
}
