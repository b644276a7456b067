import Foundation
import Testing
@testable import KefuDomain

/// Offices in zones with daylight saving. Berlin: 2026-03-29 02:00→03:00, 2026-10-25 03:00→02:00.
/// New York: 2026-03-08 02:00→03:00, 2026-11-01 02:00→01:00.
@Suite("Business calendar: other time zones and daylight saving")
struct ForeignZoneTests {
    @Test("The same instant is counted on each office's own wall clock", arguments: [
        ("Asia/Shanghai", "2026-03-03T10:00:00+08:00"),   // 16:00 locally: one hour today, one tomorrow
        ("Europe/Berlin", "2026-03-02T11:00:00+01:00"),   // 09:00 locally
        ("America/New_York", "2026-03-02T11:00:00-05:00"), // 03:00 locally: counting starts at 09:00
    ] as [(String, String)])
    func eachOfficeUsesItsZone(zone: String, expected: String) {
        // given
        let start = Date.iso("2026-03-02T08:00:00Z")
        // when
        let due = BusinessCalendar.nineToFive(zone).addingBusinessTime(2 * 3_600, to: start)
        // then
        #expect(due == .iso(expected))
    }

    @Test("Business hours over a daylight-saving weekend are real working hours", arguments: [
        ("Europe/Berlin", "2026-03-27T16:00:00+01:00", "2026-03-30T10:00:00+02:00"),
        ("Europe/Berlin", "2026-10-23T16:00:00+02:00", "2026-10-26T10:00:00+01:00"),
        ("America/New_York", "2026-03-06T16:00:00-05:00", "2026-03-09T10:00:00-04:00"),
        ("America/New_York", "2026-10-30T16:30:00-04:00", "2026-11-02T10:30:00-05:00"),
    ] as [(String, String, String)])
    func acrossDaylightSavingWeekend(zone: String, start: String, expected: String) {
        // given
        let calendar = BusinessCalendar.nineToFive(zone)
        // when
        let due = calendar.addingBusinessTime(2 * 3_600, to: .iso(start))
        // then
        #expect(due == .iso(expected))
        #expect(calendar.businessTime(from: .iso(start), to: due) == 2 * 3_600)
    }

    @Test("Round the clock, a spring-forward day has 23 business hours and a fall-back day 25", arguments: [
        ("2026-03-28T12:00:00+01:00", "2026-03-29T12:00:00+02:00", 23 * 3_600.0, "2026-03-29T13:00:00+02:00"),
        ("2026-10-24T12:00:00+02:00", "2026-10-25T12:00:00+01:00", 25 * 3_600.0, "2026-10-25T11:00:00+01:00"),
    ] as [(String, String, TimeInterval, String)])
    func roundTheClockCountsRealHours(from: String, sameTimeNextDay: String, hours: TimeInterval, plus24Hours: String) {
        // given
        let calendar = BusinessCalendar.roundTheClock("Europe/Berlin")
        // when
        let measured = calendar.businessTime(from: .iso(from), to: .iso(sameTimeNextDay))
        let due = calendar.addingBusinessTime(24 * 3_600, to: .iso(from))
        // then
        #expect(measured == hours)
        #expect(due == .iso(plus24Hours))
        #expect(calendar.addingNaturalDays(1, to: .iso(from)) == .iso(sameTimeNextDay))
    }

    @Test("A night shift spanning the clock change counts the hours actually worked", arguments: [
        ("2026-03-29", "2026-03-29T00:00:00+01:00", "2026-03-29T06:00:00+02:00", 5 * 3_600.0),
        ("2026-10-25", "2026-10-25T00:00:00+02:00", "2026-10-25T06:00:00+01:00", 7 * 3_600.0),
        ("2026-03-22", "2026-03-22T00:00:00+01:00", "2026-03-22T06:00:00+01:00", 6 * 3_600.0),
    ] as [(String, String, String, TimeInterval)])
    func nightShiftAcrossClockChange(date: String, shiftStart: String, shiftEnd: String, worked: TimeInterval) {
        // given Sundays 00:00–06:00 in Berlin
        let calendar = BusinessCalendar(
            timeZone: TimeZone(identifier: "Europe/Berlin")!, weeklySpans: [.sunday: [WorkSpan("00:00-06:00")!]]
        )
        // when
        let measured = calendar.businessTime(from: .iso(shiftStart), to: .iso(shiftEnd))
        let due = calendar.addingBusinessTime(worked, to: .iso(shiftStart))
        // then
        #expect(calendar.instant(LocalDate(date)!, LocalTime("06:00")!) == .iso(shiftEnd))
        #expect(measured == worked)
        #expect(due == .iso(shiftEnd))
    }

    @Test("Working days keep the wall-clock time across a daylight-saving change", arguments: [
        ("America/New_York", "2026-03-06T10:00:00-05:00", "2026-03-09T10:00:00-04:00"),
        ("America/New_York", "2026-10-30T10:00:00-04:00", "2026-11-02T10:00:00-05:00"),
        ("Europe/Berlin", "2026-03-27T10:00:00+01:00", "2026-03-30T10:00:00+02:00"),
    ] as [(String, String, String)])
    func workingDaysKeepWallClock(zone: String, start: String, expected: String) {
        #expect(BusinessCalendar.nineToFive(zone).addingWorkingDays(1, to: .iso(start)) == .iso(expected))
    }

    @Test("Measuring undoes adding in New York across both 2026 clock changes",
          arguments: ["2026-03-06T09:00:00-05:00", "2026-03-06T16:59:00-05:00", "2026-10-30T12:34:56-04:00"],
          [1, 3_600, 8 * 3_600, 8 * 3_600 + 1, 41 * 3_600] as [TimeInterval])
    func inverseAcrossDaylightSaving(start: String, seconds: TimeInterval) {
        // given
        let calendar = BusinessCalendar.nineToFive("America/New_York")
        // when
        let due = calendar.addingBusinessTime(seconds, to: .iso(start))
        // then
        #expect(calendar.businessTime(from: .iso(start), to: due) == seconds)
    }
}
