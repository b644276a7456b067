import FluentKit

/// Outbound webhooks: the endpoints an administrator configured, and the outbox of deliveries written
/// in the same transaction as the event (so an event is never lost, and never sent for a rolled-back change).
struct CreateWebhooks: AsyncMigration {
    var name: String { "0012_CreateWebhooks" }

    func prepare(on db: any Database) async throws {
        try await db.schema("webhooks").id()
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("format", .string, .required)
            .field("secret", .string)
            .field("events", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("webhook_deliveries").id()
            .field("webhook_id", .uuid, .required, .references("webhooks", "id"))
            .field("event_kind", .string, .required)
            .field("event", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_status", .int)
            .field("created_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .create()
        try await db.index("webhook_deliveries_due", on: "webhook_deliveries", columns: ["state", "next_attempt_at", "id"])
        try await db.index("webhook_deliveries_hook", on: "webhook_deliveries", columns: ["webhook_id", "created_at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("webhook_deliveries").delete()
        try await db.schema("webhooks").delete()
    }
}
