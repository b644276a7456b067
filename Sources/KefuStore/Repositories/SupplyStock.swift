import FluentKit
import Foundation
import KefuDomain
import SQLKit

/// The only writer of `supply_items.stock`. Each change is one
/// conditional UPDATE … RETURNING, so on SQLite and PostgreSQL alike two concurrent issues of the last
/// unit cannot both succeed and the stock never goes below zero (FDS-04).
public enum SupplyStock {
    /// Takes `quantity` off the stock only where at least that much is left; the new stock, or nil when short.
    public static func take(_ db: any Database, itemID: UUID, quantity: Int) async throws -> Int? {
        try await change(db, itemID: itemID, by: quantity, .subtract) { $0.where("stock", .greaterThanOrEqual, SQLBind(quantity)) }
    }

    /// Adds received stock; the new stock, or nil for an unknown item.
    public static func add(_ db: any Database, itemID: UUID, quantity: Int) async throws -> Int? {
        try await change(db, itemID: itemID, by: quantity, .add) { $0 }
    }

    /// FDS-06: sets the book stock to the counted quantity only if it still equals what the count was compared
    /// with (an issue in between makes the stocktake stale rather than silently wrong).
    public static func recount(_ db: any Database, itemID: UUID, book: Int, counted: Int) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(SupplyItemRecord.schema) }
        let rows = try await sql.update(SupplyItemRecord.schema)
            .set("stock", to: SQLBind(counted))
            .set("version", to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(itemID)).where("stock", .equal, SQLBind(book))
            .returning("id").all()
        return !rows.isEmpty
    }

    private static func change(_ db: any Database, itemID: UUID, by quantity: Int, _ op: SQLBinaryOperator,
                               _ condition: (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(SupplyItemRecord.schema) }
        let update = sql.update(SupplyItemRecord.schema)
            .set("stock", to: SQLBinaryExpression(SQLIdentifier("stock"), op, SQLBind(quantity)))
            .set("version", to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(itemID))
        return try await condition(update).returning("stock").first(decodingColumn: "stock", as: Int.self)
    }
}
