import Foundation
import Testing
@testable import KefuDomain

/// Standard calendar (Monday–Friday 08:30–12:00, 13:30–17:30, Asia/Shanghai); 2026-03-06 is a Friday.
@Suite("Business calendar: working days and natural days")
struct WorkingAndNaturalDaysTests {
    @Test("Working days keep the wall-clock time of a start inside working hours", arguments: [
        ("Friday to Monday", "2026-03-06T10:00:00+08:00", 1, "2026-03-09T10:00:00+08:00"),
        ("Monday to Tuesday", "2026-03-02T16:45:00+08:00", 1, "2026-03-03T16:45:00+08:00"),
        ("Wednesday plus three", "2026-03-04T10:00:00+08:00", 3, "2026-03-09T10:00:00+08:00"),
        ("a working week", "2026-03-02T08:30:00+08:00", 5, "2026-03-09T08:30:00+08:00"),
        ("twenty working days", "2026-03-02T11:00:00+08:00", 20, "2026-03-30T11:00:00+08:00"),
        ("the last second before closing", "2026-03-06T17:29:59+08:00", 1, "2026-03-09T17:29:59+08:00"),
    ] as [(String, String, Int, String)])
    func keepsWallClock(_ label: String, start: String, days: Int, expected: String) {
        #expect(BusinessCalendar.standardChina.addingWorkingDays(days, to: .iso(start)) == .iso(expected), "\(label)")
    }

    @Test("Working days from outside a span count from the next span start", arguments: [
        ("Saturday morning", "2026-03-07T10:00:00+08:00", 1, "2026-03-10T08:30:00+08:00"),
        ("Sunday night", "2026-03-08T23:59:00+08:00", 1, "2026-03-10T08:30:00+08:00"),
        ("Friday evening", "2026-03-06T20:00:00+08:00", 1, "2026-03-10T08:30:00+08:00"),
        ("exactly Friday's closing", "2026-03-06T17:30:00+08:00", 1, "2026-03-10T08:30:00+08:00"),
        ("Monday before opening", "2026-03-09T07:00:00+08:00", 1, "2026-03-10T08:30:00+08:00"),
        ("Monday lunch break", "2026-03-09T12:30:00+08:00", 2, "2026-03-11T13:30:00+08:00"),
    ] as [(String, String, Int, String)])
    func outsideSpansStartAtNextSpan(_ label: String, start: String, days: Int, expected: String) {
        #expect(BusinessCalendar.standardChina.addingWorkingDays(days, to: .iso(start)) == .iso(expected), "\(label)")
    }

    @Test("Zero or negative working days return the start unchanged", arguments: [0, -1, -5])
    func nonPositiveWorkingDaysAreIdentity(days: Int) {
        let saturday = Date.iso("2026-03-07T10:00:00+08:00")
        #expect(BusinessCalendar.standardChina.addingWorkingDays(days, to: saturday) == saturday)
    }

    @Test("Working days past the year 4001 give distantFuture")
    func workingDaysPastDistantFuture() {
        // given half a year before distantFuture
        let lateStart = Date.distantFuture.addingTimeInterval(-180 * 86_400)
        // when / then
        #expect(BusinessCalendar.standardChina.addingWorkingDays(1_000, to: lateStart) == .distantFuture)
        #expect(BusinessCalendar.standardChina.addingWorkingDays(10, to: lateStart) < .distantFuture)
    }

    @Test("A later start never gives an earlier working-day deadline")
    func workingDaysAreMonotonic() {
        // given starts every 11 minutes over two weeks
        let calendar = BusinessCalendar.chinaNationalDay2026
        let first = Date.iso("2026-09-26T00:00:00+08:00")
        let starts = (0..<(14 * 24 * 60 / 11)).map { first.addingTimeInterval(Double($0) * 11 * 60) }
        for days in [1, 2, 5] {
            // when
            let dues = starts.map { calendar.addingWorkingDays(days, to: $0) }
            // then
            #expect(zip(dues, dues.dropFirst()).allSatisfy { $0 <= $1 }, "\(days)")
        }
    }

    @Test("Natural days keep the wall-clock time at 23:30 local", arguments: [
        ("Asia/Shanghai", "2026-03-06T23:30:00+08:00", 1, "2026-03-07T23:30:00+08:00"),
        ("Asia/Shanghai", "2026-03-31T23:30:00+08:00", 1, "2026-04-01T23:30:00+08:00"),
        ("Asia/Shanghai", "2026-12-31T23:30:00+08:00", 6, "2027-01-06T23:30:00+08:00"),
        ("Asia/Shanghai", "2028-02-28T23:30:00+08:00", 1, "2028-02-29T23:30:00+08:00"),
        ("Asia/Shanghai", "2026-03-07T23:30:00+08:00", -1, "2026-03-06T23:30:00+08:00"),
        ("Asia/Shanghai", "2026-03-03T07:30:00+08:00", 1, "2026-03-04T07:30:00+08:00"),  // local date ≠ UTC date
        ("America/New_York", "2026-03-07T23:30:00-05:00", 1, "2026-03-08T23:30:00-04:00"),  // 23 hours
        ("America/New_York", "2026-10-31T23:30:00-04:00", 1, "2026-11-01T23:30:00-05:00"),  // 25 hours
        ("Europe/Berlin", "2026-03-28T23:30:00+01:00", 1, "2026-03-29T23:30:00+02:00"),
        ("Europe/Berlin", "2026-10-24T23:30:00+02:00", 1, "2026-10-25T23:30:00+01:00"),
        ("Europe/Berlin", "2026-03-28T02:30:00+01:00", 1, "2026-03-29T03:30:00+02:00"),  // 02:30 does not exist
    ] as [(String, String, Int, String)])
    func naturalDaysKeepWallClock(zone: String, start: String, days: Int, expected: String) {
        #expect(BusinessCalendar.nineToFive(zone).addingNaturalDays(days, to: .iso(start)) == .iso(expected))
    }

    @Test("Zero natural days return the start unchanged, even in a repeated hour")
    func zeroNaturalDaysIsIdentity() {
        // given the second 02:30 of Berlin's fall-back night
        let start = Date.iso("2026-10-25T02:30:00+01:00")
        // when / then
        #expect(BusinessCalendar.nineToFive("Europe/Berlin").addingNaturalDays(0, to: start) == start)
    }

    @Test("Natural days keep fractions of a second")
    func naturalDaysKeepFractions() {
        let start = Date.iso("2026-03-06T23:30:15.250+08:00")
        #expect(BusinessCalendar.standardChina.addingNaturalDays(2, to: start) == .iso("2026-03-08T23:30:15.250+08:00"))
    }
}
