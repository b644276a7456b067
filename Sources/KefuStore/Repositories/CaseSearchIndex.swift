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
