import FluentKit

/// SEC-01..03: who read a customer's full (unmasked) record, and when, and through which route.
struct CreateCustomerReads: AsyncMigration {
    var name: String { "0038_CreateCustomerReads" }

    func prepare(on db: any Database) async throws {
        try await db.schema("customer_reads").id()
            .field("customer_id", .uuid, .required).field("user_id", .uuid, .required).field("user_name", .string, .required)
            .field("via", .string, .required).field("at", .datetime, .required)
            .create()
        try await db.index("customer_reads_customer", on: "customer_reads", columns: ["customer_id", "at", "id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("customer_reads").delete()
    }
}
