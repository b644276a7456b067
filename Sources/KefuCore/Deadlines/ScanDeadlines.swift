import FluentKit
import Foundation
import KefuDomain
import KefuStore
import Logging

/// The deadline scanner (STYLE H): marks breaches, raises pre-breach warnings, calls the clock kind's
/// escalation. Idempotent: every clock warns once and breaches once, and notices are deduplicated, so
/// running it twice changes nothing. Each clock is handled in its own transaction; a clock changed
/// concurrently (stale version) is left for the next run.
public struct ScanDeadlines: Sendable {
    package let db: any Database
    package let services: AppServices
    package var batchSize = 500
    package let logger = Logger(label: "kefu.deadlines")

    public init(db: any Database, services: AppServices) { self.db = db; self.services = services }

    public struct Report: Sendable, Equatable {
        public var breached = 0
        public var warned = 0
        public var skipped = 0

        package init(breached: Int = 0, warned: Int = 0, skipped: Int = 0) {
            self.breached = breached
            self.warned = warned
            self.skipped = skipped
        }
    }

    public func run(now: Date) async throws -> Report {
        let started = ContinuousClock.now
        var report = Report()
        let repository = DeadlineClockRepository(db: db)
        // Breaches first: a clock that is past due must not first get a mere warning.
        try await drain({ try await repository.overdue(at: now, after: $0, limit: batchSize) }, position: \.dueAt,
                        now: now, report: &report)
        try await drain({ try await repository.dueForWarning(at: now, after: $0, limit: batchSize) }, position: \.warnAt,
                        now: now, report: &report)
        services.metrics.recordScan(breached: report.breached, warned: report.warned, duration: ContinuousClock.now - started)
        return report
    }

    /// Pages through the due clocks by (instant, id); a clock that fails is logged and skipped, the
    /// rest are still handled, and the next run tries it again.
    private func drain(_ fetch: ((Date, UUID)?) async throws -> [DeadlineClock], position: KeyPath<DeadlineClock, Date>,
                       now: Date, report: inout Report) async throws {
        var after: (Date, UUID)?
        while true {
            let batch = try await fetch(after)
            guard let last = batch.last else { return }
            after = (last[keyPath: position], last.id)
            for clock in batch {
                do {
                    switch try await handle(clock, now: now) {
                    case .breach: report.breached += 1
                    case .warn: report.warned += 1
                    case .nothing: report.skipped += 1
                    }
                } catch {
                    report.skipped += 1
                    logger.error("deadline clock skipped", metadata: ["clock_id": "\(clock.id)", "error": "\(String(reflecting: type(of: error)))"])
                }
            }
            if batch.count < batchSize { return }
        }
    }

    private func handle(_ loaded: DeadlineClock, now: Date) async throws -> ScanOutcome {
        var clock = loaded
        let outcome = DeadlinePolicy.evaluate(clock, at: now)
        guard outcome != .nothing else { return .nothing }
        DeadlinePolicy.apply(outcome, to: &clock, at: now)
        let changed = clock
        do {
            // On SQLite a request may be writing (one writer at a time): the rolled-back breach is tried again.
            try await WriteContention.retrying(services) { try await db.transaction { db in
                try await DeadlineClockRepository(db: db).save(changed, expectedVersion: loaded.version)
                try await AuditRepository(db: db).append(AuditEntry(
                    at: now, actorID: nil, actorName: "system", action: outcome == .breach ? "deadline.breached" : "deadline.warned",
                    subjectType: changed.subjectType, subjectID: changed.subjectID,
                    summary: "\(changed.kind): running → \(outcome == .breach ? "breached" : "warned")",
                    ruleKey: changed.ruleKey, rulebookVersion: services.rulebook.versionShort))
                let event = DeadlineEvent(kind: outcome == .breach ? .breach : .warning, clock: changed, db: db, services: services)
                if let handler = services.escalations.handler(for: changed.kind) {
                    try await handler(event)
                } else {
                    try await Self.defaultEscalation(event)
                }
            } }
        } catch DomainError.staleVersion {
            return .nothing
        }
        return outcome
    }

    /// Without a module handler: tell the first level of the rulebook's escalation chain (ESC-13), one
    /// warning and one breach notification per subject however many of its clocks run late (the clock's kind in words).
    package static func defaultEscalation(_ event: DeadlineEvent) async throws {
        guard let role = event.services.rulebook.escalation.chain.first else { return }
        try await Notifier(db: event.db, services: event.services).notify(role: role, departmentID: nil, .init(
            kind: "deadline.\(event.kind.rawValue)", titleKey: "notice.deadline_\(event.kind.rawValue)",
            titleArgument: "", link: nil, subjectType: event.clock.subjectType,
            subjectID: event.clock.subjectID, dedupeKey: "deadline:\(event.clock.subjectType):\(event.clock.subjectID):\(event.kind.rawValue)",
            repeats: .refresh, titleWordKey: "deadline.kind.\(event.clock.kind)"))
    }
}
