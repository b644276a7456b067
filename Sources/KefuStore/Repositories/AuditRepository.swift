import FluentKit
import Foundation
import KefuDomain

/// The audit trail: append and read, nothing else (no update, no delete — ARCHITECTURE §3).
public struct AuditRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Times are kept to the millisecond so that timeline cursors (microsecond text) resume exactly.
    /// The trail gives each event its id, time-ordered by the event's own time (issue 22): the busiest
    /// table appends to its indexes, and events of the same millisecond keep the order they were written in.
    public func append(_ entry: AuditEntry) async throws {
        var entry = entry
        entry.at = Date(timeIntervalSince1970: (entry.at.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        entry.id = RowIDs.next(at: entry.at)
        try await AuditEventRecord(entry).create(on: db)
    }

    /// One subject's events, oldest first (a timeline), keyset-paginated.
    public func timeline(subjectType: String, subjectID: UUID, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<AuditEntry> {
        try await AuditEventRecord.query(on: db).filter(\.$subjectType == subjectType).filter(\.$subjectID == subjectID)
            .keysetPage(by: \.$at, ascending: true, after: cursor, limit: limit).map { $0.toDomain() }
    }

    /// One subject's latest events, newest first (the case page shows the recent part of a long timeline).
    public func latest(subjectType: String, subjectID: UUID, limit: Int) async throws -> [AuditEntry] {
        try await AuditEventRecord.query(on: db).filter(\.$subjectType == subjectType).filter(\.$subjectID == subjectID)
            .sort(\.$at, .descending).sort(\.$id, .descending).limit(limit).all().map { $0.toDomain() }
    }

    /// Every event, newest first.
    public func recent(after cursor: Cursor?, limit: Int) async throws -> KeysetPage<AuditEntry> {
        try await AuditEventRecord.query(on: db).keysetPage(by: \.$at, after: cursor, limit: limit).map { $0.toDomain() }
    }
}
