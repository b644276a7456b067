import FluentKit
import FluentSQL
import SQLKit

/// Notices with their recipients (FDN), employee access cards and access-equipment reports (FDA-01/02/07),
/// the restricted area of a visit with its prior approval (FDV-08/09, FDA-06), and the front desk's monthly
/// assessment (PRM-19..21).
struct CreateNoticesAndAccessCards: AsyncMigration {
    var name: String { "0031_CreateNoticesAndAccessCards" }

    func prepare(on db: any Database) async throws {
        try await db.schema("notices").id()
            .field("title", .string, .required).field("body", .string, .required).field("source", .string)
            .field("channel", .string, .required).field("shift_start", .bool, .required)
            .field("requires_confirmation", .bool, .required).field("confirm_by", .datetime)
            .field("issuer_id", .uuid, .required).field("issuer_name", .string, .required)
            .field("published_at", .datetime, .required)
            .field("recipient_count", .int, .required).field("confirmed_count", .int, .required)
            .field("reminded_at", .datetime).field("reported_at", .datetime).field("archived_at", .datetime)
            .create()
        try await db.index("notices_published", on: "notices", columns: ["published_at", "id"])
        try await db.index("notices_issuer", on: "notices", columns: ["issuer_id", "published_at", "id"])
        try await db.index("notices_confirm_by", on: "notices", columns: ["requires_confirmation", "confirm_by"])
        try await db.schema("notice_recipients").id()
            .field("notice_id", .uuid, .required, .references("notices", "id"))
            .field("user_id", .uuid, .required).field("user_name", .string, .required)
            .field("published_at", .datetime, .required)
            .field("delivered_at", .datetime).field("delivered_by", .string).field("confirmed_at", .datetime)
            .unique(on: "notice_id", "user_id", name: "notice_recipients_once")
            .create()
        try await db.index("notice_recipients_user", on: "notice_recipients", columns: ["user_id", "published_at", "id"])
        try await db.index("notice_recipients_open", on: "notice_recipients", columns: ["notice_id", "confirmed_at"])

        try await db.schema("access_cards").id()
            .field("card_no", .string, .required).field("user_id", .uuid, .required).field("user_name", .string, .required)
            .field("state", .string, .required).field("issued_at", .datetime, .required).field("issued_by", .string, .required)
            .field("ended_at", .datetime).field("ended_by", .string).field("version", .int, .required)
            .create()
        // A card number is held by one person at a time, and a person holds one card at a time.
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE UNIQUE INDEX access_cards_no_issued ON access_cards (card_no) WHERE state = 'issued'").run()
            try await sql.raw("CREATE UNIQUE INDEX access_cards_user_issued ON access_cards (user_id) WHERE state = 'issued'").run()
        }
        try await db.index("access_cards_issued_at", on: "access_cards", columns: ["issued_at", "id"])
        try await db.index("access_cards_no", on: "access_cards", columns: ["card_no", "issued_at"])
        try await db.schema("access_equipment_reports").id()
            .field("kind", .string, .required).field("note", .string, .required)
            .field("reported_by", .uuid, .required).field("reported_by_name", .string, .required)
            .field("reported_at", .datetime, .required).field("resolved_at", .datetime).field("resolution", .string)
            .create()
        try await db.index("access_equipment_reported", on: "access_equipment_reports", columns: ["reported_at", "id"])

        try await db.schema("visitors").field("area", .string, .required, .sql(.default(SQLLiteral.string("reception")))).update()
        try await db.schema("visitors").field("area_approval_id", .uuid).update()
        try await db.schema("visitors").field("area_approved", .bool).update()
        try await db.schema("front_desk_assessments").id()
            .field("user_id", .uuid, .required).field("user_name", .string, .required).field("month", .string, .required)
            .field("visitors", .int, .required).field("messages", .int, .required).field("parcels", .int, .required)
            .field("supplies", .int, .required).field("attitude", .int, .required).field("quality", .int, .required)
            .field("grade", .string, .required).field("comment", .string, .required)
            .field("assessor_id", .uuid, .required).field("assessor_name", .string, .required).field("assessed_at", .datetime, .required)
            .unique(on: "user_id", "month", name: "front_desk_assessments_once")
            .create()
        try await db.index("front_desk_assessments_month", on: "front_desk_assessments", columns: ["month", "user_name"])
        // RPT-15: the front desk's monthly counts group by who registered / took what, over a time range.
        try await db.index("visitors_arrived_by", on: "visitors", columns: ["arrived_at", "registered_by"])
        try await db.index("phone_messages_taken_by", on: "phone_messages", columns: ["taken_at", "taken_by"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("front_desk_assessments").delete()
        try await db.schema("access_equipment_reports").delete()
        try await db.schema("access_cards").delete()
        try await db.schema("notice_recipients").delete()
        try await db.schema("notices").delete()
    }
}
