import FluentKit

/// What a customer owns (ORD-01 customer file; SRV-02 model, specification, purchase date and place)
/// the notes kept on the file, and the customer's further phone numbers.
struct CreateCustomerProducts: AsyncMigration {
    var name: String { "0013_CreateCustomerProducts" }

    func prepare(on db: any Database) async throws {
        try await db.schema("customer_products").id()
            .field("customer_id", .uuid, .required, .references("customers", "id"))
            .field("model", .string, .required)
            .field("specification", .string)
            .field("purchased_on", .string)
            .field("purchase_place", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("customer_products_customer", on: "customer_products", columns: ["customer_id", "created_at"])
        try await db.schema("customer_notes").id()
            .field("customer_id", .uuid, .required, .references("customers", "id"))
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("customer_notes_customer", on: "customer_notes", columns: ["customer_id", "created_at"])
        // Further numbers of a customer (home, office …); every number belongs to one customer only.
        try await db.schema("customer_phones").id()
            .field("customer_id", .uuid, .required, .references("customers", "id"))
            .field("phone", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("customer_phones_phone", on: "customer_phones", columns: ["phone"], unique: true)
        try await db.index("customer_phones_customer", on: "customer_phones", columns: ["customer_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("customer_phones").delete()
        try await db.schema("customer_notes").delete()
        try await db.schema("customer_products").delete()
    }
}
