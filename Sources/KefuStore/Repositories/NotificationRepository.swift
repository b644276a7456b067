import FluentKit
import Foundation
import KefuDomain
import SQLKit

/// The in-app inbox: the only code that reads or writes the `notifications` table. One row per user and dedupe
/// key; a repeated notice is ignored or folds into that row (`NotificationFolding`), which keeps the deadline
/// scanner idempotent and a case's repeated warnings in one notification.
public struct NotificationRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    @discardableResult
    public func add(_ notice: NotificationRecord) async throws -> Bool {
        try await add([notice]) > 0
    }

    /// Adds one notice for many users: which of them already have its dedupe key, then one multi-row insert of
    /// the rest; with `.refresh`, the rows already there are folded forward (newest title and time, unread).
    /// `records` share one dedupe key; at most 200 recipients. Returns how many rows were added or refreshed.
    @discardableResult
    public func add(_ records: [NotificationRecord], repeats: NotificationRepeat = .ignore) async throws -> Int {
        let batch = Array(records.prefix(200))
        guard let key = batch.first?.dedupeKey else { return 0 }
        let existing = Dictionary(try await NotificationRecord.query(on: db).filter(\.$userID ~~ batch.map(\.userID))
            .filter(\.$dedupeKey == key).all().map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        var fresh: [NotificationRecord] = []
        var refreshed = 0
        for record in batch {
            switch NotificationFolding.fold(existing: existing[record.userID]?.inboxNotice, incoming: record.inboxNotice, repeats: repeats) {
            case .insert:
                fresh.append(record)
            case .update(let folded):
                guard let row = existing[record.userID] else { continue }
                row.apply(folded)
                row.subjectType = record.subjectType
                row.subjectID = record.subjectID
                try await row.save(on: db)
                refreshed += 1
            case .unchanged:
                continue
            }
        }
        if !fresh.isEmpty { try await fresh.create(on: db) }
        return fresh.count + refreshed
    }

    /// Which notifications a list shows.
    public enum Filter: Sendable {
        case all, unread, read
    }

    /// The user's notifications newest first (keyset on time, id), of one section or both.
    public func inbox(userID: UUID, section: NotificationSection? = nil, filter: Filter, after cursor: Cursor?,
                      limit: Int) async throws -> KeysetPage<NotificationRecord> {
        var query = NotificationRecord.query(on: db).filter(\.$userID == userID)
        if let section { query = query.filter(\.$section == section.rawValue) }
        switch filter {
        case .all: break
        case .unread: query = query.filter(\.$readAt == nil)
        case .read: query = query.filter(\.$readAt != nil)
        }
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

    public func inbox(userID: UUID, unreadOnly: Bool, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<NotificationRecord> {
        try await inbox(userID: userID, filter: unreadOnly ? .unread : .all, after: cursor, limit: limit)
    }

    public func unreadCount(userID: UUID, section: NotificationSection? = nil) async throws -> Int {
        var query = NotificationRecord.query(on: db).filter(\.$userID == userID).filter(\.$readAt == nil)
        if let section { query = query.filter(\.$section == section.rawValue) }
        return try await query.count()
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

    /// "Mark all read", of one section or both: one UPDATE over the user's unread rows. Returns how many.
    @discardableResult
    public func markAllRead(userID: UUID, section: NotificationSection?, at now: Date) async throws -> Int {
        func unread() -> QueryBuilder<NotificationRecord> {
            let query = NotificationRecord.query(on: db).filter(\.$userID == userID).filter(\.$readAt == nil)
            return section.map { query.filter(\.$section == $0.rawValue) } ?? query
        }
        let count = try await unread().count()
        if count > 0 { try await unread().set(\.$readAt, to: now).update() }
        return count
    }

    /// Marks read the user's unread notifications of one group of the page (one case or subject, or one kind
    /// without a subject) in one section. Returns how many.
    @discardableResult
    public func markGroupRead(userID: UUID, section: NotificationSection, target: NotificationGrouping.Target, at now: Date) async throws -> Int {
        func unread() -> QueryBuilder<NotificationRecord> {
            let query = NotificationRecord.query(on: db).filter(\.$userID == userID).filter(\.$readAt == nil)
                .filter(\.$section == section.rawValue)
            switch target {
            case .subject(let type, let id): return query.filter(\.$subjectType == type).filter(\.$subjectID == id)
            case .kind(let kind): return query.filter(\.$kind == kind).filter(\.$subjectID == nil)
            }
        }
        let count = try await unread().count()
        if count > 0 { try await unread().set(\.$readAt, to: now).update() }
        return count
    }

    // MARK: The daily digest

    public struct KindCount: Sendable, Equatable, Decodable {
        public let userID: UUID?
        public let kind: String
        public let count: Int

        enum CodingKeys: String, CodingKey {
            case userID = "user_id", kind, count = "n"
        }
    }

    /// Everyone's "for my information" notifications raised in [from, to), counted per user and kind (digests
    /// themselves left out), through the `notifications_day` index.
    public func informationCounts(from: Date, to: Date) async throws -> [KindCount] {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("notifications") }
        return try await sql.raw("""
            SELECT user_id, kind, COUNT(*) AS n FROM notifications
            WHERE section = \(bind: NotificationSection.forInformation.rawValue) AND created_at >= \(bind: from)
              AND created_at < \(bind: to) AND kind <> \(bind: NotificationKinds.digest)
            GROUP BY user_id, kind
            """).all(decoding: KindCount.self)
    }

    /// The same day for the organization as a whole: distinct events per kind (a notice sent to five people is one).
    public func informationEvents(from: Date, to: Date) async throws -> [KindCount] {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("notifications") }
        return try await sql.raw("""
            SELECT kind, COUNT(DISTINCT dedupe_key) AS n FROM notifications
            WHERE section = \(bind: NotificationSection.forInformation.rawValue) AND created_at >= \(bind: from)
              AND created_at < \(bind: to) AND kind <> \(bind: NotificationKinds.digest)
            GROUP BY kind
            """).all(decoding: KindCount.self)
    }

    /// Once in the digest, the day's unread "for my information" notifications are marked read: the digest
    /// stands for them (they stay in everyone's history). Returns how many.
    @discardableResult
    public func foldIntoDigest(from: Date, to: Date, at now: Date) async throws -> Int {
        func folded() -> QueryBuilder<NotificationRecord> {
            NotificationRecord.query(on: db).filter(\.$section == NotificationSection.forInformation.rawValue)
                .filter(\.$createdAt >= from).filter(\.$createdAt < to).filter(\.$readAt == nil)
                .filter(\.$kind != NotificationKinds.digest)
        }
        let count = try await folded().count()
        if count > 0 { try await folded().set(\.$readAt, to: now).update() }
        return count
    }
}
