import FluentKit
import Foundation
import KefuDomain
import SQLKit

extension DeadlineClockRepository {
    /// Inserts new clocks together (the clocks of cases opened in one group commit, issue 22), one statement.
    public func insert(_ clocks: [DeadlineClock]) async throws {
        guard !clocks.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(DeadlineClockRecord.schema) }
        try await sql.insertRows(
            into: DeadlineClockRecord.schema,
            columns: ["id", "subject_type", "subject_id", "kind", "unit", "started_at", "due_at", "warn_at", "state", "paused_at",
                      "remaining_seconds", "warned_at", "breached_at", "met_at", "rule_key", "rulebook_version", "version"],
            rows: clocks.map { c in
                [SQLBind(c.id), SQLBind(c.subjectType), SQLBind(c.subjectID), SQLBind(c.kind), SQLBind(c.unit.rawValue),
                 SQLBind(c.startedAt), SQLBind(c.dueAt), SQLBind(c.warnAt), SQLBind(c.state.rawValue), bindOrNull(c.pausedAt),
                 bindOrNull(c.remainingSeconds), bindOrNull(c.warnedAt), bindOrNull(c.breachedAt), bindOrNull(c.metAt),
                 SQLBind(c.ruleKey), SQLBind(c.rulebookVersion), SQLBind(c.version)]
            })
    }
}
