import Foundation
@testable import KefuDomain

extension Date {
    /// The fixed "now" of domain tests, the same instant as `KefuTestSupport`'s: Monday 2026-11-23 10:00 in Shanghai.
    static let t0 = Date.iso("2026-11-23T10:00:00+08:00")

    /// An instant written in ISO 8601 with its offset, e.g. `2026-10-09T17:00:00+08:00` (fractional seconds
    /// allowed); traps on a typo.
    static func iso(_ text: String) -> Date {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: withFraction)) else {
            fatalError("not an ISO 8601 instant: \(text)")
        }
        return date
    }
}

extension BusinessCalendar {
    /// `standardChina` with the 2026 National Day break: 10-01…10-07 off, Sunday 09-20 and Saturday 10-10 worked.
    static let chinaNationalDay2026 = BusinessCalendar(
        timeZone: BusinessCalendar.standardChina.timeZone,
        weeklySpans: BusinessCalendar.standardChina.weeklySpans,
        holidays: Set((1...7).map { LocalDate(year: 2026, month: 10, day: $0) }),
        makeUpWorkdays: [LocalDate(year: 2026, month: 9, day: 20), LocalDate(year: 2026, month: 10, day: 10)]
    )

    /// Monday–Friday 09:00–17:00 (no lunch break) in `zone`; for offices abroad and daylight-saving tests.
    static func nineToFive(_ zone: String) -> BusinessCalendar {
        let day = [WorkSpan("09:00-17:00")!]
        return BusinessCalendar(
            timeZone: TimeZone(identifier: zone)!,
            weeklySpans: [.monday: day, .tuesday: day, .wednesday: day, .thursday: day, .friday: day]
        )
    }

    /// Every day 00:00–24:00 in `zone`: business time equals real elapsed time.
    static func roundTheClock(_ zone: String) -> BusinessCalendar {
        BusinessCalendar(
            timeZone: TimeZone(identifier: zone)!,
            weeklySpans: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [WorkSpan("00:00-24:00")!]) })
        )
    }

    /// No working time at all (every search for work gives up).
    static let neverWorking = BusinessCalendar(timeZone: BusinessCalendar.standardChina.timeZone, weeklySpans: [:])
}
