import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Duty lists: by day (the roster), by person (mine), by state; keyset on (`due_at`, `id`), earliest first.
struct DutyQueries {
    let db: any Database

    struct Filter { var date: String?, from: String?, to: String?, assigneeID: UUID?, state: DutyState? }

    func page(_ filter: Filter, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<DutyRecord> {
        var query = DutyRecord.query(on: db)
        if let date = filter.date { query = query.filter(\.$dutyDate == date) }
        if let from = filter.from { query = query.filter(\.$dutyDate >= from) }
        if let to = filter.to { query = query.filter(\.$dutyDate <= to) }
        if let assignee = filter.assigneeID { query = query.filter(\.$assigneeID == assignee) }
        if let state = filter.state { query = query.filter(\.$state == state.rawValue) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$dueAt > date).group(.and) { $0.filter(\.$dueAt == date).filter(\.$id > cursor.id) } }
        }
        let rows = try await query.sort(\.$dueAt).sort(\.$id).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.dueAt), id: $0.id!).encoded } : nil)
    }

    /// A duty its assignee or a manager may see; anyone else gets 404 (no hint that it exists).
    func visible(_ id: UUID, to staff: StaffUser) async throws -> DutyRecord {
        guard let duty = try await DutyRecord.find(id, on: db),
              staff.has(.safetyManage) || duty.assigneeID == staff.id || (staff.teamID != nil && duty.teamID == staff.teamID && staff.roles.contains(.teamLeader))
        else { throw DomainError.notFound(subject: "duty") }
        return duty
    }
}
