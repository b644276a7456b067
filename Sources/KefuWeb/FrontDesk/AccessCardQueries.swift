import FluentKit
import Foundation
import KefuCore
import KefuStore

/// Keyset lists of access cards and equipment reports, newest first.
struct AccessCardQueries {
    let db: any Database

    func cards(state: String?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<AccessCardRecord> {
        var query = AccessCardRecord.query(on: db)
        if let state { query = query.filter(\.$state == state) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$issuedAt < date).group(.and) { $0.filter(\.$issuedAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$issuedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.issuedAt), id: $0.id!).encoded } : nil)
    }

    func reports(after cursor: Cursor?, limit: Int) async throws -> KeysetPage<AccessEquipmentReportRecord> {
        var query = AccessEquipmentReportRecord.query(on: db)
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$reportedAt < date).group(.and) { $0.filter(\.$reportedAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$reportedAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.reportedAt), id: $0.id!).encoded } : nil)
    }
}
