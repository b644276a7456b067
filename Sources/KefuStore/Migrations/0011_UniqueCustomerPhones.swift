import FluentKit
import SQLKit

/// One customer per phone number, enforced by the database: two agents registering the same caller at
/// the same moment cannot both succeed (the loser gets 409), which the read-then-insert check alone
/// could not promise.
struct UniqueCustomerPhones: AsyncMigration {
    var name: String { "0011_UniqueCustomerPhones" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.drop(index: "customers_phone").run()
        try await db.index("customers_phone", on: "customers", columns: ["phone"], unique: true)
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.drop(index: "customers_phone").run()
        try await db.index("customers_phone", on: "customers", columns: ["phone"])
    }
}
