import Foundation
import Testing
@testable import KefuDomain

@Suite("Deadline clocks and the scanner rule (domain)")
struct DeadlineClockTests {
    let calendar = BusinessCalendar.standardChina
    /// Monday 2026-11-23 10:00 in Shanghai.
    let monday10 = Date(timeIntervalSince1970: 1_795_399_200)

    func clock(_ duration: DurationSpec, percent: Int = 80) -> DeadlineClock {
        DeadlineClock.start(kind: "example.first_response", subjectType: "example", subjectID: UUID(), duration: duration,
                            ruleKey: "example.first_response_within", rulebookVersion: "v1", warnAtPercent: percent,
                            calendar: calendar, at: monday10)
    }

    @Test("CMP-22 a 60-natural-minute clock is due 60 minutes later and warns at 80 %")
    func naturalMinutes() {
        let c = clock(DurationSpec(value: 60, unit: .minutes))
        #expect(c.dueAt == monday10.addingTimeInterval(3600))
        #expect(c.warnAt == monday10.addingTimeInterval(48 * 60))
        #expect(c.state == .running)
    }

    @Test("A business-hours clock skips the lunch break: 3 business hours from 10:00 end at 14:30")
    func businessHours() {
        let c = clock(DurationSpec(value: 3, unit: .businessHours))
        #expect(c.dueAt == monday10.addingTimeInterval(4.5 * 3600))
    }

    @Test("The scanner breaches a running clock at its due time, warns once before, and ignores paused clocks", arguments: [
        (0.0, ScanOutcome.nothing), (48 * 60.0, .warn), (3600.0, .breach), (7200.0, .breach),
    ])
    func evaluate(elapsed: TimeInterval, expected: ScanOutcome) {
        #expect(DeadlinePolicy.evaluate(clock(DurationSpec(value: 60, unit: .minutes)), at: monday10.addingTimeInterval(elapsed)) == expected)
    }

    @Test("Applying an outcome twice changes nothing the second time (idempotent scan)")
    func idempotent() {
        var c = clock(DurationSpec(value: 60, unit: .minutes))
        let later = monday10.addingTimeInterval(50 * 60)
        DeadlinePolicy.apply(DeadlinePolicy.evaluate(c, at: later), to: &c, at: later)
        #expect(c.warnedAt == later)
        #expect(DeadlinePolicy.evaluate(c, at: later) == .nothing)
        let due = monday10.addingTimeInterval(3600)
        DeadlinePolicy.apply(DeadlinePolicy.evaluate(c, at: due), to: &c, at: due)
        #expect(c.state == .breached)
        #expect(DeadlinePolicy.evaluate(c, at: due.addingTimeInterval(600)) == .nothing)
    }

    @Test("A paused clock never breaches; resuming re-plans the due time from the time that was left")
    func pauseResume() throws {
        var c = clock(DurationSpec(value: 60, unit: .minutes))
        try c.pause(at: monday10.addingTimeInterval(20 * 60), calendar: calendar)
        #expect(c.state == .paused)
        #expect(DeadlinePolicy.evaluate(c, at: monday10.addingTimeInterval(5 * 3600)) == .nothing)
        let resumeAt = monday10.addingTimeInterval(5 * 3600)
        try c.resume(at: resumeAt, calendar: calendar, warnAtPercent: 80)
        #expect(c.state == .running)
        #expect(c.dueAt == resumeAt.addingTimeInterval(40 * 60))
        #expect(throws: DomainError.self) { try c.resume(at: resumeAt, calendar: calendar, warnAtPercent: 80) }
    }

    @Test("A business clock paused over the weekend keeps its business time")
    func businessPauseOverWeekend() throws {
        // Friday 2026-11-27 16:30: 2 business hours left until Monday 09:30 (16:30–17:30 + 08:30–09:30).
        let friday = monday10.addingTimeInterval(4 * 86_400 + 6.5 * 3600)
        var c = DeadlineClock.start(kind: "k", subjectType: "example", subjectID: UUID(), duration: DurationSpec(value: 2, unit: .businessHours),
                                    ruleKey: "k", rulebookVersion: "v1", warnAtPercent: 80, calendar: calendar, at: friday)
        try c.pause(at: friday, calendar: calendar)
        #expect(c.remainingSeconds == 7200)
        let nextMonday10 = monday10.addingTimeInterval(7 * 86_400)
        try c.resume(at: nextMonday10, calendar: calendar, warnAtPercent: 80)
        #expect(c.dueAt == nextMonday10.addingTimeInterval(2 * 3600))
    }

    @Test("Meeting a breached clock keeps it breached but records when it was met")
    func meetBreached() throws {
        var c = clock(DurationSpec(value: 60, unit: .minutes))
        DeadlinePolicy.apply(.breach, to: &c, at: monday10.addingTimeInterval(3600))
        try c.meet(at: monday10.addingTimeInterval(4000))
        #expect(c.state == .breached)
        #expect(c.metAt != nil)
        var fresh = clock(DurationSpec(value: 60, unit: .minutes))
        try fresh.meet(at: monday10)
        #expect(fresh.state == .met)
        #expect(throws: DomainError.self) { try fresh.meet(at: monday10) }
    }
}
