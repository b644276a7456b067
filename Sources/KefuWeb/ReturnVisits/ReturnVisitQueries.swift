import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The return-visit station's queues (API.md `state=due|overdue|done|unreachable`, plus `rescheduled`,
/// RTV-10), each one range of the (state, due_at, id) index, paged by keyset.
struct ReturnVisitQueries {
    let db: any Database

    enum View: String, CaseIterable, Sendable {
        case due, overdue, rescheduled, done, unreachable
    }

    func page(_ view: View, now: Date, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<ReturnVisitRecord> {
        var query = ReturnVisitRecord.query(on: db)
        switch view {
        case .due: query = query.filter(\.$state == ReturnVisitState.open.rawValue).filter(\.$dueAt >= now)
        case .overdue: query = query.filter(\.$state == ReturnVisitState.open.rawValue).filter(\.$dueAt < now)
        case .rescheduled: query = query.filter(\.$state == ReturnVisitState.open.rawValue).filter(\.$bookedAt != nil)
        case .done: query = query.filter(\.$state == ReturnVisitState.done.rawValue)
        case .unreachable: query = query.filter(\.$state == ReturnVisitState.unreachable.rawValue)
        }
        // Open visits: the most urgent first; finished ones: the latest first.
        let ascending = view == .due || view == .overdue || view == .rescheduled
        if let cursor {
            let at = try Cursor.date(cursor.key)
            query = ascending
                ? query.group(.or) { $0.filter(\.$dueAt > at).group(.and) { $0.filter(\.$dueAt == at).filter(\.$id > cursor.id) } }
                : query.group(.or) { $0.filter(\.$dueAt < at).group(.and) { $0.filter(\.$dueAt == at).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$dueAt, ascending ? .ascending : .descending).sort(\.$id, ascending ? .ascending : .descending)
            .limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.dueAt), id: $0.id!).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }

    /// The attempts of a page of visits (bounded by the page size).
    func attempts(of visitIDs: [UUID]) async throws -> [UUID: [ReturnVisitAttemptRecord]] {
        guard !visitIDs.isEmpty else { return [:] }
        let rows = try await ReturnVisitAttemptRecord.query(on: db).filter(\.$visitID ~~ visitIDs).sort(\.$at).limit(visitIDs.count * 20).all()
        return Dictionary(grouping: rows, by: \.visitID)
    }
}
