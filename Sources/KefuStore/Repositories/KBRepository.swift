import FluentKit
import FluentSQL
import Foundation
import KefuDomain
import SQLKit

/// Knowledge-base entries with their versions, documents, read markers and case uses.
public struct KBRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ record: KBEntryRecord) async throws { try await record.create(on: db) }

    public func find(_ id: UUID) async throws -> KBEntryRecord? { try await KBEntryRecord.find(id, on: db) }

    public func find(approvalID: UUID) async throws -> KBEntryRecord? {
        try await KBEntryRecord.query(on: db).filter(\.$approvalID == approvalID).first()
    }

    /// Entries by id, for the few ids a page needs (bounded by the caller).
    public func find(ids: [UUID]) async throws -> [KBEntryRecord] {
        guard !ids.isEmpty else { return [] }
        return try await KBEntryRecord.query(on: db).filter(\.$id ~~ Array(ids.prefix(200))).all()
    }

    /// Saves an entry loaded at `expectedVersion`; a concurrent change in between → stale version (409).
    public func save(_ record: KBEntryRecord, expectedVersion: Int) async throws {
        try await VersionGuard.claim(db, table: KBEntryRecord.schema, id: record.id!, expected: expectedVersion)
        record.version = expectedVersion + 1
        try await record.save(on: db)
    }

    // MARK: Versions and documents

    /// Published versions, newest first (bounded).
    public func versions(of entryID: UUID, limit: Int = 200) async throws -> [KBEntryVersionRecord] {
        try await KBEntryVersionRecord.query(on: db).filter(\.$entryID == entryID).sort(\.$revision, .descending).limit(limit).all()
    }

    public func version(of entryID: UUID, revision: Int) async throws -> KBEntryVersionRecord? {
        try await KBEntryVersionRecord.query(on: db).filter(\.$entryID == entryID).filter(\.$revision == revision).first()
    }

    /// The live versions of a page of entries (one query).
    public func liveVersions(of entries: [KBEntryRecord]) async throws -> [UUID: KBEntryVersionRecord] {
        let live = entries.filter { $0.liveRevision != nil }
        guard !live.isEmpty else { return [:] }
        let rows = try await KBEntryVersionRecord.query(on: db).filter(\.$entryID ~~ live.compactMap(\.id)).all()
        let wanted = Dictionary(live.map { ($0.id!, $0.liveRevision!) }, uniquingKeysWith: { a, _ in a })
        return Dictionary(rows.filter { wanted[$0.entryID] == $0.revision }.map { ($0.entryID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func addVersion(_ version: KBEntryVersionRecord) async throws { try await version.create(on: db) }

    public func endVersion(of entryID: UUID, revision: Int, at: Date) async throws {
        try await KBEntryVersionRecord.query(on: db).filter(\.$entryID == entryID).filter(\.$revision == revision)
            .set(\.$endedAt, to: at).update()
    }

    public func addDocument(_ document: KBDocumentRecord, data: Data) async throws {
        try await document.create(on: db)
        try await KBDocumentContentRecord(id: document.id!, data: data).create(on: db)
    }

    public func documents(of entryID: UUID) async throws -> [KBDocumentRecord] {
        try await KBDocumentRecord.query(on: db).filter(\.$entryID == entryID).sort(\.$createdAt).limit(100).all()
    }

    public func document(_ id: UUID) async throws -> (KBDocumentRecord, Data)? {
        guard let record = try await KBDocumentRecord.find(id, on: db),
              let content = try await KBDocumentContentRecord.find(id, on: db) else { return nil }
        return (record, content.data)
    }

    // MARK: Read markers (KB-12/13) and uses on cases

    /// Records that `userID` read the entry at `revision` (one marker per reader and entry).
    public func markRead(entryID: UUID, userID: UUID, revision: Int, at: Date) async throws {
        if let marker = try await KBReadRecord.query(on: db).filter(\.$entryID == entryID).filter(\.$userID == userID).first() {
            guard marker.revision < revision else { return }
            marker.revision = revision
            marker.readAt = at
            try await marker.save(on: db)
        } else {
            let marker = KBReadRecord()
            marker.entryID = entryID; marker.userID = userID; marker.revision = revision; marker.readAt = at
            try await marker.create(on: db)
        }
    }

    /// The revisions `userID` has read of the given entries.
    public func readRevisions(userID: UUID, entryIDs: [UUID]) async throws -> [UUID: Int] {
        guard !entryIDs.isEmpty else { return [:] }
        let rows = try await KBReadRecord.query(on: db).filter(\.$userID == userID).filter(\.$entryID ~~ Array(entryIDs.prefix(200))).all()
        return Dictionary(rows.map { ($0.entryID, $0.revision) }, uniquingKeysWith: max)
    }

    /// How many readers acknowledged the entry's live revision.
    public func readCount(entryID: UUID, revision: Int) async throws -> Int {
        try await KBReadRecord.query(on: db).filter(\.$entryID == entryID).filter(\.$revision >= revision).count()
    }

    public func addUse(_ use: KBUseRecord) async throws { try await use.create(on: db) }

    /// The entries used on a case, oldest first (bounded).
    public func uses(caseID: UUID, limit: Int = 100) async throws -> [KBUseRecord] {
        try await KBUseRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$usedAt).limit(limit).all()
    }

    // MARK: Lists

    public struct Filter: Sendable {
        public var state: KBEntryState?
        public var catalog: KBCatalog?
        /// Only entries with a published version in force at this instant (KB-06/08).
        public var inForceAt: Date?
        /// Only entries with a published version (readers without the right to edit).
        public var liveOnly = false
        /// Search filter from `KBSearchIndex.filter(matching:)`.
        public var search: DatabaseQuery.Filter?
        /// Only entries whose live revision `unreadBy` has not acknowledged (KB-12/13).
        public var unreadBy: UUID?

        public init(state: KBEntryState? = nil, catalog: KBCatalog? = nil, inForceAt: Date? = nil, liveOnly: Bool = false,
                    search: DatabaseQuery.Filter? = nil, unreadBy: UUID? = nil) {
            self.state = state; self.catalog = catalog; self.inForceAt = inForceAt; self.liveOnly = liveOnly
            self.search = search; self.unreadBy = unreadBy
        }
    }

    /// Newest first (creation time, then id), keyset-paginated.
    public func list(_ filter: Filter, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<KBEntryRecord> {
        var query = KBEntryRecord.query(on: db)
        if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
        if let catalog = filter.catalog { query = query.filter(\.$catalog == catalog.rawValue) }
        if filter.liveOnly || filter.inForceAt != nil || filter.unreadBy != nil { query = query.filter(\.$liveRevision != nil) }
        if let now = filter.inForceAt {
            query = query.group(.or) { $0.filter(\.$liveFrom == nil).filter(\.$liveFrom <= now) }
                .group(.or) { $0.filter(\.$liveTo == nil).filter(\.$liveTo > now) }
        }
        if let search = filter.search { query = query.filter(search) }
        if let reader = filter.unreadBy {
            // Per-reader markers: an entry is unread while the reader has no marker at its live revision.
            query = query.filter(.sql(embed: """
                NOT EXISTS (SELECT 1 FROM kb_reads WHERE kb_reads.entry_id = \(ident: "kb_entries").\(ident: "id") \
                AND kb_reads.user_id = \(bind: reader) AND kb_reads.revision >= \(ident: "kb_entries").\(ident: "live_revision"))
                """))
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

    // MARK: Phrases

    /// Every edit of the phrase library (bounded).
    public func phraseEdits(limit: Int = 1_000) async throws -> [PhraseRecord] {
        try await PhraseRecord.query(on: db).sort(\.$position).limit(limit).all()
    }

    public func phraseEdit(key: String) async throws -> PhraseRecord? {
        try await PhraseRecord.query(on: db).filter(\.$key == key).first()
    }

    public func save(_ phrase: PhraseRecord) async throws { try await phrase.save(on: db) }
}
