import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Inspection, finding, closing-round and request lists; keyset on their time and id, newest first
/// (findings: soonest due first).
struct SafetyQueries {
    let db: any Database

    func detail(_ id: UUID) async throws -> ([SafetyInspectionItemRecord], [SafetyFindingRecord]) {
        (try await SafetyInspectionItemRecord.query(on: db).filter(\.$inspectionID == id).limit(100).all()
            .sorted { (InspectionItem(rawValue: $0.item).flatMap { InspectionItem.allCases.firstIndex(of: $0) } ?? 99)
                    < (InspectionItem(rawValue: $1.item).flatMap { InspectionItem.allCases.firstIndex(of: $0) } ?? 99) },
         try await SafetyFindingRecord.query(on: db).filter(\.$inspectionID == id).sort(\.$dueAt).limit(100).all())
    }

    func inspections(after cursor: Cursor?, limit: Int) async throws -> KeysetPage<SafetyInspectionRecord> {
        var query = SafetyInspectionRecord.query(on: db)
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$inspectedAt < date).group(.and) { $0.filter(\.$inspectedAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$inspectedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.inspectedAt), id: $0.id!).encoded } : nil)
    }

    func findings(state: String?, owner: UUID?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<SafetyFindingRecord> {
        var query = SafetyFindingRecord.query(on: db)
        if let state { query = query.filter(\.$state == state) }
        if let owner { query = query.filter(\.$ownerID == owner) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$dueAt > date).group(.and) { $0.filter(\.$dueAt == date).filter(\.$id > cursor.id) } }
        }
        let rows = try await query.sort(\.$dueAt).sort(\.$id).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.dueAt), id: $0.id!).encoded } : nil)
    }

    func closings(after cursor: Cursor?, limit: Int) async throws -> KeysetPage<ClosingCheckRecord> {
        var query = ClosingCheckRecord.query(on: db)
        if let cursor { query = query.filter(\.$checkDate < cursor.key) }
        let rows = try await query.sort(\.$checkDate, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: $0.checkDate, id: $0.id!).encoded } : nil)
    }

    func requests(state: String?, kind: String?, requester: UUID?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<SafetyRequestRecord> {
        var query = SafetyRequestRecord.query(on: db)
        if let state { query = query.filter(\.$state == state) }
        if let kind { query = query.filter(\.$kind == kind) }
        if let requester { query = query.filter(\.$requesterID == requester) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$createdAt < date).group(.and) { $0.filter(\.$createdAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil)
    }
}
