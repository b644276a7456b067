import Foundation
import Testing
@testable import KefuDomain

/// Standard calendar (Monday–Friday 08:30–12:00, 13:30–17:30, Asia/Shanghai); 2026-03-06 is a Friday.
@Suite("Business calendar: rulebook deadlines, pausing and resuming")
struct BusinessCalendarDeadlineTests {
    let calendar = BusinessCalendar.standardChina

    /// One duration of each unit from Friday 16:30, an hour before the weekend.
    static let fridayDeadlines: [(DurationSpec, String)] = [
        (DurationSpec(value: 90, unit: .seconds), "2026-03-06T16:31:30+08:00"),
        (DurationSpec(value: 90, unit: .minutes), "2026-03-06T18:00:00+08:00"),
        (DurationSpec(value: 2, unit: .hours), "2026-03-06T18:30:00+08:00"),
        (DurationSpec(value: 1, unit: .naturalDays), "2026-03-07T16:30:00+08:00"),
        (DurationSpec(value: 90, unit: .businessMinutes), "2026-03-09T09:00:00+08:00"),
        (DurationSpec(value: 2, unit: .businessHours), "2026-03-09T09:30:00+08:00"),
        (DurationSpec(value: 1, unit: .workingDays), "2026-03-09T16:30:00+08:00"),
    ]

    @Test("A deadline is counted according to its unit", arguments: fridayDeadlines)
    func deadlinePerUnit(duration: DurationSpec, expected: String) {
        // given
        let start = Date.iso("2026-03-06T16:30:00+08:00")
        // when
        let due = calendar.deadline(from: start, adding: duration)
        // then
        #expect(due == .iso(expected), "\(duration)")
    }

    @Test("Every time unit has a deadline example")
    func everyUnitIsCovered() {
        #expect(Set(Self.fridayDeadlines.map(\.0.unit)) == Set(TimeUnit.allCases))
    }

    @Test("A zero duration is due at the start, whatever the unit", arguments: TimeUnit.allCases)
    func zeroDurationIsDueAtStart(unit: TimeUnit) {
        let saturday = Date.iso("2026-03-07T10:00:00+08:00")
        #expect(calendar.deadline(from: saturday, adding: DurationSpec(value: 0, unit: unit)) == saturday)
    }

    @Test("Pausing and resuming at the same instant keeps the due date", arguments: fridayDeadlines)
    func pauseAndResumeAtOnceChangesNothing(duration: DurationSpec, _ expected: String) {
        // given
        let due = calendar.deadline(from: .iso("2026-03-06T16:30:00+08:00"), adding: duration)
        let now = Date.iso("2026-03-06T16:45:00+08:00")
        // when
        let left = calendar.remaining(until: due, from: now, unit: duration.unit)
        // then
        #expect(calendar.resumedDeadline(remaining: left, unit: duration.unit, from: now) == due, "\(duration)")
    }

    @Test("A clock paused on Friday 16:30 with 2 business hours left resumes on Monday with those 2 hours", arguments: [
        ("2026-03-09T10:00:00+08:00", "2026-03-09T12:00:00+08:00"),
        ("2026-03-09T11:00:00+08:00", "2026-03-09T14:30:00+08:00"),   // one hour before lunch, one after
        ("2026-03-09T12:15:00+08:00", "2026-03-09T15:30:00+08:00"),   // resumed during lunch
        ("2026-03-09T17:00:00+08:00", "2026-03-10T10:00:00+08:00"),
    ] as [(String, String)])
    func pauseOverWeekend(resumedAt: String, expected: String) {
        // given a 2 business-hour clock started and paused on Friday at 16:30
        let pausedAt = Date.iso("2026-03-06T16:30:00+08:00")
        let due = calendar.deadline(from: pausedAt, adding: DurationSpec(value: 2, unit: .businessHours))
        // when
        let left = calendar.remaining(until: due, from: pausedAt, unit: .businessHours)
        let resumed = calendar.resumedDeadline(remaining: left, unit: .businessHours, from: .iso(resumedAt))
        // then
        #expect(left == 2 * 3_600)
        #expect(resumed == .iso(expected))
    }

