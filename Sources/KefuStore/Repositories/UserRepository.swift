import FluentKit
import Foundation
import KefuDomain

/// Staff accounts. Lists are keyset-paginated by username (unique), filtered by the caller's data scope.
public struct UserRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ user: UserRecord) async throws {
        guard try await find(username: user.username) == nil else {
            throw DomainError.conflict(reason: "user.username_taken")
        }
        try await user.create(on: db)
    }

    public func find(_ id: UUID) async throws -> UserRecord? { try await UserRecord.find(id, on: db) }

    public func find(username: String) async throws -> UserRecord? {
        try await UserRecord.query(on: db).filter(\.$username == username.lowercased()).first()
    }

    /// Users by id, for small known sets (a page's team leaders); at most 200 ids are looked up.
    public func find(ids: [UUID]) async throws -> [UserRecord] {
        let unique = Array(Set(ids).prefix(200))
        guard !unique.isEmpty else { return [] }
        return try await UserRecord.query(on: db).filter(\.$id ~~ unique).all()
    }

    /// Users by username (a case timeline's assignees); at most 200 names are looked up.
    public func find(usernames: [String]) async throws -> [UserRecord] {
        let unique = Array(Set(usernames.map { $0.lowercased() }).prefix(200))
        guard !unique.isEmpty else { return [] }
        return try await UserRecord.query(on: db).filter(\.$username ~~ unique).all()
    }

    public func count() async throws -> Int { try await UserRecord.query(on: db).count() }

    /// The scope a list is limited to: everybody, one department, one team, or one person.
    public enum Scope: Sendable, Equatable {
        case all
        case department(UUID)
        /// The teams a leader leads (a handful of ids).
        case teams([UUID])
        case only(UUID)
    }

    public func list(scope: Scope, query text: String?, role: Role?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<UserRecord> {
        var query = UserRecord.query(on: db)
        switch scope {
        case .all: break
        case .department(let id): query = query.filter(\.$departmentID == id)
        case .teams(let ids): query = query.filter(\.$teamID ~~ Array(ids.prefix(50)))
        case .only(let id): query = query.filter(\.$id == id)
        }
        if let text, !text.isEmpty {
            let needle = text.lowercased()
            query = query.group(.or) { $0.filter(\.$username ~~ needle).filter(\.$displayName ~~ text) }
        }
        if let role { query = query.filter(\.$rolesText ~~ ",\(role.rawValue),") }
        if let cursor { query = query.filter(\.$username > cursor.key) }
        let rows = try await query.sort(\.$username).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.flatMap { user in user.id.map { Cursor(key: user.username, id: $0).encoded } } : nil
        return KeysetPage(items: items, nextCursor: next)
    }

    /// Active users holding `role` (optionally within one department): the people an approval step or a
    /// deadline escalation notifies. Bounded by `limit`, never an unbounded fan-out.
    public func active(withRole role: Role, departmentID: UUID? = nil, limit: Int = 200) async throws -> [UserRecord] {
        var query = UserRecord.query(on: db).filter(\.$active == true).filter(\.$rolesText ~~ ",\(role.rawValue),")
        if let departmentID { query = query.filter(\.$departmentID == departmentID) }
        return try await query.sort(\.$username).limit(limit).all()
    }

    /// The active members of a department (notified of the department's complaint tasks).
    public func active(inDepartment departmentID: UUID, limit: Int = 200) async throws -> [UserRecord] {
        try await UserRecord.query(on: db).filter(\.$active == true).filter(\.$departmentID == departmentID)
            .sort(\.$username).limit(limit).all()
    }

    /// Saves changes after checking the version the client saw (stale → 409).
    public func update(_ user: UserRecord, expectedVersion: Int) async throws {
        guard let id = user.id else { throw DomainError.notFound(subject: "user") }
        try await db.transaction { db in
            try await VersionGuard.claim(db, table: UserRecord.schema, id: id, expected: expectedVersion)
            user.version = expectedVersion + 1
            try await user.save(on: db)
        }
    }
}
