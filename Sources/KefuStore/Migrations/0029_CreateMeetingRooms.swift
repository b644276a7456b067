import FluentKit
import SQLKit

/// Meeting rooms (§18): rooms, bookings, equipment checks and the study-materials loan register. Bookings
/// are found by room and time (overlap check, calendar), by approval (outcome), series, booker and day.
struct CreateMeetingRooms: AsyncMigration {
    var name: String { "0029_CreateMeetingRooms" }

    func prepare(on db: any Database) async throws {
        try await db.schema("meeting_rooms").id()
            .field("name", .string, .required)
            .field("capacity", .int, .required)
            .field("equipment", .string, .required)
            .field("active", .bool, .required)
            .field("booking_seq", .int, .required)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("meeting_rooms_name", on: "meeting_rooms", columns: ["name"], unique: true)

        try await db.schema("room_bookings").id()
            .field("room_id", .uuid, .required, .references("meeting_rooms", "id"))
            .field("room_name", .string, .required)
            .field("title", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("attendees", .int, .required)
            .field("attendee_ids", .string, .required)
            .field("equipment", .string, .required)
            .field("booked_by", .uuid, .required)
            .field("booker_name", .string, .required)
            .field("department_id", .uuid)
            .field("state", .string, .required)
            .field("approval_id", .uuid)
            .field("series_id", .uuid)
            .field("occurrence", .int, .required)
            .field("meeting_id", .uuid)
            .field("external_party", .string)
            .field("fee", .string)
            .field("reminded_at", .datetime)
            .field("reconfirmed_at", .datetime)
            .field("minutes", .string)
            .field("minutes_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("room_bookings_room_time", on: "room_bookings", columns: ["room_id", "starts_at"])
        try await db.index("room_bookings_time", on: "room_bookings", columns: ["starts_at", "id"])
        try await db.index("room_bookings_approval", on: "room_bookings", columns: ["approval_id"])
        try await db.index("room_bookings_series", on: "room_bookings", columns: ["series_id", "occurrence"])
        try await db.index("room_bookings_booker", on: "room_bookings", columns: ["booked_by", "starts_at"])
        try await db.index("room_bookings_state", on: "room_bookings", columns: ["state", "starts_at"])

        try await db.schema("room_checks").id()
            .field("booking_id", .uuid, .required, .references("room_bookings", "id"))
            .field("phase", .string, .required)
            .field("ok", .bool, .required)
            .field("faults", .string)
            .field("charge", .string)
            .field("charged_department_id", .uuid)
            .field("checked_by", .uuid, .required)
            .field("checked_by_name", .string, .required)
            .field("checked_at", .datetime, .required)
            .create()
        // One check per phase: a second "after" check of the same booking cannot slip in beside the first.
        try await db.index("room_checks_booking_phase", on: "room_checks", columns: ["booking_id", "phase"], unique: true)
        try await db.index("room_checks_department", on: "room_checks", columns: ["charged_department_id", "checked_at"])
        try await db.index("room_checks_faults", on: "room_checks", columns: ["ok", "checked_at"])

        try await db.schema("room_loans").id()
            .field("room_id", .uuid)
            .field("item", .string, .required)
            .field("borrower_id", .uuid, .required)
            .field("borrower_name", .string, .required)
            .field("lent_by", .uuid, .required)
            .field("lent_at", .datetime, .required)
            .field("due_at", .datetime, .required)
            .field("returned_at", .datetime)
            .field("intact", .bool)
            .field("note", .string)
            .create()
        try await db.index("room_loans_open", on: "room_loans", columns: ["returned_at", "due_at"])
        try await db.index("room_loans_lent", on: "room_loans", columns: ["lent_at", "id"])
    }

    func revert(on db: any Database) async throws {
        for table in ["room_loans", "room_checks", "room_bookings", "meeting_rooms"] { try await db.schema(table).delete() }
    }
}
