import FluentKit
import KefuDomain
import KefuStore

/// The part of the staff directory a user may see, from their roles' data scope (checked in the
/// repository query, not only in views).
enum UserScope {
    static func of(_ staff: StaffUser, db: any Database) async throws -> UserRepository.Scope {
        if staff.has(.usersManage) { return .all }
        let leadsTeam = try await OrganizationRepository(db: db).leadsTeam(staff.id)
        switch DataScope.of(roles: staff.roles, leadsTeam: leadsTeam) {
        case .all: return .all
        case .department: return .department(staff.departmentID)
        case .team: return .team(staff.teamID)
        case .own: return .only(staff.id)
        }
    }

    static func contains(_ scope: UserRepository.Scope, _ user: UserRecord) -> Bool {
        switch scope {
        case .all: true
        case .department(let id): id != nil && user.departmentID == id
        case .team(let id): id != nil && user.teamID == id
        case .only(let id): user.id == id
        }
    }
}
