import FluentKit
import KefuCore
import KefuDomain
import KefuStore

/// The part of the staff directory a user may see, from their roles' data scope (checked in the
/// repository query, not only in views).
enum UserScope {
    /// A scope that needs a department or team the user does not have narrows to the user themself,
    /// never to "everyone without one".
    static func of(_ staff: StaffUser, db: any Database) async throws -> UserRepository.Scope {
        if staff.has(.usersManage) { return .all }
        let led = try await OrganizationRepository(db: db).teamsLed(by: staff.id)
        switch DataScope.of(roles: staff.roles, leadsTeam: !led.isEmpty) {
        case .all: return .all
        case .department: return staff.departmentID.map { .department($0) } ?? .only(staff.id)
        case .team: return .teams(led)
        case .own: return .only(staff.id)
        }
    }

    static func contains(_ scope: UserRepository.Scope, _ user: UserRecord) -> Bool {
        switch scope {
        case .all: true
        case .department(let id): user.departmentID == id
        case .teams(let ids): user.teamID.map(ids.contains) ?? false
        case .only(let id): user.id == id
        }
    }
}
