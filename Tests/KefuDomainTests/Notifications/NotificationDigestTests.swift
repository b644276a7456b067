import Foundation
import Testing
@testable import KefuDomain

@Suite("Notifications: the morning digest of yesterday's 'for my information'")
struct NotificationDigestTests {
    let day = LocalDate(year: 2026, month: 11, day: 22)

    @Test("Counts by kind, largest first; what needs the reader and earlier digests stay out; a kind seen twice adds up")
    func compose() throws {
        let digest = try #require(NotificationDigest.compose(day: day, counts: [
            ("meeting.scheduled", 1), ("approval.finished", 2), ("case.assigned", 5), (NotificationKinds.digest, 1),
            ("approval.finished", 1), ("report.submitted", 0),
        ]))
        #expect(digest.lines == [.init(kind: "approval.finished", count: 3), .init(kind: "meeting.scheduled", count: 1)])
        #expect(digest.total == 4)
        #expect(digest.summary == "approval.finished=3;meeting.scheduled=1")
        #expect(NotificationDigest.lines(of: digest.summary) == digest.lines)
    }

    @Test("Nothing for information: no digest")
    func empty() {
        #expect(NotificationDigest.compose(day: day, counts: []) == nil)
        #expect(NotificationDigest.compose(day: day, counts: [("case.assigned", 3)]) == nil)
    }

    @Test("A damaged summary keeps the parts it can read")
    func damaged() {
        #expect(NotificationDigest.lines(of: "a=1;b;c=x;d=-2;e=4") == [.init(kind: "a", count: 1), .init(kind: "e", count: 4)])
    }

    @Test("Due from the digest time on, about yesterday midnight to midnight; the next run is tomorrow at the same time")
    func schedule() throws {
        let calendar = BusinessCalendar.standardChina
        let at = LocalTime(hour: 7, minute: 30)
        #expect(NotificationDigestSchedule.due(at: .iso("2026-11-23T07:29:00+08:00"), digestAt: at, calendar: calendar) == nil)
        let run = try #require(NotificationDigestSchedule.due(at: .iso("2026-11-23T07:30:00+08:00"), digestAt: at, calendar: calendar))
        #expect(run.day == day)
        #expect(run.from == .iso("2026-11-22T00:00:00+08:00") && run.to == .iso("2026-11-23T00:00:00+08:00"))
        #expect(run.nextRunAt == .iso("2026-11-24T07:30:00+08:00"))
        // Late in the evening it is still today's run (for a server that was down in the morning).
        #expect(NotificationDigestSchedule.due(at: .iso("2026-11-23T23:59:00+08:00"), digestAt: at, calendar: calendar)?.day == day)
    }

    @Test("In the organization's zone, whatever the server's: 07:30 in Shanghai is 23:30 UTC the day before")
    func zone() throws {
        let run = try #require(NotificationDigestSchedule.due(at: .iso("2026-11-22T23:30:00Z"), digestAt: LocalTime(hour: 7, minute: 30),
                                                             calendar: .standardChina))
        #expect(run.day == day)
        let berlin = BusinessCalendar.nineToFive("Europe/Berlin")
        // The night clocks go back (25 hours): the day still runs midnight to midnight.
        let autumn = try #require(NotificationDigestSchedule.due(at: .iso("2026-10-26T08:00:00+01:00"), digestAt: LocalTime(hour: 7, minute: 0),
                                                                calendar: berlin))
        #expect(autumn.day == LocalDate(year: 2026, month: 10, day: 25))
        #expect(autumn.to.timeIntervalSince(autumn.from) == 25 * 3_600)
    }
}
