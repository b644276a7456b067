import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The case access of a signed-in staff member: the viewer for single-case checks (`CaseAccess`) and
/// the repository scope for lists — one computation, so a list never shows a case the page would refuse.
package struct CaseScope {
    package let viewer: CaseViewer
    package let repositoryScope: CaseRepository.Scope

    package init(viewer: CaseViewer, repositoryScope: CaseRepository.Scope) {
        self.viewer = viewer
        self.repositoryScope = repositoryScope
    }

    package static func of(_ staff: StaffUser, db: any Database) async throws -> CaseScope {
        let led = try await OrganizationRepository(db: db).teamsLed(by: staff.id)
        var scope = DataScope.of(roles: staff.roles, leadsTeam: !led.isEmpty)
        if staff.has(.usersManage) { scope = .all }
        let viewer = CaseViewer(userID: staff.id, scope: scope, departmentID: staff.departmentID, teamsLed: Set(led),
                                mayAssign: staff.has(.casesAssign), mayTake: staff.has(.casesCreate))
        let repositoryScope: CaseRepository.Scope = switch scope {
        case .all: .all
        case .department: staff.departmentID.map { .department($0) } ?? .own(staff.id, departmentID: nil)
        case .team: .teams(led, me: staff.id, departmentID: staff.departmentID)
        case .own: .own(staff.id, departmentID: staff.departmentID)
        }
        return CaseScope(viewer: viewer, repositoryScope: repositoryScope)
    }

    /// The case if the caller may read it; a case outside the scope is reported as not found (its
    /// existence is not revealed).
    package func readable(_ id: UUID, db: any Database) async throws -> CaseRecord {
        guard let record = try await CaseRepository(db: db).find(id), CaseAccess.canRead(viewer, record.parties) else {
            throw DomainError.notFound(subject: "case")
        }
        return record
    }
}

extension CaseScope {
    /// Narrows `filter` to the caller's 待分派 queue (CaseAssignment.queue): only cases they may give to
    /// someone. False when the caller has no queue at all (the list is then empty).
    package func narrowToAssignmentQueue(_ filter: inout CaseRepository.Filter) -> Bool {
        filter.unassigned = true
        switch CaseAssignment.queue(of: viewer) {
        case .all: return true
        case .department(let id): filter.departmentID = id; return true
        case .teams(let led): filter.teamIDs = Array(led); return true
        case .none: return false
        }
    }
}
