import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Keeps the daily case aggregate (`case_day_stats`) true: every case event bumps its day's row in the
/// event's own transaction. Opening counts for the first-contact owner (受理人, CHN-12); later steps
/// for whoever holds the case then. Days are the organization's calendar days.
package struct CaseStats {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    private func key(_ record: CaseRecord, agent: UUID, at: Date) -> CaseStatsRepository.Key {
        CaseStatsRepository.Key(day: services.rulebook.calendar.localDate(of: at).description, agentID: agent,
                                teamID: record.teamID, type: record.type, channel: record.channel)
    }

    package func opened(_ record: CaseRecord) async throws {
        let event = openedEvent(record)
        try await CaseStatsRepository(db: db).bump(event.key, event.tally)
    }

    /// What opening `record` adds to the daily aggregate (stored with others at once by a group commit).
    package func openedEvent(_ record: CaseRecord) -> (key: CaseStatsRepository.Key, tally: CaseTally) {
        var tally = CaseTally()
        tally.opened = 1
        return (key(record, agent: record.ownerID, at: record.createdAt), tally)
    }

    /// A status-machine step (or an escalation, RPT-02 督办) on `record`, from `before` to its status now.
    package func stepped(_ record: CaseRecord, from before: CaseStatus, action: String, at: Date) async throws {
        guard let after = CaseStatus(rawValue: record.status) else { return }
        var tally = CaseTally()
        if after == .resolved, before != .resolved {
            tally.resolved = 1
            tally.resolveSeconds = max(0, at.timeIntervalSince(record.createdAt))
        }
        if after == .closed, before != .closed { tally.closed = 1 }
        if [.resolved, .closed].contains(before), after.isOpen { tally.reopened = 1 }
        if action == "case.escalated" { tally.escalated = 1 }
        guard tally != CaseTally() else { return }
        try await CaseStatsRepository(db: db).bump(key(record, agent: record.assigneeID ?? record.ownerID, at: at), tally)
    }

    /// Marks the case breached (first breach only) and counts it on the breach day.
    package func markBreached(_ record: CaseRecord, at: Date) async throws {
        guard try await CaseRepository(db: db).markBreached(record.id!, at: at) else { return }
        var tally = CaseTally()
        tally.breached = 1
        try await CaseStatsRepository(db: db).bump(key(record, agent: record.assigneeID ?? record.ownerID, at: at), tally)
    }
}
