import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Who may see and work on a complaint: whoever may read the case, and the departments that hold one of
/// its tasks (R&D or marketing staff see the form they work on, CMP-05/06, without the case queue).
package struct ComplaintAccess {
    package let caseRecord: CaseRecord
    package let complaint: ComplaintRecord
    /// The caller may act on the case (assignee, owner, their superiors).
    package let canAct: Bool
    /// The caller may read the case through the case scope.
    package let readsCase: Bool

    package init(caseRecord: CaseRecord, complaint: ComplaintRecord, canAct: Bool, readsCase: Bool) {
        self.caseRecord = caseRecord
        self.complaint = complaint
        self.canAct = canAct
        self.readsCase = readsCase
    }

    /// Departments that work on the form after closure (sales, warehouse, finance: CMP-35..39) and the
    /// GM office's review (CMP-40) read it by role.
    package static let formReaders: Set<Role> = [.salesManager, .salesVP, .marketing, .warehouse, .finance, .gmOffice, .gm, .vp, .hr]

    package static func load(_ caseID: UUID, staff: StaffUser, db: any Database, roles: Set<Role> = []) async throws -> ComplaintAccess {
        let scope = try await CaseScope.of(staff, db: db)
        guard let record = try await CaseRepository(db: db).find(caseID),
              let complaint = try await ComplaintRepository(db: db).form(caseID: caseID) else { throw DomainError.notFound(subject: "complaint") }
        let reads = CaseAccess.canRead(scope.viewer, record.parties)
        if !reads, staff.roles.isDisjoint(with: roles) {
            guard let department = staff.departmentID,
                  try await ComplaintRepository(db: db).hasTask(caseID: caseID, departmentID: department)
            else { throw DomainError.notFound(subject: "case") }
        }
        return ComplaintAccess(caseRecord: record, complaint: complaint, canAct: CaseAccess.canAct(scope.viewer, record.parties), readsCase: reads)
    }

    /// Only the CS staff handling the complaint (and their superiors) act on the form itself.
    package func requireHandler() throws {
        guard canAct else { throw DomainError.forbidden(reason: "error.case.not_yours") }
    }

    /// CMP-24: a closed complaint's tasks are finished business (422 `complaints.close_requires`).
    package func requireNotClosed() throws {
        try ComplaintClosing.checkTaskAction(caseStatus: CaseStatus(rawValue: caseRecord.status) ?? .new)
    }

    package func requireOpen() throws {
        guard CaseStatus(rawValue: caseRecord.status)?.isOpen == true else {
            throw DomainError.invalidTransition(from: caseRecord.status, to: "complaint_step")
        }
    }
}
