import FluentKit
import Foundation
import KefuDomain
import SQLKit

extension AuditRepository {
    /// Appends entries made together (cases opened in one group commit, issue 22) in one statement, each
    /// with its time-ordered id, in explicit columns.
    public func append(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(AuditEventRecord.schema) }
        try await sql.insertRows(
            into: AuditEventRecord.schema,
            columns: ["id", "at", "actor_id", "actor_name", "action", "subject_type", "subject_id", "summary", "rule_key",
                      "rulebook_version", "request_id"],
            rows: entries.map { e in
                let at = Date(timeIntervalSince1970: (e.at.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
                return [SQLBind(RowIDs.next(at: at)), SQLBind(at), bindOrNull(e.actorID), SQLBind(e.actorName), SQLBind(e.action),
                        SQLBind(e.subjectType), SQLBind(e.subjectID), SQLBind(e.summary), bindOrNull(e.ruleKey),
                        SQLBind(e.rulebookVersion), bindOrNull(e.requestID)]
            })
    }
}
