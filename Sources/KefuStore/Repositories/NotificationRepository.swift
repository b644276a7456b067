import FluentKit
import Foundation
import KefuDomain

/// The in-app inbox. Adding a notice with a dedupe key already present for the user does nothing,
/// which keeps the deadline scanner idempotent.
public struct NotificationRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    @discardableResult
    public func add(_ notice: NotificationRecord) async throws -> Bool {
        let existing = try await NotificationRecord.query(on: db).filter(\.$userID == notice.userID)
            .filter(\.$dedupeKey == notice.dedupeKey).first()
        guard existing == nil else { return false }
        try await notice.create(on: db)
        return true
    }

    /// Adds one notice for many users in two statements: which of them already have it, then one
    /// multi-row insert of the rest. `records` share one dedupe key; at most 200 recipients.
    @discardableResult
    public func add(_ records: [NotificationRecord]) async throws -> Int {
        let batch = Array(records.prefix(200))
        guard let key = batch.first?.dedupeKey else { return 0 }
        let existing = Set(try await NotificationRecord.query(on: db).filter(\.$userID ~~ batch.map(\.userID))
            .filter(\.$dedupeKey == key).all().map(\.userID))
        let fresh = batch.filter { !existing.contains($0.userID) }
        if !fresh.isEmpty { try await fresh.create(on: db) }
        return fresh.count
    }

    public func inbox(userID: UUID, unreadOnly: Bool, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<NotificationRecord> {
        var query = NotificationRecord.query(on: db).filter(\.$userID == userID)
        if unreadOnly { query = query.filter(\.$readAt == nil) }
        if let cursor {
            let at = try Cursor.date(cursor.key)
            query = query.group(.or) { group in
                group.filter(\.$createdAt < at).group(.and) { $0.filter(\.$createdAt == at).filter(\.$id < cursor.id) }
            }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }

    public func unreadCount(userID: UUID) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$userID == userID).filter(\.$readAt == nil).count()
    }

    /// Marks one of the user's notices read; another user's notice is "not found".
    public func markRead(id: UUID, userID: UUID, at now: Date) async throws {
        guard let row = try await NotificationRecord.query(on: db).filter(\.$id == id).filter(\.$userID == userID).first() else {
            throw DomainError.notFound(subject: "notification")
        }
        if row.readAt == nil {
            row.readAt = now
            try await row.save(on: db)
        }
    }
}
