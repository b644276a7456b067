import FluentKit
import SQLKit

/// The visitor register (访客登记, FDV-03, FDA-03..05) and the visitor blocklist. A temporary card can be
/// out with one visitor only: a unique index over the cards that are out (in the building, or lost and
/// not yet found) makes two concurrent check-ins unable to take the same card.
struct CreateVisitors: AsyncMigration {
    var name: String { "0027_CreateVisitors" }

    func prepare(on db: any Database) async throws {
        try await db.schema("visitors").id()
            .field("name", .string, .required)
            .field("organization", .string)
            .field("phone", .string, .required)
            .field("purpose", .string, .required)
            .field("host_id", .uuid, .required)
            .field("host_name", .string, .required)
            .field("host_department_id", .uuid)
            .field("state", .string, .required)
            .field("badge_no", .string)
            .field("card_out", .bool, .required)
            .field("expected_at", .datetime)
            .field("arrived_at", .datetime)
            .field("left_at", .datetime)
            .field("message", .string)
            .field("badge_lost", .bool, .required)
            .field("compensation", .string)
            .field("registered_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("visitors_state", on: "visitors", columns: ["state", "arrived_at", "id"])
        try await db.index("visitors_created", on: "visitors", columns: ["created_at", "id"])
        try await db.index("visitors_host", on: "visitors", columns: ["host_id", "created_at"])
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE UNIQUE INDEX visitors_card_out ON visitors (badge_no) WHERE card_out").run()

        try await db.schema("visitor_blocklist").id()
            .field("phone", .string, .required)
            .field("name", .string, .required)
            .field("reason", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("visitor_blocklist_phone", on: "visitor_blocklist", columns: ["phone"], unique: true)
    }

    func revert(on db: any Database) async throws {
        for table in ["visitor_blocklist", "visitors"] { try await db.schema(table).delete() }
    }
}
