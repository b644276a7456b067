import Foundation
import SQLKit

/// Multi-row inserts in explicit columns (issue 22): the rows of many new records in one statement each,
/// with no per-row reflection of Fluent's models. Values are bound exactly as Fluent binds them (the
/// driver's own encoder), so the rows read back through the models unchanged.
extension SQLDatabase {
    /// Inserts `rows` (each in `columns` order) into `table`, in as few statements as the databases'
    /// parameter limits allow (SQLite 32,766, PostgreSQL 65,535).
    func insertRows(into table: String, columns: [String], rows: [[any SQLExpression]]) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, 30_000 / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perStatement)
            var insert = self.insert(into: table).columns(columns)
            for row in rows[start..<end] {
                precondition(row.count == columns.count, "a row of \(table) has \(row.count) values for \(columns.count) columns")
                insert = insert.values(row)
            }
            try await insert.run()
            start = end
        }
    }
}

/// A bound value, or SQL NULL for nil.
func bindOrNull<T: Encodable & Sendable>(_ value: T?) -> any SQLExpression {
    if let value { return SQLBind(value) }
    return SQLLiteral.null
}
