import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Starts, pauses, resumes and stops the clocks of a subject (ARCHITECTURE §3 "Deadlines"). Modules call
/// it inside their own transaction; pausing and resuming are audited.
public struct DeadlineService {
    package let db: any Database
    package let services: AppServices

    public init(db: any Database, services: AppServices) { self.db = db; self.services = services }

    /// Starts a clock whose length is a rulebook duration (`ruleKey` names it, e.g. "complaints.dispatch_within").
    @discardableResult
    public func start(kind: String, subjectType: String, subjectID: UUID, duration: DurationSpec, ruleKey: String,
                      warnAt: Date? = nil) async throws -> DeadlineClock {
        let clock = plan(kind: kind, subjectType: subjectType, subjectID: subjectID, duration: duration, ruleKey: ruleKey, warnAt: warnAt)
        try await DeadlineClockRepository(db: db).insert(clock)
        return clock
    }

    /// The clock `start` would store, not stored (cases opened together store theirs at once, issue 22).
    package func plan(kind: String, subjectType: String, subjectID: UUID, duration: DurationSpec, ruleKey: String,
                      warnAt: Date? = nil) -> DeadlineClock {
        let rulebook = services.rulebook
        var clock = DeadlineClock.start(kind: kind, subjectType: subjectType, subjectID: subjectID, duration: duration,
                                        ruleKey: ruleKey, rulebookVersion: rulebook.versionShort,
                                        warnAtPercent: rulebook.deadlines.warnAtPercent, calendar: rulebook.calendar,
                                        at: services.now(), id: services.newID())
        // A reminder (CHN-21) warns at a fixed time before the due instant rather than at a percentage.
        if let warnAt { clock.warnAt = min(max(warnAt, services.now()), clock.dueAt) }
        return clock
    }

    /// Pauses every running clock of the subject (waiting on the customer).
    /// Clocks of the `keeping` kinds run on (an appointment with the customer does not move).
    public func pauseAll(subjectType: String, subjectID: UUID, actor: StaffUser?, reason: String, keeping: Set<String> = []) async throws {
        try await change(subjectType, subjectID, actor: actor, action: "deadline.paused", note: reason) { clock in
            guard clock.state == .running, !keeping.contains(clock.kind) else { return false }
            try clock.pause(at: services.now(), calendar: services.rulebook.calendar)
            return true
        }
    }

    public func resumeAll(subjectType: String, subjectID: UUID, actor: StaffUser?) async throws {
        let rulebook = services.rulebook
        try await change(subjectType, subjectID, actor: actor, action: "deadline.resumed", note: "") { clock in
            guard clock.state == .paused else { return false }
            try clock.resume(at: services.now(), calendar: rulebook.calendar, warnAtPercent: rulebook.deadlines.warnAtPercent)
            return true
        }
    }

    /// The subject did what the clock of `kind` asked (dispatched, reported, closed).
    public func meet(kind: String, subjectType: String, subjectID: UUID, actor: StaffUser?) async throws {
        try await change(subjectType, subjectID, actor: actor, action: "deadline.met", note: kind) { clock in
            guard clock.kind == kind, clock.state.isOpen || (clock.state == .breached && clock.metAt == nil) else { return false }
            try clock.meet(at: services.now())
            return true
        }
    }

    private func change(_ subjectType: String, _ subjectID: UUID, actor: StaffUser?, action: String, note: String,
                        _ body: (inout DeadlineClock) throws -> Bool) async throws {
        let repository = DeadlineClockRepository(db: db)
        for var clock in try await repository.clocks(subjectType: subjectType, subjectID: subjectID) {
            let loaded = clock.version
            guard try body(&clock) else { continue }
            try await repository.save(clock, expectedVersion: loaded)
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: actor?.id, actorName: actor?.username ?? "system", action: action,
                subjectType: subjectType, subjectID: subjectID,
                summary: "\(clock.kind): \(note.isEmpty ? "" : note + "; ")due \(ISO8601DateFormatter().string(from: clock.dueAt))",
                ruleKey: clock.ruleKey, rulebookVersion: services.rulebook.versionShort))
        }
    }
}
