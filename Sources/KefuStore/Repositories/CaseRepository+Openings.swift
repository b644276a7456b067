import FluentKit
import Foundation
import KefuDomain
import SQLKit

/// Cases opened together (group commit, issue 22): their search rows and case rows in explicit columns,
/// one statement per table for the whole batch, in the caller's transaction.
extension CaseRepository {
    static let insertColumns = [
        "id", "number", "type", "channel", "status", "priority", "subject", "description", "customer_id", "call_at", "caller_region",
        "contact", "related_department_id", "feedback_result", "owner_id", "assignee_id", "team_id", "department_id",
        "escalation_level", "appointment_at", "resolution", "created_at", "updated_at", "first_responded_at", "resolved_at",
        "closed_at", "breached_at", "search_rowid", "version",
    ]

    /// Inserts new cases with their search text (`searchTexts[i]` is the text of `records[i]`). On SQLite
    /// each record carries its search rowid (`CaseSearchIndex.nextRowIDs`, read in the same transaction) and
    /// the two statements run at once on the connection (it serializes them; their waits overlap).
    public func insert(_ records: [CaseRecord], searchTexts: [String]) async throws {
        precondition(records.count == searchTexts.count)
        guard !records.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(CaseRecord.schema) }
        let index = CaseSearchIndex(db: db)
        let ids = records.map { $0.id! }
        if index.isSQLite, records.contains(where: { $0.searchRowID == nil }) {
            for (record, rowID) in zip(records, try await index.nextRowIDs(records.count) ?? []) { record.searchRowID = rowID }
        }
        let rows: [[any SQLExpression]] = records.map { r in
            [SQLBind(r.id!), SQLBind(r.number), SQLBind(r.type), SQLBind(r.channel), SQLBind(r.status), SQLBind(r.priority),
             SQLBind(r.subject), SQLBind(r.description), SQLBind(r.customerID), bindOrNull(r.callAt), bindOrNull(r.callerRegion),
             bindOrNull(r.contact), bindOrNull(r.relatedDepartmentID), bindOrNull(r.feedbackResult), SQLBind(r.ownerID),
             bindOrNull(r.assigneeID), bindOrNull(r.teamID), bindOrNull(r.departmentID), SQLBind(r.escalationLevel),
             bindOrNull(r.appointmentAt), bindOrNull(r.resolution), SQLBind(r.createdAt), SQLBind(r.updatedAt),
             bindOrNull(r.firstRespondedAt), bindOrNull(r.resolvedAt), bindOrNull(r.closedAt), bindOrNull(r.breachedAt),
             bindOrNull(r.searchRowID), SQLBind(r.version)]
        }
        if index.isSQLite {
            let rowIDs = records.compactMap(\.searchRowID)
            async let searchRows: Void = index.insert(ids, texts: searchTexts, rowIDs: rowIDs)
            try await sql.insertRows(into: CaseRecord.schema, columns: Self.insertColumns, rows: rows)
            try await searchRows
        } else {
            // PostgreSQL: the index rows reference the cases.
            try await sql.insertRows(into: CaseRecord.schema, columns: Self.insertColumns, rows: rows)
            try await index.insert(ids, texts: searchTexts, rowIDs: nil)
        }
        // Fluent would mark them stored; later saves of these objects (an assignment in the same transaction) update, not insert.
        for record in records { record.$id.exists = true }
    }
}
