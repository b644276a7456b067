import Foundation
import Testing
@testable import KefuDomain

/// The standard calendar: Monday–Friday 08:30–12:00 and 13:30–17:30, Asia/Shanghai. 2026-03-02 is a Monday.
@Suite("Business calendar: adding business time")
struct AddingBusinessTimeTests {
    @Test("Business time skips lunch, nights and weekends", arguments: [
        ("across lunch", "2026-03-02T11:50:00+08:00", 20 * 60.0, "2026-03-02T13:40:00+08:00"),
        ("overnight", "2026-03-02T17:20:00+08:00", 30 * 60.0, "2026-03-03T08:50:00+08:00"),
        ("over the weekend", "2026-03-06T17:00:00+08:00", 3_600.0, "2026-03-09T09:00:00+08:00"),
        ("inside one span", "2026-03-02T09:00:00+08:00", 3_600.0, "2026-03-02T10:00:00+08:00"),
        ("using up a morning exactly", "2026-03-02T11:00:00+08:00", 3_600.0, "2026-03-02T12:00:00+08:00"),
        ("using up a day exactly", "2026-03-02T16:30:00+08:00", 3_600.0, "2026-03-02T17:30:00+08:00"),
        ("a whole working day", "2026-03-02T08:30:00+08:00", 7.5 * 3_600, "2026-03-02T17:30:00+08:00"),
        ("a whole working week", "2026-03-02T08:30:00+08:00", 5 * 7.5 * 3_600, "2026-03-06T17:30:00+08:00"),
        ("a week and a minute", "2026-03-02T08:30:00+08:00", 5 * 7.5 * 3_600 + 60, "2026-03-09T08:31:00+08:00"),
        ("three working days from mid-morning", "2026-03-04T10:00:00+08:00", 3 * 7.5 * 3_600, "2026-03-09T10:00:00+08:00"),
        ("one second", "2026-03-02T11:59:59+08:00", 1.0, "2026-03-02T12:00:00+08:00"),
        ("half a second", "2026-03-02T11:59:59.5+08:00", 1.0, "2026-03-02T13:30:00.5+08:00"),
    ] as [(String, String, TimeInterval, String)])
    func skipsNonWorkingTime(_ label: String, start: String, seconds: TimeInterval, expected: String) {
        // given
        let calendar = BusinessCalendar.standardChina
        // when
        let due = calendar.addingBusinessTime(seconds, to: .iso(start))
        // then
        #expect(due == .iso(expected), "\(label)")
    }

    @Test("Counting from outside a span starts at the next span start", arguments: [
        ("inside lunch", "2026-03-02T12:30:00+08:00", 30 * 60.0, "2026-03-02T14:00:00+08:00"),
        ("exactly at the morning's end", "2026-03-02T12:00:00+08:00", 10 * 60.0, "2026-03-02T13:40:00+08:00"),
        ("exactly at Friday's end", "2026-03-06T17:30:00+08:00", 60.0, "2026-03-09T08:31:00+08:00"),
        ("before opening", "2026-03-02T07:00:00+08:00", 3_600.0, "2026-03-02T09:30:00+08:00"),
        ("just after midnight", "2026-03-03T00:00:00+08:00", 3_600.0, "2026-03-03T09:30:00+08:00"),
        ("late evening", "2026-03-02T22:15:00+08:00", 3_600.0, "2026-03-03T09:30:00+08:00"),
        ("on Saturday", "2026-03-07T10:00:00+08:00", 3_600.0, "2026-03-09T09:30:00+08:00"),
        ("on Sunday night", "2026-03-08T23:59:00+08:00", 4 * 3_600.0, "2026-03-09T14:00:00+08:00"),
    ] as [(String, String, TimeInterval, String)])
    func startsAtNextSpan(_ label: String, start: String, seconds: TimeInterval, expected: String) {
        // given
        let calendar = BusinessCalendar.standardChina
        // when
        let due = calendar.addingBusinessTime(seconds, to: .iso(start))
        // then
        #expect(due == .iso(expected), "\(label)")
    }

    @Test("Adding zero, a negative amount or NaN returns the start unchanged, even outside working time", arguments: [
        ("2026-03-07T10:00:00+08:00", 0.0),    // Saturday
        ("2026-03-02T12:30:00+08:00", 0.0),    // lunch
        ("2026-03-02T09:00:00+08:00", 0.0),
        ("2026-03-02T09:00:00+08:00", -60.0),
        ("2026-03-02T09:00:00+08:00", .nan),
    ] as [(String, TimeInterval)])
    func nonPositiveIsIdentity(start: String, seconds: TimeInterval) {
        #expect(BusinessCalendar.standardChina.addingBusinessTime(seconds, to: .iso(start)) == .iso(start))
    }

