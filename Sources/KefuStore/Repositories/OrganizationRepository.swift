import FluentKit
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

    public func department(_ id: UUID) async throws -> DepartmentRecord? {
        try await DepartmentRecord.find(id, on: db)
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
}