    @Test("Pausing outside working time keeps all the business time left", arguments: [
        "2026-03-06T17:30:00+08:00", "2026-03-06T20:00:00+08:00", "2026-03-07T12:00:00+08:00", "2026-03-09T08:30:00+08:00",
    ])
    func pauseOutsideWorkingTime(pausedAt: String) {
        // given a deadline due Monday 09:30
        let due = Date.iso("2026-03-09T09:30:00+08:00")
        // when / then
        #expect(calendar.remaining(until: due, from: .iso(pausedAt), unit: .businessMinutes) == 3_600)
    }

    @Test("A paused working-day clock resumes as the working time it had left")
    func pauseWorkingDays() {
        // given Monday 10:00 plus one working day is Tuesday 10:00; paused Monday 15:00
        let due = calendar.deadline(from: .iso("2026-03-02T10:00:00+08:00"), adding: DurationSpec(value: 1, unit: .workingDays))
        let left = calendar.remaining(until: due, from: .iso("2026-03-02T15:00:00+08:00"), unit: .workingDays)
        // when resumed Wednesday 09:00: 3 hours before lunch, 1 after
        let resumed = calendar.resumedDeadline(remaining: left, unit: .workingDays, from: .iso("2026-03-04T09:00:00+08:00"))
        // then
        #expect(due == .iso("2026-03-03T10:00:00+08:00"))
        #expect(left == 4 * 3_600)
        #expect(resumed == .iso("2026-03-04T14:30:00+08:00"))
    }

    @Test("An overdue natural clock keeps its overdue time across a pause")
    func overdueNaturalClock() {
        // given due Friday 16:00, paused at 16:30
        let due = Date.iso("2026-03-06T16:00:00+08:00"), pausedAt = Date.iso("2026-03-06T16:30:00+08:00")
        let left = calendar.remaining(until: due, from: pausedAt, unit: .hours)
        // when
        let resumed = calendar.resumedDeadline(remaining: left, unit: .hours, from: .iso("2026-03-09T10:00:00+08:00"))
        // then
        #expect(left == -1_800)
        #expect(resumed == .iso("2026-03-09T09:30:00+08:00"))
    }

    @Test("An overdue business clock has nothing left and is due as soon as it resumes")
    func overdueBusinessClock() {
        // given due Friday 16:00, paused at 16:30
        let due = Date.iso("2026-03-06T16:00:00+08:00"), pausedAt = Date.iso("2026-03-06T16:30:00+08:00")
        let left = calendar.remaining(until: due, from: pausedAt, unit: .businessHours)
        // when
        let resumed = calendar.resumedDeadline(remaining: left, unit: .businessHours, from: .iso("2026-03-09T10:00:00+08:00"))
        // then
        #expect(left == 0)
        #expect(resumed == .iso("2026-03-09T10:00:00+08:00"))
    }

    @Test("A natural-day clock pauses as elapsed seconds")
    func pauseNaturalDays() {
        // given Friday 16:30 plus one natural day is Saturday 16:30; paused Friday 20:30
        let due = calendar.deadline(from: .iso("2026-03-06T16:30:00+08:00"), adding: DurationSpec(value: 1, unit: .naturalDays))
        let left = calendar.remaining(until: due, from: .iso("2026-03-06T20:30:00+08:00"), unit: .naturalDays)
        // when
        let resumed = calendar.resumedDeadline(remaining: left, unit: .naturalDays, from: .iso("2026-03-09T10:00:00+08:00"))
        // then
        #expect(left == 20 * 3_600)
        #expect(resumed == .iso("2026-03-10T06:00:00+08:00"))
    }

    @Test("A never-due clock on a calendar without working time stays never due through a pause")
    func neverDueRoundTrip() {
        // given
        let calendar = BusinessCalendar.neverWorking
        let due = calendar.deadline(from: .t0, adding: DurationSpec(value: 30, unit: .businessMinutes))
        // when
        let left = calendar.remaining(until: due, from: .t0, unit: .businessMinutes)
        let resumed = calendar.resumedDeadline(remaining: left, unit: .businessMinutes, from: .t0.addingTimeInterval(86_400))
        // then
        #expect(due == .distantFuture)
        #expect(left == .infinity)
        #expect(resumed == .distantFuture)
    }
}
