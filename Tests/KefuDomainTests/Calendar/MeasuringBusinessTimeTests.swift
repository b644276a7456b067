import Foundation
import Testing
@testable import KefuDomain

@Suite("Business calendar: measuring business time")
struct MeasuringBusinessTimeTests {
    @Test("Business time between two instants counts only work spans", arguments: [
        ("across lunch", "2026-03-02T11:50:00+08:00", "2026-03-02T13:40:00+08:00", 20 * 60.0),
        ("over the weekend", "2026-03-06T17:00:00+08:00", "2026-03-09T09:00:00+08:00", 3_600.0),
        ("the lunch break alone", "2026-03-02T12:00:00+08:00", "2026-03-02T13:30:00+08:00", 0.0),
        ("a whole weekend", "2026-03-06T17:30:00+08:00", "2026-03-09T08:30:00+08:00", 0.0),
        ("midnight to midnight on a weekday", "2026-03-03T00:00:00+08:00", "2026-03-04T00:00:00+08:00", 7.5 * 3_600),
        ("a calendar week", "2026-03-02T00:00:00+08:00", "2026-03-09T00:00:00+08:00", 37.5 * 3_600),
        ("from a rest day into a span", "2026-03-08T12:00:00+08:00", "2026-03-09T08:45:00+08:00", 15 * 60.0),
        ("from a span into the night", "2026-03-02T17:00:00+08:00", "2026-03-02T23:00:00+08:00", 30 * 60.0),
    ] as [(String, String, String, TimeInterval)])
    func countsWorkSpans(_ label: String, from: String, to: String, expected: TimeInterval) {
        // given
        let calendar = BusinessCalendar.standardChina
        // when
        let measured = calendar.businessTime(from: .iso(from), to: .iso(to))
        // then
        #expect(measured == expected, "\(label)")
    }

    @Test("Business time is zero when the end is not after the start", arguments: [
        ("2026-03-02T10:00:00+08:00", "2026-03-02T10:00:00+08:00"),
        ("2026-03-02T10:00:00+08:00", "2026-03-02T09:00:00+08:00"),
        ("2026-03-09T10:00:00+08:00", "2026-03-02T09:00:00+08:00"),
    ] as [(String, String)])
    func zeroWhenNotAfter(from: String, to: String) {
        #expect(BusinessCalendar.standardChina.businessTime(from: .iso(from), to: .iso(to)) == 0)
    }

    @Test("Business time up to distantFuture is unbounded")
    func distantFutureIsInfinite() {
        #expect(BusinessCalendar.standardChina.businessTime(from: .t0, to: .distantFuture) == .infinity)
        #expect(BusinessCalendar.standardChina.addingBusinessTime(.infinity, to: .t0) == .distantFuture)
    }

    static let startsInsideSpans = [
        "2026-03-02T08:30:00+08:00", "2026-03-02T11:59:00+08:00", "2026-03-02T13:30:00+08:00",
        "2026-03-06T17:29:59+08:00", "2026-09-18T16:00:00+08:00", "2026-09-20T10:00:00+08:00",
        "2026-09-30T15:45:30+08:00", "2026-10-09T17:00:00+08:00", "2026-10-10T08:30:00+08:00",
        "2026-12-31T17:00:00+08:00", "2026-03-02T12:00:00+08:00",  // the end of a span counts as inside
    ]
    static let durations: [TimeInterval] = [
        1, 59, 600, 3_600, 3.5 * 3_600, 7.5 * 3_600, 7.5 * 3_600 + 1, 3 * 27_000 + 17, 100 * 3_600,
    ]

    @Test("Measuring the business time added from inside a span gives it back",
          arguments: startsInsideSpans, durations)
    func measureUndoesAdd(start: String, seconds: TimeInterval) {
        // given
        let calendar = BusinessCalendar.chinaNationalDay2026
        // when
        let due = calendar.addingBusinessTime(seconds, to: .iso(start))
        // then
        #expect(calendar.businessTime(from: .iso(start), to: due) == seconds)
        #expect(due > .iso(start))
    }

    @Test("Adding the measured business time lands on the end instant, or on the previous span's end for a span start")
    func addUndoesMeasure() {
        // given every working instant on a 13-minute grid over three weeks around National Day
        let calendar = BusinessCalendar.chinaNationalDay2026
        let first = Date.iso("2026-09-17T00:00:00+08:00")
        let grid = (0..<(21 * 24 * 60 / 13)).map { first.addingTimeInterval(Double($0) * 13 * 60) }
        let working = grid.filter { calendar.workInstant(atOrAfter: $0) == $0 }
        var failures: [String] = []
        // when
        for (index, from) in working.enumerated() where index % 5 == 0 {
            for to in working where to > from {
                let back = calendar.addingBusinessTime(calendar.businessTime(from: from, to: to), to: from)
                // a span start is the same business moment as the end of the span before it, which wins
                let spanStart = calendar.workInstant(atOrAfter: to.addingTimeInterval(-1)) == to
                let same = spanStart ? back < to && calendar.businessTime(from: back, to: to) == 0 : back == to
                if !same { failures.append("\(from) → \(to)") }
            }
        }
        // then
        #expect(working.count > 300)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("Business time is additive: from a to c equals a to b plus b to c")
    func measureIsAdditive() {
        // given instants every 47 minutes over two weeks, working or not
        let calendar = BusinessCalendar.chinaNationalDay2026
        let first = Date.iso("2026-09-28T07:00:00+08:00")
        let grid = (0..<(14 * 24 * 60 / 47)).map { first.addingTimeInterval(Double($0) * 47 * 60) }
        let end = grid.last!
        // when / then
        let total = calendar.businessTime(from: first, to: end)
        #expect(total == 6 * 7.5 * 3_600)  // 09-28…09-30, 10-08, 10-09 and the make-up Saturday 10-10
        #expect(grid.allSatisfy {
            calendar.businessTime(from: first, to: $0) + calendar.businessTime(from: $0, to: end) == total
        })
    }
}
