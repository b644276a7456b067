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

    private var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("case_search") }
            return sql
        }
    }

    var isSQLite: Bool { (db as? any SQLDatabase)?.dialect.name == "sqlite" }

    /// SQLite: call before the case row is created (it records the index row on the case);
    /// PostgreSQL: call after (the index row references the case).
    public func write(_ record: CaseRecord, text: String) async throws {
        // A query word is at most 200 characters, so longer words (a pasted URL) can never match; PostgreSQL
        // would refuse a lexeme over 2 KB anyway.
        let tokens = SearchTokenizer.indexTokens(text).filter { $0.count <= SearchTokenizer.maxQueryCharacters }
        let sql = try sql
        if isSQLite {
            let joined = tokens.joined(separator: " ")
            if let rowID = record.searchRowID {
                try await sql.raw("UPDATE case_search SET tokens = \(bind: joined) WHERE rowid = \(bind: rowID)").run()
            } else {
                try await sql.raw("INSERT INTO case_search (tokens) VALUES (\(bind: joined))").run()
                let row = try await sql.raw("SELECT last_insert_rowid() AS row_id").first()
                record.searchRowID = try row?.decode(column: "row_id", as: Int64.self)
            }
        } else {
            try await sql.raw("""
                INSERT INTO case_search (case_id, document) VALUES (\(bind: record.id!), array_to_tsvector(\(bind: tokens)))
                ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document
                """).run()
        }
    }

    /// A filter keeping the cases whose text holds every token of `query`; nil when the query has no
    /// tokens (nothing to search for — the caller returns no results).
    public func filter(matching query: String) -> DatabaseQuery.Filter? {
        let tokens = SearchTokenizer.queryTokens(query)
        guard !tokens.isEmpty else { return nil }
        if isSQLite {
            let match = SearchTokenizer.ftsMatchExpression(tokens)
            return .sql(embed: "\(ident: "cases").\(ident: "search_rowid") IN (SELECT rowid FROM case_search WHERE case_search MATCH \(bind: match))")
        }
        let query = SearchTokenizer.tsQueryExpression(tokens)
        return .sql(embed: "\(ident: "cases").\(ident: "id") IN (SELECT case_id FROM case_search WHERE document @@ \(bind: query)::tsquery)")
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
