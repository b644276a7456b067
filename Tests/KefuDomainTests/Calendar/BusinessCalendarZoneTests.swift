import Foundation
import Testing
@testable import KefuDomain

@Suite("Business calendar: wall clock and time zones")
struct BusinessCalendarZoneTests {
    @Test("The local date of an instant is taken in the calendar's zone, not in UTC", arguments: [
        ("2026-03-02T23:30:00+08:00", "Asia/Shanghai", "2026-03-02"),
        ("2026-03-03T07:30:00+08:00", "Asia/Shanghai", "2026-03-03"),   // still 03-02 in UTC
        ("2026-03-02T20:00:00Z", "Asia/Shanghai", "2026-03-03"),
        ("2026-03-02T20:00:00Z", "America/New_York", "2026-03-02"),
        ("2026-03-29T00:30:00+01:00", "Europe/Berlin", "2026-03-29"),
        ("2026-10-25T02:30:00+01:00", "Europe/Berlin", "2026-10-25"),   // the repeated hour
    ] as [(String, String, String)])
    func localDateUsesZone(instant: String, zone: String, expected: String) {
        // given
        let calendar = BusinessCalendar.nineToFive(zone)
        // when
        let date = calendar.localDate(of: .iso(instant))
        // then
        #expect(date == LocalDate(expected)!)
    }

    @Test("A wall-clock time becomes the instant with the zone's offset", arguments: [
        ("Asia/Shanghai", "2026-03-02", "08:30", "2026-03-02T08:30:00+08:00"),
        ("Asia/Shanghai", "2026-03-02", "24:00", "2026-03-03T00:00:00+08:00"),
        ("Europe/Berlin", "2026-01-15", "09:00", "2026-01-15T09:00:00+01:00"),
        ("Europe/Berlin", "2026-07-15", "09:00", "2026-07-15T09:00:00+02:00"),
        ("America/New_York", "2026-07-15", "17:00", "2026-07-15T17:00:00-04:00"),
    ] as [(String, String, String, String)])
    func instantFromWallClock(zone: String, date: String, time: String, expected: String) {
        // given
        let calendar = BusinessCalendar.nineToFive(zone)
        // when
        let instant = calendar.instant(LocalDate(date)!, LocalTime(time)!)
        // then
        #expect(instant == .iso(expected))
    }

    @Test("A time skipped by the spring-forward change moves forward by the gap")
    func skippedTimeMovesForward() {
        // given Berlin jumps from 02:00 to 03:00 on 2026-03-29
        let calendar = BusinessCalendar.nineToFive("Europe/Berlin")
        // when
        let instant = calendar.instant(LocalDate("2026-03-29")!, LocalTime("02:30")!)
        // then
        #expect(instant == .iso("2026-03-29T03:30:00+02:00"))
    }

    @Test("A time repeated by the fall-back change means its first occurrence")
    func repeatedTimeIsFirstOccurrence() {
        // given Berlin goes back from 03:00 to 02:00 on 2026-10-25
        let calendar = BusinessCalendar.nineToFive("Europe/Berlin")
        // when
        let instant = calendar.instant(LocalDate("2026-10-25")!, LocalTime("02:30")!)
        // then
        #expect(instant == .iso("2026-10-25T02:30:00+02:00"))
    }

    @Test("Start of day is local midnight", arguments: [
        ("Asia/Shanghai", "2026-10-01", "2026-10-01T00:00:00+08:00"),
        ("Europe/Berlin", "2026-03-29", "2026-03-29T00:00:00+01:00"),
        ("America/New_York", "2026-11-01", "2026-11-01T00:00:00-04:00"),
    ] as [(String, String, String)])
    func startOfDayIsLocalMidnight(zone: String, date: String, expected: String) {
        #expect(BusinessCalendar.nineToFive(zone).startOfDay(LocalDate(date)!) == .iso(expected))
    }

    @Test("Wall-clock conversion agrees with Foundation's Calendar every half hour of 2026", arguments: [
        "Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
    ])
    func agreesWithFoundation(zone: String) {
        // given
        let calendar = BusinessCalendar.nineToFive(zone)
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        var mismatches: [String] = []
        // when
        let year = BusinessCalendar.dayNumber(LocalDate("2026-01-01")!)...BusinessCalendar.dayNumber(LocalDate("2026-12-31")!)
        for dayNumber in year {
            let date = BusinessCalendar.localDate(dayNumber: dayNumber)
            for minutes in stride(from: 0, to: 1_440, by: 30) {
                let time = LocalTime(hour: minutes / 60, minute: minutes % 60)
                let ours = calendar.instant(date, time)
                let theirs = gregorian.date(from: DateComponents(
                    year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute
                ))
                let parts = gregorian.dateComponents([.year, .month, .day], from: ours)
                let theirDay = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
                if ours != theirs || calendar.localDate(of: ours) != theirDay {
                    mismatches.append("\(date) \(time)")
                }
            }
        }
        // then
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("Day numbers round-trip and agree with Foundation's proleptic dates from 1700 to 2240")
    func dayNumbersRoundTrip() {
        // given 1970-01-01 was a Thursday
        #expect(BusinessCalendar.dayNumber(LocalDate(year: 1970, month: 1, day: 1)) == 0)
        #expect(BusinessCalendar.weekday(dayNumber: 0) == .thursday)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        var mismatches: [Int] = []
        // when
        for number in -100_000...100_000 {
            let date = BusinessCalendar.localDate(dayNumber: number)
            let parts = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(number) * 86_400))
            let theirs = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
            if BusinessCalendar.dayNumber(date) != number || date != theirs {
                mismatches.append(number)
            }
        }
        // then
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(BusinessCalendar.standardChina.weekday(of: LocalDate("2026-10-10")!) == .saturday)
        #expect(BusinessCalendar.standardChina.weekday(of: LocalDate("2026-09-20")!) == .sunday)
        #expect(BusinessCalendar.standardChina.weekday(of: LocalDate("2028-02-29")!) == .tuesday)
    }
}
