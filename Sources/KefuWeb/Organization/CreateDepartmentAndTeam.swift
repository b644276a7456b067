import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Departments and teams, each created in one transaction with its audit event.
struct CreateDepartment {
    let db: any Database
    let services: AppServices

    func run(name rawName: String, kind: DepartmentKind, actor: StaffUser?) async throws -> DepartmentRecord {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { throw DomainError.validation(fields: ["name": "error.field.name"]) }
        let now = services.now()
        let department = DepartmentRecord(name: name, kind: kind.rawValue, createdAt: now)
        try await db.transaction { db in
            try await OrganizationRepository(db: db).insert(department)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: actor?.id, actorName: actor?.username ?? "system", action: "department.created",
                subjectType: "department", subjectID: department.id!, summary: "\(name) (\(kind.rawValue))",
                rulebookVersion: services.rulebook.versionShort))
        }
        return department
    }
}

struct CreateTeam {
    let db: any Database
    let services: AppServices

    func run(name rawName: String, departmentID: UUID, leaderID: UUID?, actor: StaffUser?) async throws -> TeamRecord {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        var fields: [String: String] = [:]
        if name.isEmpty || name.count > 64 { fields["name"] = "error.field.name" }
        if try await OrganizationRepository(db: db).department(departmentID) == nil { fields["department_id"] = "error.field.unknown" }
        if let leaderID, try await UserRepository(db: db).find(leaderID) == nil { fields["leader_id"] = "error.field.unknown" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let now = services.now()
        let team = TeamRecord(name: name, departmentID: departmentID, leaderID: leaderID, createdAt: now)
        try await db.transaction { db in
            try await OrganizationRepository(db: db).insert(team)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: actor?.id, actorName: actor?.username ?? "system", action: "team.created",
                subjectType: "team", subjectID: team.id!, summary: name, rulebookVersion: services.rulebook.versionShort))
        }
        return team
    }
}