    @Test("A calendar with no working time gives distantFuture instead of looping forever")
    func noWorkingTimeGivesDistantFuture() {
        // given
        let calendar = BusinessCalendar.neverWorking
        // when
        let due = calendar.addingBusinessTime(60, to: .t0)
        // then
        #expect(due == .distantFuture)
        #expect(calendar.addingWorkingDays(1, to: .t0) == .distantFuture)
        #expect(calendar.deadline(from: .t0, adding: DurationSpec(value: 2, unit: .businessHours)) == .distantFuture)
    }

    @Test("Infinite or absurdly long business time gives distantFuture")
    func unboundedGivesDistantFuture() {
        // given a calendar worked one minute a week, half a year before distantFuture (year 4001)
        let sparse = BusinessCalendar(
            timeZone: BusinessCalendar.standardChina.timeZone, weeklySpans: [.monday: [WorkSpan("09:00-09:01")!]]
        )
        let lateStart = Date.distantFuture.addingTimeInterval(-180 * 86_400)
        // when / then an hour of its working time takes over a year, past distantFuture
        #expect(BusinessCalendar.standardChina.addingBusinessTime(.infinity, to: .t0) == .distantFuture)
        #expect(BusinessCalendar.standardChina.addingBusinessTime(1e15, to: .t0) == .distantFuture)
        #expect(sparse.addingBusinessTime(3_600, to: lateStart) == .distantFuture)
        #expect(sparse.addingBusinessTime(60, to: lateStart) < .distantFuture)
    }

    @Test("The search gives up after about three years without any work, however far from the start", arguments: [
        (["2028-03-01", "2029-02-26"], "2029-02-26T09:01:00+08:00"),
        (["2028-06-01", "2031-01-15"], "2031-01-15T09:01:00+08:00"),  // over four years after the start
        (["2026-11-24", "2030-01-01"], nil),                           // over three years without work
        (["2030-03-01", "2030-03-02"], nil),
    ] as [([String], String?)])
    func searchLimitCountsIdleDays(workdays: [String], expected: String?) {
        // given a calendar worked one minute a day, and only on a few make-up days
        let calendar = BusinessCalendar(
            timeZone: BusinessCalendar.standardChina.timeZone, weeklySpans: [:],
            makeUpWorkdays: Set(workdays.map { LocalDate($0)! }), makeUpSpans: [WorkSpan("09:00-09:01")!]
        )
        // when
        let due = calendar.addingBusinessTime(120, to: .t0)
        // then
        #expect(due == expected.map { .iso($0) } ?? .distantFuture)
    }

    @Test("Long durations keep counting past three years of working time")
    func longDurationsAreNotCutOff() {
        // given 200 working weeks of 37.5 hours from Monday 2026-11-23 10:00
        let seconds = 200 * 37.5 * 3_600
        // when
        let due = BusinessCalendar.standardChina.addingBusinessTime(seconds, to: .t0)
        // then
        #expect(due == .iso("2030-09-23T10:00:00+08:00"))
        #expect(BusinessCalendar.standardChina.businessTime(from: .t0, to: due) == seconds)
    }

    @Test("A later start never gives an earlier result")
    func monotonicInStart() {
        // given starts every 7 minutes over ten days, across the National Day holiday
        let calendar = BusinessCalendar.chinaNationalDay2026
        let first = Date.iso("2026-09-28T00:00:00+08:00")
        let starts = (0..<(10 * 24 * 60 / 7)).map { first.addingTimeInterval(Double($0) * 7 * 60) }
        let amounts: [TimeInterval] = [60, 3_600, 4 * 3_600, 8 * 3_600, 20 * 3_600]
        for seconds in amounts {
            // when
            let dues = starts.map { calendar.addingBusinessTime(seconds, to: $0) }
            // then
            #expect(zip(dues, dues.dropFirst()).allSatisfy { $0 <= $1 }, "\(seconds)")
            #expect(zip(starts, dues).allSatisfy { $1 >= $0.addingTimeInterval(seconds) }, "\(seconds)")
        }
    }
}
