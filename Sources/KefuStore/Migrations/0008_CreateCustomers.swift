import FluentKit

struct CreateCustomers: AsyncMigration {
    var name: String { "0008_CreateCustomers" }

    func prepare(on db: any Database) async throws {
        try await db.schema("customers").id()
            .field("name", .string, .required)
            .field("phone", .string, .required)
            .field("address", .string)
            .field("region", .string)
            .field("is_member", .bool, .required)
            .field("tier", .string)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        // Duplicate detection by the full number; the list by name.
        try await db.index("customers_phone", on: "customers", columns: ["phone"])
        try await db.index("customers_name", on: "customers", columns: ["name", "id"])
        try await db.schema("customer_phone_keys").id()
            .field("customer_id", .uuid, .required, .references("customers", "id"))
            .field("phone_key", .string, .required)
            .create()
        try await db.index("customer_phone_keys_key", on: "customer_phone_keys", columns: ["phone_key", "customer_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("customer_phone_keys").delete()
        try await db.schema("customers").delete()
    }
}
