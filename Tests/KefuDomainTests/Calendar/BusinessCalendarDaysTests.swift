import Foundation
import Testing
@testable import KefuDomain

@Suite("Business calendar: working days and spans")
struct BusinessCalendarDaysTests {
    static let weekdaySpans = [WorkSpan("08:30-12:00")!, WorkSpan("13:30-17:30")!]

    @Test("Weekdays are worked with a lunch break, weekends are not", arguments: [
        ("2026-03-02", true), ("2026-03-03", true), ("2026-03-04", true), ("2026-03-05", true),
        ("2026-03-06", true), ("2026-03-07", false), ("2026-03-08", false),
    ] as [(String, Bool)])
    func standardWeek(date: String, working: Bool) {
        // given
        let calendar = BusinessCalendar.standardChina
        // when
        let spans = calendar.spans(on: LocalDate(date)!)
        // then
        #expect(calendar.isWorkingDay(LocalDate(date)!) == working)
        #expect(spans == (working ? Self.weekdaySpans : []))
    }

    @Test("A holiday has no spans even on a weekday; a make-up day uses the make-up spans", arguments: [
        ("2026-10-01", false),  // Thursday, National Day
        ("2026-10-07", false),  // Wednesday, still the holiday
        ("2026-10-08", true),   // Thursday, back to work
        ("2026-09-20", true),   // Sunday, make-up workday
        ("2026-10-10", true),   // Saturday, make-up workday
        ("2026-10-11", false),  // Sunday, an ordinary rest day
    ] as [(String, Bool)])
    func holidaysAndMakeUpDays(date: String, working: Bool) {
        // given
        let calendar = BusinessCalendar.chinaNationalDay2026
        // when
        let spans = calendar.spans(on: LocalDate(date)!)
        // then
        #expect(calendar.isWorkingDay(LocalDate(date)!) == working)
        #expect(spans == (working ? Self.weekdaySpans : []))
    }

    @Test("Make-up days use their own spans when the calendar names them")
    func makeUpSpansAreConfigurable() {
        // given a make-up Saturday worked only in the morning
        let morning = [WorkSpan("09:00-12:00")!]
        let calendar = BusinessCalendar(
            timeZone: BusinessCalendar.standardChina.timeZone,
            weeklySpans: BusinessCalendar.standardChina.weeklySpans,
            makeUpWorkdays: [LocalDate("2026-10-10")!],
            makeUpSpans: morning
        )
        // when
        let spans = calendar.spans(on: LocalDate("2026-10-10")!)
        // then
        #expect(spans == morning)
        #expect(calendar.addingBusinessTime(3_600, to: .iso("2026-10-09T17:00:00+08:00")) == .iso("2026-10-10T09:30:00+08:00"))
    }

    @Test("A date that is both a holiday and a make-up day is a holiday")
    func holidayWinsOverMakeUp() {
        // given
        let date = LocalDate("2026-10-03")!
        let calendar = BusinessCalendar(
            timeZone: BusinessCalendar.standardChina.timeZone,
            weeklySpans: BusinessCalendar.standardChina.weeklySpans,
            holidays: [date], makeUpWorkdays: [date]
        )
        // when / then
        #expect(calendar.spans(on: date).isEmpty)
        #expect(!calendar.isWorkingDay(date))
    }

    @Test("Weekly spans are used sorted even when configured out of order")
    func spansAreSorted() {
        // given
        let calendar = BusinessCalendar(
            timeZone: BusinessCalendar.standardChina.timeZone,
            weeklySpans: [.monday: [WorkSpan("13:30-17:30")!, WorkSpan("08:30-12:00")!]]
        )
        // when
        let due = calendar.addingBusinessTime(60, to: .iso("2026-03-02T08:00:00+08:00"))
        // then
        #expect(calendar.spans(on: LocalDate("2026-03-02")!) == Self.weekdaySpans)
        #expect(due == .iso("2026-03-02T08:31:00+08:00"))
    }
}
