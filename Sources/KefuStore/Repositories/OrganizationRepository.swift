import FluentKit
import SQLKit
import Foundation
import KefuDomain

/// Departments and teams: few rows per organization (tens), so lists are returned whole and sorted by name.
public struct OrganizationRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ department: DepartmentRecord) async throws {
        guard try await DepartmentRecord.query(on: db).filter(\.$name == department.name).first() == nil else {
            throw DomainError.conflict(reason: "department.name_taken")
        }
        try await department.create(on: db)
    }

    public func departments() async throws -> [DepartmentRecord] {
        try await DepartmentRecord.query(on: db).sort(\.$name).sort(\.$id).all()
    }

    /// Departments in name order, keyset-paginated (API lists).
    public func departments(after cursor: Cursor?, limit: Int) async throws -> KeysetPage<DepartmentRecord> {
        var query = DepartmentRecord.query(on: db)
        if let cursor { query = query.filter(\.$name > cursor.key) }
        let rows = try await query.sort(\.$name).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: $0.name, id: $0.id!).encoded } : nil)
    }

    /// Teams in (name, id) order, optionally of one department, keyset-paginated (API lists).
    public func teams(departmentID: UUID?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<TeamRecord> {
        var query = TeamRecord.query(on: db)
        if let departmentID { query = query.filter(\.$departmentID == departmentID) }
        if let cursor {
            query = query.group(.or) { group in
                group.filter(\.$name > cursor.key).group(.and) { $0.filter(\.$name == cursor.key).filter(\.$id > cursor.id) }
            }
        }
        let rows = try await query.sort(\.$name).sort(\.$id).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: $0.name, id: $0.id!).encoded } : nil)
    }

    public func department(_ id: UUID) async throws -> DepartmentRecord? {
        try await DepartmentRecord.find(id, on: db)
    }

    /// Which of `ids` are departments (cases opened together check theirs at once, issue 22).
    public func existingDepartments(_ ids: Set<UUID>) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(DepartmentRecord.schema) }
        let rows = try await sql.raw("SELECT id FROM departments WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))").all()
        return Set(try rows.map { try $0.decode(column: "id", as: UUID.self) })
    }

    public func insert(_ team: TeamRecord) async throws {
        guard try await TeamRecord.query(on: db).filter(\.$departmentID == team.departmentID)
            .filter(\.$name == team.name).first() == nil else {
            throw DomainError.conflict(reason: "team.name_taken")
        }
        try await team.create(on: db)
    }

    public func teams(departmentID: UUID? = nil) async throws -> [TeamRecord] {
        var query = TeamRecord.query(on: db)
        if let departmentID { query = query.filter(\.$departmentID == departmentID) }
        return try await query.sort(\.$name).sort(\.$id).all()
    }

    public func team(_ id: UUID) async throws -> TeamRecord? { try await TeamRecord.find(id, on: db) }

    /// Whether the user leads at least one team (a leader with none has the department's scope).
    public func leadsTeam(_ userID: UUID) async throws -> Bool {
        try await TeamRecord.query(on: db).filter(\.$leaderID == userID).first() != nil
    }

    /// The teams a user leads (index teams_leader).
    public func teamsLed(by userID: UUID) async throws -> [UUID] {
        try await db.sqlKit.raw("SELECT id FROM teams WHERE leader_id = \(bind: userID) LIMIT 50").all().map { try $0.decode(column: "id", as: UUID.self) }
    }
}
