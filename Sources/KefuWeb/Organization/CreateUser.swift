import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Creates a staff account (API, admin page, `kefu users create`, demo): validates every field at once,
/// checks the department and team exist and agree, hashes the password, audits — in one transaction.
struct CreateUser {
    let db: any Database
    let services: AppServices
    let hashing: PasswordHashing

    struct Input {
        var username: String
        var displayName: String
        var password: String
        var roles: [Role]
        var departmentID: UUID? = nil
        var teamID: UUID? = nil
        var grade: Grade? = nil
        var skill: Skill? = nil
        var hiredOn: LocalDate? = nil
    }

    func run(_ input: Input, actor: (id: UUID?, name: String)) async throws -> UserRecord {
        let username = input.username.trimmingCharacters(in: .whitespaces).lowercased()
        let displayName = input.displayName.trimmingCharacters(in: .whitespaces)
        var fields: [String: String] = [:]
        if !Credentials.isValidUsername(username) { fields["username"] = "error.field.username" }
        if displayName.isEmpty || displayName.count > 64 { fields["display_name"] = "error.field.display_name" }
        if !Credentials.isAcceptablePassword(input.password) { fields["password"] = "error.field.password_short" }
        if input.roles.isEmpty { fields["roles"] = "error.field.roles" }
        let organization = OrganizationRepository(db: db)
        if let id = input.departmentID, try await organization.department(id) == nil { fields["department_id"] = "error.field.unknown" }
        if let id = input.teamID {
            if let team = try await organization.team(id) {
                if let department = input.departmentID, team.departmentID != department { fields["team_id"] = "error.field.team_department" }
            } else { fields["team_id"] = "error.field.unknown" }
        }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        var departmentID = input.departmentID
        if departmentID == nil, let teamID = input.teamID { departmentID = try await organization.team(teamID)?.departmentID }
        let hash = try await hashing.hash(input.password)
        let now = services.now()
        let user = UserRecord(username: username, displayName: displayName, passwordHash: hash, roles: input.roles,
                              departmentID: departmentID, teamID: input.teamID, grade: input.grade, skill: input.skill,
                              hiredOn: input.hiredOn, createdAt: now)
        let version = services.rulebook.versionShort
        try await db.transaction { db in
            try await UserRepository(db: db).insert(user)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: actor.id, actorName: actor.name, action: "user.created", subjectType: "user",
                subjectID: user.id!, summary: "username \(username); roles \(user.roles.map(\.rawValue).joined(separator: ","))",
                rulebookVersion: version))
        }
        return user
    }
}
