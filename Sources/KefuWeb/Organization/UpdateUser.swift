import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// An admin changes a user's name, roles, placement, grade, skill or active flag. Carries the version the
/// admin saw (stale → 409); deactivating revokes the user's sessions; the change is audited field by field.
struct UpdateUser {
    let db: any Database
    let services: AppServices

    func run(user: UserRecord, change: UpdateUserRequest, expectedVersion: Int, actor: StaffUser) async throws -> UserRecord {
        var fields: [String: String] = [:]
        if let name = change.displayName, name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 64 {
            fields["display_name"] = "error.field.display_name"
        }
        if let roles = change.roles, roles.isEmpty { fields["roles"] = "error.field.roles" }
        if user.id == actor.id, change.active == false { fields["active"] = "error.field.self_deactivate" }
        let organization = OrganizationRepository(db: db)
        if let id = change.departmentID, try await organization.department(id) == nil { fields["department_id"] = "error.field.unknown" }
        if let id = change.teamID {
            if let team = try await organization.team(id) {
                if team.departmentID != (change.departmentID ?? user.departmentID) { fields["team_id"] = "error.field.team_department" }
            } else { fields["team_id"] = "error.field.unknown" }
        }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let before = snapshot(user)
        if let name = change.displayName { user.displayName = name.trimmingCharacters(in: .whitespaces) }
        if let roles = change.roles { user.roles = roles }
        if let id = change.departmentID { user.departmentID = id }
        if let id = change.teamID { user.teamID = id }
        if let grade = change.grade { user.grade = grade.rawValue }
        if let skill = change.skill { user.skill = skill.rawValue }
        if let active = change.active { user.active = active }
        let after = snapshot(user)
        let now = services.now()
        try await db.transaction { db in
            try await UserRepository(db: db).update(user, expectedVersion: expectedVersion)
            if change.active == false { try await AuthRepository(db: db).revokeAll(userID: user.id!, at: now) }
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: actor.id, actorName: actor.username, action: "user.updated", subjectType: "user",
                subjectID: user.id!, summary: AuditEntry.changes(zip(before, after).map { ($0.0, $0.1, $1.1) }),
                rulebookVersion: services.rulebook.versionShort))
        }
        return user
    }

    private func snapshot(_ user: UserRecord) -> [(String, String?)] {
        [("display_name", user.displayName), ("roles", user.rolesText), ("department_id", user.departmentID?.uuidString),
         ("team_id", user.teamID?.uuidString), ("grade", user.grade), ("skill", user.skill), ("active", "\(user.active)")]
    }
}
