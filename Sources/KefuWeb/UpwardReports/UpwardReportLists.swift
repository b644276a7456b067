import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The list boxes: `mine` or `sent` (filed by me), `addressed` (to me, also as skipped or forwarded-to superior),
/// anything else = every report I may read. `open` keeps the unfinished ones; `case_id` those of one case.
struct UpwardReportLists {
    let db: any Database
    let services: AppServices

    func page(box: String?, open: Bool, caseID: UUID? = nil, for staff: StaffUser, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<UpwardReportRecord> {
        let routing = UpwardReports(db: db, services: services).routing
        let chosen: UpwardReportRepository.Box = switch box {
        case "mine", "sent": .mine(staff.id)
        case "addressed": .addressed(staff.id)
        default: UpwardReportAccess(staff: staff, routing: routing).visibleBox
        }
        return try await UpwardReportRepository(db: db).list(chosen, statuses: open ? UpwardReportStatus.open.map(\.rawValue) : nil,
                                                            caseID: caseID, after: cursor, limit: limit)
    }

    /// Reports waiting for this superior's instruction or answer to an objection (待我批示), oldest first.
    func awaitingMe(_ staff: StaffUser, limit: Int) async throws -> [UpwardReportRecord] {
        try await UpwardReportRecord.query(on: db).filter(\.$superiorID == staff.id)
            .filter(\.$status ~~ UpwardReportStatus.awaitingSuperior.map(\.rawValue))
            .sort(\.$filedAt).sort(\.$id).limit(limit).all()
    }

    func awaitingCount(_ staff: StaffUser) async throws -> Int {
        try await UpwardReportRepository(db: db).awaitingCount(superiorID: staff.id, statuses: UpwardReportStatus.awaitingSuperior.map(\.rawValue))
    }
}
