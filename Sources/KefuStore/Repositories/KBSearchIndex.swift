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

    private var table: BigramSearchTable { BigramSearchTable(table: "kb_search", ownerKey: "entry_id", ownerTable: "kb_entries", db: db) }

    var isSQLite: Bool { table.isSQLite }

    /// Indexes `text` for the entry (which must exist); on SQLite it sets `record.searchRowID`, which the
    /// caller saves.
    public func write(_ record: KBEntryRecord, text: String) async throws {
        let rowID = try await table.write(id: record.id, rowID: record.searchRowID, text: text)
        if isSQLite { record.searchRowID = rowID }
    }

    /// A filter keeping the entries whose live text holds every token of `query`; nil when it has no tokens.
    public func filter(matching query: String) -> DatabaseQuery.Filter? { table.filter(matching: query) }
}
