import FluentKit
import SQLKit
import FluentSQL
import Foundation
import KefuDomain

/// Cases: insert with their number and search row, load, save under optimistic locking, and the
/// scoped, keyset-paginated lists of the workbench (newest first).
public struct CaseRepository: Sendable {
    let db: any Database
    /// The first batch of FTS matches a text search on SQLite reads (`CaseSearchWalk`); tests make it small.
    let searchBatch: Int

    public init(db: any Database, searchBatch: Int = CaseSearchWalk.firstBatch) {
        self.db = db
        self.searchBatch = max(1, searchBatch)
    }

    /// What a list is limited to (API.md "Cases — Access"), applied in the query.
    public enum Scope: Sendable, Equatable {
        case all
        case department(UUID)
        /// The teams a leader leads (a handful of ids), plus what `own` shows.
        case teams([UUID], me: UUID, departmentID: UUID?)
        /// One's own cases (owner or assignee), plus the unassigned queue of one's department.
        case own(UUID, departmentID: UUID?)
    }

    public struct Filter: Sendable, Equatable {
        public var statuses: [CaseStatus] = []
        public var type: CaseType?
        /// CHN-17: the types of one queue.
        public var types: [CaseType] = []
        public var assigneeID: UUID?
        public var unassigned = false
        /// Limits to one department's cases (a 待分派 queue, CaseAssignment.Queue).
        public var departmentID: UUID?
        /// Limits to the cases of these teams (a team leader's 待分派 queue); empty lists nothing.
        public var teamIDs: [UUID]?
        public var customerID: UUID?
        public var breached: Bool?
        /// Cases with a running clock due before this instant (the end of today).
        public var dueBefore: Date?
        public var text: String?
        /// CHN-14: untouched since (工单滞留).
        public var updatedBefore: Date?

        public init() {}
    }

    /// Inserts a new case and its search row (in the caller's transaction).
    public func insert(_ record: CaseRecord, searchText: String) async throws {
        let index = CaseSearchIndex(db: db)
        if index.isSQLite { try await index.write(record, text: searchText) }
        try await record.create(on: db)
        if !index.isSQLite { try await index.write(record, text: searchText) }
    }

    public func find(_ id: UUID) async throws -> CaseRecord? {
        try await db.sqlKit.listed(CaseRecord.self, "SELECT \(unsafeRaw: CaseRecord.selectList("c")) FROM cases c WHERE c.id = \(bind: id)").first
    }

    public func find(number: String) async throws -> CaseRecord? {
        try await CaseRecord.query(on: db).filter(\.$number == number).first()
    }

    /// Saves a case loaded at `expectedVersion`; a concurrent change → 409 (stale version).
    public func save(_ record: CaseRecord, expectedVersion: Int) async throws {
        try await VersionGuard.claim(db, table: CaseRecord.schema, id: record.id!, expected: expectedVersion)
        record.version = expectedVersion + 1
        try await record.save(on: db)
    }

