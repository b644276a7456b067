import FluentKit
import Foundation
import KefuDomain
import SQLKit

/// Optimistic locking (API.md "Updates"): moves a row from `expected` to `expected + 1` in one
/// conditional UPDATE, so two writers with the same version cannot both win on either database.
public enum VersionGuard {
    public static func claim(_ db: any Database, table: String, id: UUID, expected: Int) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(table) }
        let rows = try await sql.update(table)
            .set("version", to: SQLLiteral.numeric("\(expected + 1)"))
            .where("id", .equal, SQLBind(id))
            .where("version", .equal, SQLBind(expected))
            .returning("version")
            .all()
        guard !rows.isEmpty else {
            let current = try await sql.select().column("version").from(table).where("id", .equal, SQLBind(id))
                .first(decodingColumn: "version", as: Int.self)
            guard let current else { throw DomainError.notFound(subject: table) }
            throw DomainError.staleVersion(current: current)
        }
    }

    /// Sets `column` to `value` only where it is still NULL; true when this call set it (so two callers
    /// racing for the same row cannot both act on it, on either database).
    public static func setIfNull(_ db: any Database, table: String, column: String, id: UUID, to value: Date) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(table) }
        let rows = try await sql.update(table).set(column, to: SQLBind(value))
            .where("id", .equal, SQLBind(id)).where(SQLIdentifier(column), .is, SQLLiteral.null)
            .returning("id").all()
        return !rows.isEmpty
    }
}
