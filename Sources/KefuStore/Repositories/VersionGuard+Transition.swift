import FluentKit
import Foundation
import KefuDomain
import SQLKit

extension VersionGuard {
    /// Moves a register row from one state to another only if it is still in `from`: true when this call did.
    public static func transition(_ db: any Database, table: String, id: UUID, from: String, to: String) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(table) }
        let rows = try await sql.update(table)
            .set("state", to: SQLBind(to))
            .set("version", to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(id)).where("state", .equal, SQLBind(from))
            .returning("id").all()
        return !rows.isEmpty
    }
}
