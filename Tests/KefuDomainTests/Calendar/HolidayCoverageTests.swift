import Foundation
@testable import KefuDomain
import Testing

/// SHF-16: a year without public holidays is warned about — the current year at once, the coming year from
/// 1 November (local time) — and nothing else depends on it.
@Suite("Holiday coverage warnings (SHF-16)")
struct HolidayCoverageTests {
    let calendar = try! RulebookFixture.standard().calendar

    @Test("SHF-16 the shipped rulebook holds 2025 and 2026: no warning on 31 October 2026 at 23:59 in Shanghai")
    func beforeNovember() {
        #expect(HolidayCoverage.warnings(calendar: calendar, now: .iso("2026-10-31T23:59:00+08:00")).isEmpty)
    }

    @Test("SHF-16 from 1 November 00:00 in Shanghai (still 31 October in UTC) the coming year's missing holidays are warned about")
    func fromNovember() {
        #expect(HolidayCoverage.warnings(calendar: calendar, now: .iso("2026-11-01T00:00:00+08:00")) == [.nextYearMissing(2027)])
        #expect(HolidayCoverage.warnings(calendar: calendar, now: .t0) == [.nextYearMissing(2027)])
        #expect(HolidayCoverage.warnings(calendar: calendar, now: .iso("2026-12-31T23:59:59+08:00")) == [.nextYearMissing(2027)])
    }

    @Test("SHF-16 on 1 January 2027 in Shanghai the current year has no holidays; from November the next one too")
    func newYear() {
        #expect(HolidayCoverage.warnings(calendar: calendar, now: .iso("2027-01-01T00:00:00+08:00")) == [.currentYearMissing(2027)])
        #expect(HolidayCoverage.warnings(calendar: calendar, now: .iso("2027-11-02T09:00:00+08:00"))
                == [.currentYearMissing(2027), .nextYearMissing(2028)])
    }

    @Test("SHF-16 a version scheduled for 1 January that holds the coming year silences the November warning")
    func scheduledVersionCounts() throws {
        let coming = BusinessCalendar(timeZone: calendar.timeZone, weeklySpans: calendar.weeklySpans,
                                      holidays: calendar.holidays.union([LocalDate(year: 2027, month: 1, day: 1)]))
        #expect(HolidayCoverage.warnings(calendar: calendar, now: .t0, comingYear: coming).isEmpty)
    }

    @Test("SHF-16 the years are read in the calendar's own time zone")
    func timeZone() {
        let utc = BusinessCalendar(timeZone: TimeZone(identifier: "UTC")!, weeklySpans: calendar.weeklySpans, holidays: calendar.holidays)
        // 2026-11-01 00:00 in Shanghai is still October in UTC.
        #expect(HolidayCoverage.warnings(calendar: utc, now: .iso("2026-11-01T00:00:00+08:00")).isEmpty)
        #expect(HolidayCoverage.years(calendar) == [2025, 2026])
    }
}
