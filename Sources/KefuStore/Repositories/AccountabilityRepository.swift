import FluentKit
import Foundation
import KefuDomain

/// Accountability cases with their persons and entries: one case, a page of cases (keyset, newest first,
/// filtered by state and person, limited to what the reader may see), and saving under optimistic locking.
public struct AccountabilityRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ record: AccountabilityCaseRecord, persons: [AccountabilityPersonRecord], entries: [AccountabilityEntryRecord]) async throws {
        try await record.create(on: db)
        if !persons.isEmpty { try await persons.create(on: db) }
        if !entries.isEmpty { try await entries.create(on: db) }
    }

    public func find(_ id: UUID) async throws -> AccountabilityCaseRecord? { try await AccountabilityCaseRecord.find(id, on: db) }

    public func persons(of caseIDs: [UUID]) async throws -> [AccountabilityPersonRecord] {
        guard !caseIDs.isEmpty else { return [] }
        return try await AccountabilityPersonRecord.query(on: db).filter(\.$caseID ~~ caseIDs).all()
    }

    /// Oldest first, so a case's file reads in order.
    public func entries(of caseIDs: [UUID]) async throws -> [AccountabilityEntryRecord] {
        guard !caseIDs.isEmpty else { return [] }
        return try await AccountabilityEntryRecord.query(on: db).filter(\.$caseID ~~ caseIDs).sort(\.$createdAt).sort(\.$id).all()
    }

    public func add(_ entry: AccountabilityEntryRecord) async throws { try await entry.create(on: db) }

    public func save(_ person: AccountabilityPersonRecord) async throws { try await person.save(on: db) }

    /// The cases a person is held to account in (bounded: the visibility filter of one reader).
    public func caseIDs(ofPerson userID: UUID, limit: Int = 1_000) async throws -> [UUID] {
        try await AccountabilityPersonRecord.query(on: db).filter(\.$userID == userID).limit(limit).all().map(\.caseID)
    }

    /// Saves a case loaded at `expectedVersion`; a concurrent change in between → stale version (409).
    public func save(_ record: AccountabilityCaseRecord, expectedVersion: Int) async throws {
        try await VersionGuard.claim(db, table: AccountabilityCaseRecord.schema, id: record.id!, expected: expectedVersion)
        record.version = expectedVersion + 1
        try await record.save(on: db)
    }

    /// What a reader without the right to see every case may see.
    public struct Visibility: Sendable {
        public var userID: UUID
        /// Managers of a department see the cases of their department.
        public var departmentID: UUID?
        /// The cases the reader is held to account in.
        public var ownCaseIDs: [UUID]

        public init(userID: UUID, departmentID: UUID?, ownCaseIDs: [UUID]) {
            self.userID = userID; self.departmentID = departmentID; self.ownCaseIDs = ownCaseIDs
        }
    }

    public struct Filter: Sendable {
        public var state: AccountabilityState?
        public var personID: UUID?
        /// Nil: every case.
        public var visibility: Visibility?

        public init(state: AccountabilityState? = nil, personID: UUID? = nil, visibility: Visibility? = nil) {
            self.state = state; self.personID = personID; self.visibility = visibility
        }
    }

    /// Newest first (opening time, then id), keyset-paginated.
    public func list(_ filter: Filter, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<AccountabilityCaseRecord> {
        var query = AccountabilityCaseRecord.query(on: db)
        if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
        if let person = filter.personID {
            query = query.join(AccountabilityPersonRecord.self, on: \AccountabilityCaseRecord.$id == \AccountabilityPersonRecord.$caseID)
                .filter(AccountabilityPersonRecord.self, \.$userID == person)
        }
        if let visibility = filter.visibility {
            query = query.group(.or) { group in
                group.filter(\.$investigatorID == visibility.userID).filter(\.$openedBy == visibility.userID)
                if !visibility.ownCaseIDs.isEmpty { group.filter(\.$id ~~ visibility.ownCaseIDs) }
                if let department = visibility.departmentID { group.filter(\.$departmentID == department) }
            }
        }
        if let cursor {
            let at = try Cursor.date(cursor.key)
            query = query.group(.or) { group in
                group.filter(\.$openedAt < at).group(.and) { $0.filter(\.$openedAt == at).filter(\.$id < cursor.id) }
            }
        }
        let rows = try await query.sort(\.$openedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.openedAt), id: $0.id!).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }
}
