import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Reads of the guidance flow: the keyset list (by state) and the desk board (patients waiting per step).
struct HospitalVisitQueries {
    let db: any Database

    func find(_ id: UUID) async throws -> HospitalVisitRecord {
        guard let visit = try await HospitalVisitRecord.find(id, on: db) else { throw DomainError.notFound(subject: "hospital_visit") }
        return visit
    }

    /// Newest first; `state` uses the (state, created_at, id) index.
    func list(state: HospitalVisitState?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<HospitalVisitRecord> {
        var query = HospitalVisitRecord.query(on: db)
        if let state { query = query.filter(\.$state == state.rawValue) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$createdAt < date).group(.and) { $0.filter(\.$createdAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil)
    }

    /// The patients still in the flow, oldest first (the one waiting longest is served first), per state.
    func waiting(flow: HospitalFlow, limit: Int = 100) async throws -> [HospitalVisitRecord] {
        let running = HospitalVisitState.allCases.filter { !flow.isFinished($0) }.map(\.rawValue)
        return try await HospitalVisitRecord.query(on: db).filter(\.$state ~~ running)
            .sort(\.$createdAt).sort(\.$id).limit(limit).all()
    }

    /// The visits that finished (or were abandoned) since `start`, newest first, for the board's "done today".
    func finished(since start: Date, limit: Int = 20) async throws -> [HospitalVisitRecord] {
        try await HospitalVisitRecord.query(on: db).filter(\.$createdAt >= start)
            .filter(\.$state ~~ [HospitalVisitState.consultingRoom.rawValue, HospitalVisitState.left.rawValue])
            .sort(\.$createdAt, .descending).limit(limit).all()
    }
}
