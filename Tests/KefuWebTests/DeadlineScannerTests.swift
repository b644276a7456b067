import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor

@Suite("Deadlines engine: clocks, scanner, escalation")
struct DeadlineScannerTests {
    /// An example clock kind plugged in the way modules will: 60 natural minutes, as CMP-22's dispatch.
    func startExampleClock(_ app: Application, subject: UUID = UUID()) async throws -> DeadlineClock {
        try await DeadlineService(db: app.db, services: app.services).start(
            kind: "example.dispatch", subjectType: "example", subjectID: subject,
            duration: app.services.rulebook.complaints.dispatchWithin, ruleKey: "complaints.dispatch_within")
    }

    @Test("CMP-22 the scanner warns at 80 %, breaches at 60 minutes, calls the kind's escalation once, and a second run changes nothing")
    func scan() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let events = EventLog()
            app.services.escalations.register(kind: "example.dispatch") { event in await events.add(event.kind.rawValue) }
            let clock = try await startExampleClock(app)
            #expect(clock.dueAt == Date.t0.addingTimeInterval(3600))
            let scanner = ScanDeadlines(db: app.db, services: app.services)
            #expect(try await scanner.run(now: .t0.addingTimeInterval(30 * 60)) == .init(breached: 0, warned: 0, skipped: 0))
            #expect(try await scanner.run(now: .t0.addingTimeInterval(50 * 60)).warned == 1)
            #expect(try await scanner.run(now: .t0.addingTimeInterval(61 * 60)).breached == 1)
            #expect(try await scanner.run(now: .t0.addingTimeInterval(61 * 60)) == .init())
            #expect(await events.items == ["warning", "breach"])
            let stored = try #require(try await DeadlineClockRepository(db: app.db).find(clock.id))
            #expect(stored.state == .breached)
            let audit = try await AuditRepository(db: app.db).timeline(subjectType: "example", subjectID: clock.subjectID, after: nil, limit: 10)
            #expect(audit.items.map(\.action) == ["deadline.warned", "deadline.breached"])
            #expect(audit.items.allSatisfy { $0.ruleKey == "complaints.dispatch_within" })
        }
    }

    @Test("ESC-13 without a kind handler the first level of the escalation chain is notified, once")
    func defaultEscalation() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let role = try #require(app.services.rulebook.escalation.chain.first)
            let leader = try await app.staff("lina", roles: [role])
            _ = try await startExampleClock(app)
            let scanner = ScanDeadlines(db: app.db, services: app.services)
            _ = try await scanner.run(now: .t0.addingTimeInterval(2 * 3600))
            _ = try await scanner.run(now: .t0.addingTimeInterval(3 * 3600))
            let inbox = try await NotificationRepository(db: app.db).inbox(userID: leader.id, unreadOnly: false, after: nil, limit: 10)
            #expect(inbox.items.map(\.titleKey) == ["notice.deadline_breach"])
        }
    }

    @Test("Pausing stops the clock (no breach while paused); resuming re-plans it from the time left")
    func pauseResume() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let subject = UUID()
            _ = try await startExampleClock(app, subject: subject)
            clock.now = .t0.addingTimeInterval(20 * 60)
            try await DeadlineService(db: app.db, services: app.services).pauseAll(subjectType: "example", subjectID: subject, actor: nil, reason: "等待客户回复")
            #expect(try await ScanDeadlines(db: app.db, services: app.services).run(now: .t0.addingTimeInterval(5 * 3600)).breached == 0)
            clock.now = .t0.addingTimeInterval(5 * 3600)
            try await DeadlineService(db: app.db, services: app.services).resumeAll(subjectType: "example", subjectID: subject, actor: nil)
            let resumed = try #require(try await DeadlineClockRepository(db: app.db).clocks(subjectType: "example", subjectID: subject).first)
            #expect(resumed.dueAt == clock.now.addingTimeInterval(40 * 60))
            #expect(try await ScanDeadlines(db: app.db, services: app.services).run(now: clock.now.addingTimeInterval(41 * 60)).breached == 1)
        }
    }

    @Test("A met clock is never breached")
    func metClock() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let clock = try await startExampleClock(app)
            try await DeadlineService(db: app.db, services: app.services).meet(kind: "example.dispatch", subjectType: "example", subjectID: clock.subjectID, actor: nil)
            #expect(try await ScanDeadlines(db: app.db, services: app.services).run(now: .t0.addingTimeInterval(7200)) == .init())
        }
    }

    @Test("jobs run-once runs the scan under the lease and reports it")
    func runOnce() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            _ = try await startExampleClock(app)
            app.services.now = { .t0.addingTimeInterval(7200) }
            #expect(try await JobsOnce.run(app).hasPrefix("deadline scan: 1 breached, 0 warned in "))
            app.services.settings.metricsPublic = true
            let scrape = try await app.testing().sendRequest(.GET, "metrics")
            #expect(scrape.body.string.contains("kefu_deadline_breaches_total 1"))
        }
    }
}

actor EventLog {
    private(set) var items: [String] = []
    func add(_ item: String) { items.append(item) }
}
