import Foundation
import Testing
@testable import KefuDomain

/// Checks the span-to-span arithmetic against the slowest possible independent method: looking at every
/// minute with Foundation's `Calendar` and asking whether it is worked.
@Suite("Business calendar: agreement with a minute-by-minute count")
struct BusinessTimeOracleTests {
    /// Weekdays 08:00–12:00 and 13:00–18:00, plus a Sunday night shift 00:00–06:00 across the clock changes.
    static func shiftCalendar(_ zone: String) -> BusinessCalendar {
        let weekday = [WorkSpan("08:00-12:00")!, WorkSpan("13:00-18:00")!]
        return BusinessCalendar(
            timeZone: TimeZone(identifier: zone)!,
            weeklySpans: [
                .monday: weekday, .tuesday: weekday, .wednesday: weekday, .thursday: weekday, .friday: weekday,
                .sunday: [WorkSpan("00:00-06:00")!],
            ]
        )
    }

    /// The worked minutes starting at or after `from` and before `to`, found by reading each one's wall clock.
    static func workedMinutes(_ calendar: BusinessCalendar, from: Date, to: Date) -> [Date] {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        let foundationWeekdays: [Int: Weekday] = [
            1: .sunday, 2: .monday, 3: .tuesday, 4: .wednesday, 5: .thursday, 6: .friday, 7: .saturday,
        ]
        return stride(from: from.timeIntervalSinceReferenceDate, to: to.timeIntervalSinceReferenceDate, by: 60).compactMap {
            let minute = Date(timeIntervalSinceReferenceDate: $0)
            let parts = gregorian.dateComponents([.weekday, .hour, .minute], from: minute)
            let clock = LocalTime(hour: parts.hour!, minute: parts.minute!)
            let spans = calendar.weeklySpans[foundationWeekdays[parts.weekday!]!] ?? []
            return spans.contains { $0.start <= clock && clock < $0.end } ? minute : nil
        }
    }

    @Test("Business time and its inverse match the minute count around both 2026 clock changes", arguments: [
        ("Europe/Berlin", "2026-03-20T00:00:00Z", "2026-04-04T00:00:00Z"),
        ("Europe/Berlin", "2026-10-16T00:00:00Z", "2026-10-31T00:00:00Z"),
        ("America/New_York", "2026-02-27T00:00:00Z", "2026-03-14T00:00:00Z"),
        ("America/New_York", "2026-10-23T00:00:00Z", "2026-11-07T00:00:00Z"),
        ("Asia/Shanghai", "2026-03-20T00:00:00Z", "2026-04-04T00:00:00Z"),
    ] as [(String, String, String)])
    func agreesWithMinuteCount(zone: String, from: String, to: String) {
        // given
        let calendar = Self.shiftCalendar(zone)
        let first = Date.iso(from), last = Date.iso(to)
        // when
        let worked = Self.workedMinutes(calendar, from: first, to: last)
        // then the total agrees, and so does every prefix sampled every 97 worked minutes
        #expect(calendar.businessTime(from: first, to: last) == Double(worked.count) * 60)
        var mismatches: [String] = []
        for count in stride(from: 1, through: worked.count, by: 97) {
            let due = calendar.addingBusinessTime(Double(count) * 60, to: first)
            let expected = worked[count - 1].addingTimeInterval(60)   // the end of the count-th worked minute
            if due != expected { mismatches.append("\(count): \(due) ≠ \(expected)") }
            let measured = calendar.businessTime(from: first, to: expected)
            if measured != Double(count) * 60 { mismatches.append("\(count): measured \(measured)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
