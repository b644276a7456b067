import Foundation
import Testing
@testable import KefuDomain

@Suite("Meetings: recurring dates from the rulebook")
struct MeetingScheduleTests {
    /// Mon 2026-11-23 10:00 +08:00.
    let now = Date(timeIntervalSince1970: 1_795_399_200)

    @Test("MTG-02 the monthly agents' meeting is on the Friday before the 25th (2026-11-20), else next month's (2026-12-18)")
    func monthly() throws {
        let book = try RulebookFixture.standard()
        #expect(MeetingSchedule.monthlyDay(year: 2026, month: 11, rules: book.meetings, calendar: book.calendar) == LocalDate(year: 2026, month: 11, day: 20))
        let next = try #require(MeetingSchedule.next(.monthlyAgents, after: now, rules: book.meetings, calendar: book.calendar))
        #expect(book.calendar.localDate(of: next) == LocalDate(year: 2026, month: 12, day: 18))
    }

    @Test("MTG-03 the daily meeting is at 8:00 on the next working day; MTG-01 the weekly 班务会 on the rulebook's weekday")
    func dailyAndWeekly() throws {
        let book = try RulebookFixture.standard()
        let daily = try #require(MeetingSchedule.next(.preShift, after: now, rules: book.meetings, calendar: book.calendar))
        #expect(book.calendar.localDate(of: daily) == LocalDate(year: 2026, month: 11, day: 24))
        #expect(daily == book.calendar.instant(LocalDate(year: 2026, month: 11, day: 24), LocalTime(hour: 8, minute: 0)))
        let weekly = try #require(MeetingSchedule.next(.weeklyAffairs, after: now, rules: book.meetings, calendar: book.calendar))
        #expect(book.calendar.weekday(of: book.calendar.localDate(of: weekly)) == book.meetings.weeklyOn)
        #expect(MeetingSchedule.next(.annualSummary, after: now, rules: book.meetings, calendar: book.calendar) == nil)
    }

    @Test("MTG-14 leave is due one hour before the start by default")
    func leaveDeadline() throws {
        let book = try RulebookFixture.standard()
        #expect(MeetingSchedule.leaveDeadline(start: now, rules: book.meetings) == now.addingTimeInterval(-3_600))
    }
}
