import Foundation
import Testing
@testable import KefuDomain

/// China's 2026 National Day: Thursday 10-01 … Wednesday 10-07 off; Sunday 09-20 and Saturday 10-10 worked (调休).
@Suite("Business calendar: a holiday week with make-up workdays")
struct NationalDayHolidayTests {
    let calendar = BusinessCalendar.chinaNationalDay2026

    @Test("Business time jumps over the holiday week", arguments: [
        ("last afternoon before the holiday", "2026-09-30T17:00:00+08:00", 3_600.0, "2026-10-08T09:00:00+08:00"),
        ("a full day before the holiday", "2026-09-30T08:30:00+08:00", 8 * 3_600.0, "2026-10-08T09:00:00+08:00"),
        ("starting on a holiday", "2026-10-03T10:00:00+08:00", 30 * 60.0, "2026-10-08T09:00:00+08:00"),
        ("starting on the last holiday evening", "2026-10-07T20:00:00+08:00", 4 * 3_600.0, "2026-10-08T14:00:00+08:00"),
        ("two working days across the holiday", "2026-09-30T10:00:00+08:00", 15 * 3_600.0, "2026-10-09T10:00:00+08:00"),
    ] as [(String, String, TimeInterval, String)])
    func skipsHolidays(_ label: String, start: String, seconds: TimeInterval, expected: String) {
        #expect(calendar.addingBusinessTime(seconds, to: .iso(start)) == .iso(expected), "\(label)")
    }

    @Test("The make-up Saturday after the holiday is worked")
    func makeUpSaturdayIsWorked() {
        // given Friday 10-09 at 17:00, half an hour before closing
        let start = Date.iso("2026-10-09T17:00:00+08:00")
        // when
        let due = calendar.addingBusinessTime(3_600, to: start)
        // then it is due on Saturday 10-10, not Monday 10-12
        #expect(due == .iso("2026-10-10T09:00:00+08:00"))
        #expect(calendar.isWorkingDay(LocalDate("2026-10-10")!))
    }

    @Test("The make-up Sunday before the holiday is worked")
    func makeUpSundayIsWorked() {
        // given Friday 09-18 at 17:00
        let start = Date.iso("2026-09-18T17:00:00+08:00")
        // when
        let due = calendar.addingBusinessTime(3_600, to: start)
        // then Saturday 09-19 is a rest day, Sunday 09-20 is worked
        #expect(due == .iso("2026-09-20T09:00:00+08:00"))
    }

    @Test("Without the holiday calendar the same deadline falls inside the holiday")
    func plainCalendarWorksThroughHoliday() {
        #expect(BusinessCalendar.standardChina.addingBusinessTime(3_600, to: .iso("2026-09-30T17:00:00+08:00"))
            == .iso("2026-10-01T09:00:00+08:00"))
    }

    @Test("The holiday week holds exactly one working day between two Wednesday mornings")
    func measuresAcrossHoliday() {
        // when
        let measured = calendar.businessTime(from: .iso("2026-09-30T08:30:00+08:00"), to: .iso("2026-10-08T08:30:00+08:00"))
        // then
        #expect(measured == 7.5 * 3_600)
    }

    @Test("Working days skip the holiday and count the make-up Saturday", arguments: [
        ("2026-09-30T10:00:00+08:00", 1, "2026-10-08T10:00:00+08:00"),
        ("2026-09-30T10:00:00+08:00", 3, "2026-10-10T10:00:00+08:00"),
        ("2026-10-08T10:00:00+08:00", 2, "2026-10-10T10:00:00+08:00"),
        ("2026-10-09T10:00:00+08:00", 2, "2026-10-12T10:00:00+08:00"),
        ("2026-09-18T15:00:00+08:00", 1, "2026-09-20T15:00:00+08:00"),
        ("2026-10-02T15:00:00+08:00", 1, "2026-10-09T08:30:00+08:00"),  // a holiday start counts from 10-08 08:30
    ] as [(String, Int, String)])
    func workingDaysAcrossHoliday(start: String, days: Int, expected: String) {
        #expect(calendar.addingWorkingDays(days, to: .iso(start)) == .iso(expected))
    }

    @Test("Natural days ignore the holiday")
    func naturalDaysIgnoreHoliday() {
        #expect(calendar.addingNaturalDays(3, to: .iso("2026-09-30T10:00:00+08:00")) == .iso("2026-10-03T10:00:00+08:00"))
    }

    @Test("An 8 business-hour deadline from the last afternoon resumes after the holiday")
    func businessHoursDeadlineAcrossHoliday() {
        // given
        let start = Date.iso("2026-09-30T13:30:00+08:00")
        // when 4 hours on 09-30, 3.5 hours on the morning of 10-08, half an hour after lunch
        let due = calendar.deadline(from: start, adding: DurationSpec(value: 8, unit: .businessHours))
        // then
        #expect(due == .iso("2026-10-08T14:00:00+08:00"))
    }
}
