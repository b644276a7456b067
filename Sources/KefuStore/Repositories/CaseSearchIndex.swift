import FluentKit
import FluentSQL
import Foundation
import KefuDomain
import SQLKit

/// The Chinese-aware full-text index of cases (ARCHITECTURE §3): the domain tokenizer's tokens stored
/// in SQLite FTS5 (a row per case, its rowid kept on the case) or in a PostgreSQL tsvector built from the
/// tokens as they are (`array_to_tsvector`, no parser in between). Written in the caller's transaction.
public struct CaseSearchIndex: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    private var table: BigramSearchTable { BigramSearchTable(table: "case_search", ownerKey: "case_id", ownerTable: "cases", db: db) }

    private var sql: any SQLDatabase { get throws { try table.sql } }

    var isSQLite: Bool { table.isSQLite }

    /// SQLite: call before the case row is created (it records the index row on the case);
    /// PostgreSQL: call after (the index row references the case).
    public func write(_ record: CaseRecord, text: String) async throws {
        let rowID = try await table.write(id: record.id, rowID: record.searchRowID, text: text)
        if isSQLite { record.searchRowID = rowID }
    }

    /// A filter keeping the cases whose text holds every token of `query`; nil when the query has no
    /// tokens (nothing to search for — the caller returns no results).
    public func filter(matching query: String) -> DatabaseQuery.Filter? { table.filter(matching: query) }

    /// SQLite: the search rowids of the next `count` new cases (in the caller's write transaction); PostgreSQL: nil.
    public func nextRowIDs(_ count: Int) async throws -> [Int64]? { isSQLite ? try await table.nextRowIDs(count) : nil }

    /// Indexes new cases together (SQLite: as the rows their `searchRowID` names).
    func insert(_ ids: [UUID], texts: [String], rowIDs: [Int64]?) async throws { try await table.insert(ids, texts: texts, rowIDs: rowIDs) }

    /// Reserves `counts[key]` numbers of each key at once (cases opened together, issue 22) and returns, per
    /// key, the first of its consecutive numbers; one statement, atomically on both databases.
    public func nextSequences(_ counts: [String: Int]) async throws -> [String: Int] {
        guard !counts.isEmpty else { return [:] }
        let keys = counts.keys.sorted()  // one lock order for every writer
        let values = SQLKit.SQLList(keys.map { SQLGroupExpression([SQLBind($0), SQLBind(counts[$0]!)]) })
        let rows = try await sql.raw("""
            INSERT INTO case_number_sequences (key, last) VALUES \(values)
            ON CONFLICT (key) DO UPDATE SET last = case_number_sequences.last + excluded.last RETURNING key, last
            """).all()
        var first: [String: Int] = [:]
        for row in rows {
            let key = try row.decode(column: "key", as: String.self)
            guard let count = counts[key] else { throw StoreError.corrupt("case_number_sequences") }
            first[key] = try row.decode(column: "last", as: Int.self) - count + 1
        }
        guard first.count == counts.count else { throw StoreError.corrupt("case_number_sequences") }
        return first
    }

    /// Next number of the day for `key` (prefix and date), atomically on both databases.
    public func nextSequence(key: String) async throws -> Int {
        let row = try await sql.raw("""
            INSERT INTO case_number_sequences (key, last) VALUES (\(bind: key), 1)
            ON CONFLICT (key) DO UPDATE SET last = case_number_sequences.last + 1 RETURNING last
            """).first()
        guard let last = try row?.decode(column: "last", as: Int.self) else { throw StoreError.corrupt("case_number_sequences") }
        return last
    }
}
