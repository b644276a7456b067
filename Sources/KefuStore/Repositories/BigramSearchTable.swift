import FluentKit
import FluentSQL
import Foundation
import KefuDomain
import SQLKit

/// One Chinese-aware full-text index (ARCHITECTURE §3): the domain tokenizer's tokens stored in a SQLite
/// FTS5 table (a row per owner, its rowid kept on the owner's `search_rowid`) or in a PostgreSQL table of
/// tsvectors built from the tokens as they are (`array_to_tsvector`, no parser in between), keyed by the
/// owner's id. Cases and knowledge-base entries each have one. Written in the caller's transaction.
struct BigramSearchTable: Sendable {
    /// The index table (`case_search`), the owner's key column in it on PostgreSQL (`case_id`) and the
    /// owner table (`cases`).
    let table: String, ownerKey: String, ownerTable: String
    let db: any Database

    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(table) }
            return sql
        }
    }

    var isSQLite: Bool { (db as? any SQLDatabase)?.dialect.name == "sqlite" }

    /// Indexes `text` for the owner `id`. SQLite: updates the row `rowID` or inserts one and returns its
    /// rowid (the caller stores it on the owner); PostgreSQL: upserts the owner's row, returns nil.
    func write(id: UUID?, rowID: Int64?, text: String) async throws -> Int64? {
        // A query word is at most 200 characters, so longer words (a pasted URL) can never match; PostgreSQL
        // would refuse a lexeme over 2 KB anyway.
        let tokens = SearchTokenizer.indexTokens(text).filter { $0.count <= SearchTokenizer.maxQueryCharacters }
        let sql = try sql
        if isSQLite {
            let joined = tokens.joined(separator: " ")
            if let rowID {
                try await sql.raw("UPDATE \(ident: table) SET tokens = \(bind: joined) WHERE rowid = \(bind: rowID)").run()
                return rowID
            }
            try await sql.raw("INSERT INTO \(ident: table) (tokens) VALUES (\(bind: joined))").run()
            let row = try await sql.raw("SELECT last_insert_rowid() AS row_id").first()
            return try row?.decode(column: "row_id", as: Int64.self)
        }
        try await sql.raw("""
            INSERT INTO \(ident: table) (\(ident: ownerKey), document) VALUES (\(bind: id!), array_to_tsvector(\(bind: tokens)))
            ON CONFLICT (\(ident: ownerKey)) DO UPDATE SET document = EXCLUDED.document
            """).run()
        return nil
    }

    /// A filter keeping the owners whose text holds every token of `query` (a 2-character word is one
    /// bigram and must match); nil when the query has no tokens (the caller returns no results).
    func filter(matching query: String) -> DatabaseQuery.Filter? {
        let tokens = SearchTokenizer.queryTokens(query)
        guard !tokens.isEmpty else { return nil }
        if isSQLite {
            let match = SearchTokenizer.ftsMatchExpression(tokens)
            return .sql(embed: "\(ident: ownerTable).\(ident: "search_rowid") IN (SELECT rowid FROM \(ident: table) WHERE \(ident: table) MATCH \(bind: match))")
        }
        let expression = SearchTokenizer.tsQueryExpression(tokens)
        return .sql(embed: "\(ident: ownerTable).\(ident: "id") IN (SELECT \(ident: ownerKey) FROM \(ident: table) WHERE document @@ \(bind: expression)::tsquery)")
    }
}

extension BigramSearchTable {
    /// SQLite: the rowids the next `count` rows will have (consecutive after the last one); read in the
    /// caller's write transaction, which no other writer can enter before it commits.
    func nextRowIDs(_ count: Int) async throws -> [Int64] {
        // FTS5 walks its rowids backwards for this, without a scan (max(rowid) would scan).
        let last = try await sql.raw("SELECT rowid AS r FROM \(ident: table) ORDER BY rowid DESC LIMIT 1").first()?
            .decode(column: "r", as: Int64.self) ?? 0
        return (0..<count).map { last + 1 + Int64($0) }
    }

    /// Indexes the texts of new owners (`texts[i]` of `owners[i]`), one statement for all: on SQLite as the
    /// rows `rowIDs` (from `nextRowIDs`), on PostgreSQL keyed by the owners' ids.
    func insert(_ owners: [UUID], texts: [String], rowIDs: [Int64]?) async throws {
        guard !owners.isEmpty else { return }
        let sql = try sql
        let tokens = texts.map { SearchTokenizer.indexTokens($0).filter { $0.count <= SearchTokenizer.maxQueryCharacters } }
        if isSQLite {
            guard let rowIDs, rowIDs.count == owners.count else { throw StoreError.corrupt(table) }
            try await sql.insertRows(into: table, columns: ["rowid", "tokens"],
                                     rows: zip(rowIDs, tokens).map { [SQLBind($0.0), SQLBind($0.1.joined(separator: " "))] })
            return
        }
        try await sql.insertRows(into: table, columns: [ownerKey, "document"], rows: zip(owners, tokens).map {
            [SQLBind($0.0), SQLFunction("array_to_tsvector", args: SQLBind($0.1))]
        })
    }
}
