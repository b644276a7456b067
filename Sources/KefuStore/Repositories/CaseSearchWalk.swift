import FluentKit
import FluentSQL
import Foundation
import KefuDomain
import SQLKit

/// A case text search on SQLite, walked newest first (issue 10, PERFORMANCE.md).
///
/// Asked for "all matches, newest first", SQLite reads every case a common 2-character word matches (a
/// quarter of a million at 1,000,000 cases) and sorts them to return 51. FTS5 rowids are handed out as cases
/// are indexed, that is in creation order, so the index itself can be read newest first: take the next
/// batch of matching rowids (256, then 4× larger each round up to 16,384), keep the cases of that batch
/// that pass the scope and the other filters, and stop as soon as the page is full. A common word costs a
/// page, a rare one (a phone number) one short round. Pages follow the index order, and the cursor is the
/// last row's search rowid. PostgreSQL walks `cases_created` and probes its GIN index instead, so it keeps
/// the ordinary filter (`CaseSearchIndex.filter(matching:)`).
public struct CaseSearchWalk: Sendable {
    let db: any Database
    /// The FTS5 MATCH expression of the query's tokens.
    let match: String
    var firstBatch = Self.firstBatch

    public static let firstBatch = 256
    static let largestBatch = 16_384

    /// The page after `cursor` of `base` (scope and filters applied, no sort, no limit) among the matches.
    func page(_ base: QueryBuilder<CaseRecord>, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<CaseRecord> {
        var below = try cursor.map { try Self.rowID($0.key) } ?? Int64.max
        var batch = firstBatch
        var found: [CaseRecord] = []
        while found.count <= limit {
            // The batch is the matches in [floor, below); no floor means fewer than `batch` remain.
            let floor = try await lowestRowID(below: below, batch: batch)
            let query = base.copy()
            // Read the batch's cases by their rowid. With statistics the planner would rather drive an agent's
            // search from the scope (every case of theirs, then the batch as a filter), 80–130 ms at 1,000,000.
            CaseRepository.read(query, through: "cases_search_rowid")
            let rows = try await query
                .filter(.sql(embed: """
                    \(ident: "cases").\(ident: "search_rowid") IN (SELECT rowid FROM case_search \
                    WHERE case_search MATCH \(bind: match) AND rowid < \(bind: below) AND rowid >= \(bind: floor ?? 0))
                    """))
                .sort(\.$searchRowID, .descending).limit(limit + 1 - found.count).allListed()
            found += rows
            guard let floor else { break }
            below = floor
            batch = min(batch * 4, Self.largestBatch)
        }
        let items = Array(found.prefix(limit))
        let next = found.count > limit ? items.last.map { Cursor(key: Self.key($0.searchRowID ?? 0), id: $0.id!).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }

    /// The `batch`-th matching rowid below `below`, counting down.
    private func lowestRowID(below: Int64, batch: Int) async throws -> Int64? {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("case_search") }
        let row = try await sql.raw("""
            SELECT rowid AS row_id FROM case_search WHERE case_search MATCH \(bind: match) AND rowid < \(bind: below) \
            ORDER BY rowid DESC LIMIT 1 OFFSET \(bind: batch - 1)
            """).first()
        return try row?.decode(column: "row_id", as: Int64.self)
    }

    /// Search cursors carry the rowid, marked so that a date cursor of another list is refused, not misread.
    static func key(_ rowID: Int64) -> String { "s\(rowID)" }

    static func rowID(_ key: String) throws -> Int64 {
        guard key.hasPrefix("s"), let rowID = Int64(key.dropFirst()), rowID > 0 else {
            throw DomainError.validation(fields: ["cursor": "error.cursor_invalid"])
        }
        return rowID
    }
}
