import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Who reads a report (data scope): the reporter, the addressed superior, the skipped one (ESC-06), the one
/// an objection was forwarded to (ESC-07), those above the addressed level in the same department (the top
/// of the chain everywhere; not the system admin), and the emergency handler for the department's emergencies (ESC-11).
/// Anyone else gets 404, so a report's existence is not revealed.
struct UpwardReportAccess {
    let staff: StaffUser
    let routing: UpwardReportRouting

    // Only the top of the chain sees every department (not the system admin: confidential matters, SEC-02).
    private var isTop: Bool { routing.chain.last.map(staff.roles.contains) == true }
    private var belowLevel: Int? { isTop ? Int.max : routing.level(of: staff.roles) }
    private var handler: Bool { staff.roles.contains(routing.rules.emergencyHandler) }

    var visibleBox: UpwardReportRepository.Box {
        .visible(staff.id, departmentID: staff.departmentID, belowLevel: belowLevel, allDepartments: isTop, emergencyHandler: handler)
    }

    func canRead(_ record: UpwardReportRecord) -> Bool {
        if [record.reporterID, record.superiorID, record.skippedID, record.forwardedToID].contains(staff.id) { return true }
        let sameDepartment = staff.departmentID != nil && staff.departmentID == record.departmentID
        if let belowLevel, record.level < belowLevel, isTop || sameDepartment { return true }
        return handler && record.emergency && sameDepartment
    }

    func readable(_ id: UUID, db: any Database) async throws -> UpwardReportRecord {
        guard let record = try await UpwardReportRepository(db: db).find(id), canRead(record) else {
            throw DomainError.notFound(subject: "upward_report")
        }
        return record
    }
}