    public func list(scope: Scope, filter: Filter, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<CaseRecord> {
        var query = Self.filtered(Self.scoped(CaseRecord.query(on: db), scope), filter)
        if let text = filter.text {
            let index = CaseSearchIndex(db: db)
            if index.isSQLite {
                let tokens = SearchTokenizer.queryTokens(text)
                guard !tokens.isEmpty else { return KeysetPage(items: [], nextCursor: nil) }
                let walk = CaseSearchWalk(db: db, match: SearchTokenizer.ftsMatchExpression(tokens), firstBatch: searchBatch)
                return try await walk.page(query, after: cursor, limit: limit)
            }
            guard let match = index.filter(matching: text) else { return KeysetPage(items: [], nextCursor: nil) }
            query = query.filter(match)
        }
        if CaseSearchIndex(db: db).isSQLite, let index = Self.newestFirstIndex(for: filter) { Self.read(query, through: index) }
        if let cursor {
            let at = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$createdAt < at).group(.and) { $0.filter(\.$createdAt == at).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).allListed()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }

    /// How many cases of `scope` match `filter` (its text search aside): the board's totals.
    public func count(scope: Scope, filter: Filter) async throws -> Int {
        try await Self.filtered(Self.scoped(CaseRecord.query(on: db), scope), filter).count()
    }

    /// `query` with every filter but the text search applied.
    static func filtered(_ query: QueryBuilder<CaseRecord>, _ filter: Filter) -> QueryBuilder<CaseRecord> {
        var query = query
        if let department = filter.departmentID { query = query.filter(\.$departmentID == department) }
        if let teams = filter.teamIDs { query = query.filter(\.$teamID ~~ Array(teams.prefix(50))) }
        if !filter.statuses.isEmpty { query = query.filter(\.$status ~~ filter.statuses.map(\.rawValue)) }
        if let type = filter.type { query = query.filter(\.$type == type.rawValue) }
        if !filter.types.isEmpty { query = query.filter(\.$type ~~ filter.types.map(\.rawValue)) }
        if let assignee = filter.assigneeID { query = query.filter(\.$assigneeID == assignee) }
        if filter.unassigned { query = query.filter(\.$assigneeID == nil) }
        if let customer = filter.customerID { query = query.filter(\.$customerID == customer) }
        if let breached = filter.breached { query = breached ? query.filter(\.$breachedAt != nil) : query.filter(\.$breachedAt == nil) }
        if let due = filter.dueBefore {
            query = query.filter(.sql(embed: """
                \(ident: "cases").\(ident: "id") IN (SELECT subject_id FROM deadline_clocks WHERE subject_type = 'case' \
                AND state = 'running' AND due_at < \(bind: due))
                """))
        }
        if let before = filter.updatedBefore { query = query.filter(\.$updatedAt < before) }
        return query
    }

    /// `query` limited to `scope` (the same filter for lists and for "which customers may I see", SEC-02).
    static func scoped(_ query: QueryBuilder<CaseRecord>, _ scope: Scope) -> QueryBuilder<CaseRecord> {
        switch scope {
        case .all: return query
        case .department(let id): return query.filter(\.$departmentID == id)
        case .teams(let ids, let me, let department):
            return query.group(.or) { group in
                group.filter(\.$teamID ~~ Array(ids.prefix(50)))
                Self.own(group, me: me, department: department)
            }
        case .own(let me, let department):
            return query.group(.or) { Self.own($0, me: me, department: department) }
        }
    }

    /// SEC-01/02: which of `customerIDs` (a page, at most 200) have at least one case inside `scope`.
    public func customers(among customerIDs: [UUID], scope: Scope) async throws -> Set<UUID> {
        guard !customerIDs.isEmpty else { return [] }
        let query = Self.scoped(CaseRecord.query(on: db).filter(\.$customerID ~~ Array(customerIDs.prefix(200))), scope)
        return Set(try await query.unique().all(\.$customerID))
    }

    private static func own(_ group: QueryBuilder<CaseRecord>, me: UUID, department: UUID?) {
        group.filter(\.$ownerID == me).filter(\.$assigneeID == me)
        if let department { group.group(.and) { $0.filter(\.$assigneeID == nil).filter(\.$departmentID == department) } }
    }

    /// Marks the case as breached (once; the first breach time stays). True when this call marked it.
    @discardableResult
    public func markBreached(_ id: UUID, at: Date) async throws -> Bool {
        try await VersionGuard.setIfNull(db, table: CaseRecord.schema, column: "breached_at", id: id, to: at)
    }

    // MARK: Notes, links, attachments

    public func addNote(_ note: CaseNoteRecord) async throws { try await note.create(on: db) }

    /// A case's notes, oldest first (bounded: a case with more shows its latest `limit`).
    public func notes(caseID: UUID, includeInternal: Bool, limit: Int = 500) async throws -> [CaseNoteRecord] {
        var query = CaseNoteRecord.query(on: db).filter(\.$caseID == caseID)
        if !includeInternal { query = query.filter(\.$isInternal == false) }
        return try await query.sort(\.$createdAt, .descending).limit(limit).all().reversed()
    }

    public func addLink(_ link: CaseLinkRecord) async throws { try await link.create(on: db) }

    public func links(caseID: UUID) async throws -> [CaseLinkRecord] {
        try await CaseLinkRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).limit(200).all()
    }

    public func addAttachment(_ attachment: CaseAttachmentRecord, data: Data) async throws {
        try await attachment.create(on: db)
        try await CaseAttachmentContentRecord(id: attachment.id!, data: data).create(on: db)
    }

    public func attachments(caseID: UUID) async throws -> [CaseAttachmentRecord] {
        try await CaseAttachmentRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).limit(200).all()
    }

    public func attachment(_ id: UUID) async throws -> (CaseAttachmentRecord, Data)? {
        guard let record = try await CaseAttachmentRecord.find(id, on: db),
              let content = try await CaseAttachmentContentRecord.find(id, on: db) else { return nil }
        return (record, content.data)
    }

    /// Cases by id, for the few ids a page needs (links); bounded by the caller.
    public func find(ids: [UUID]) async throws -> [CaseRecord] {
        guard !ids.isEmpty else { return [] }
        return try await CaseRecord.query(on: db).filter(\.$id ~~ Array(ids.prefix(200))).all()
    }
}
