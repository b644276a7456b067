import FluentKit
import FluentSQL
import Foundation
import KefuDomain
import SQLKit

/// The Chinese-aware index of the knowledge base's published wording, built like `CaseSearchIndex`: the
/// domain tokenizer's tokens in SQLite FTS5 (rowid kept on the entry) or a PostgreSQL tsvector. It holds
/// the live version's text; whether an entry is live and in force is filtered on the entry row.
public struct KBSearchIndex: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    private var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("kb_search") }
            return sql
        }
    }

    var isSQLite: Bool { (db as? any SQLDatabase)?.dialect.name == "sqlite" }

    /// Indexes `text` for the entry (which must exist); on SQLite it sets `record.searchRowID`, which the
    /// caller saves.
    public func write(_ record: KBEntryRecord, text: String) async throws {
        let tokens = SearchTokenizer.indexTokens(text).filter { $0.count <= SearchTokenizer.maxQueryCharacters }
        let sql = try sql
        if isSQLite {
            let joined = tokens.joined(separator: " ")
            if let rowID = record.searchRowID {
                try await sql.raw("UPDATE kb_search SET tokens = \(bind: joined) WHERE rowid = \(bind: rowID)").run()
            } else {
                try await sql.raw("INSERT INTO kb_search (tokens) VALUES (\(bind: joined))").run()
                let row = try await sql.raw("SELECT last_insert_rowid() AS row_id").first()
                record.searchRowID = try row?.decode(column: "row_id", as: Int64.self)
            }
        } else {
            try await sql.raw("""
                INSERT INTO kb_search (entry_id, document) VALUES (\(bind: record.id!), array_to_tsvector(\(bind: tokens)))
                ON CONFLICT (entry_id) DO UPDATE SET document = EXCLUDED.document
                """).run()
        }
    }

    /// A filter keeping the entries whose live text holds every token of `query` (a 2-character word is
    /// one bigram and must match); nil when the query has no tokens.
    public func filter(matching query: String) -> DatabaseQuery.Filter? {
        let tokens = SearchTokenizer.queryTokens(query)
        guard !tokens.isEmpty else { return nil }
        if isSQLite {
            let match = SearchTokenizer.ftsMatchExpression(tokens)
            return .sql(embed: "\(ident: "kb_entries").\(ident: "search_rowid") IN (SELECT rowid FROM kb_search WHERE kb_search MATCH \(bind: match))")
        }
        let query = SearchTokenizer.tsQueryExpression(tokens)
        return .sql(embed: "\(ident: "kb_entries").\(ident: "id") IN (SELECT entry_id FROM kb_search WHERE document @@ \(bind: query)::tsquery)")
    }
}
