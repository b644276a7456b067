import FluentKit

/// Fines and rewards (REQUIREMENTS §14, ATT) and the CS center's meetings (§19, MTG).
///
/// Violations and rewards keep their own rows (code, occurrence in the month, kind) and each money
/// entry also lands in the one `fines_ledger` that complaints already feed (CMP-42), so a person's
/// monthly statement reads a single table. The ledger gains who recorded the entry (ATT-25: no
/// objections, but every entry names its recorder; null = the system) and the month it counts in.
/// The new ledger columns are optional: rows written before this migration keep working.
struct CreateFinesAndMeetings: AsyncMigration {
    var name: String { "0025_CreateFinesAndMeetings" }

    func prepare(on db: any Database) async throws {
        try await db.schema("violations").id()
            .field("user_id", .uuid, .required)
            .field("code", .string, .required)
            .field("name_zh", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("month", .string, .required)
            .field("occurrence", .int, .required)
            .field("outcome", .string, .required)
            .field("amount", .string)
            .field("note", .string)
            .field("recorded_by_id", .uuid)
            .field("recorded_by_name", .string, .required)
            .field("rulebook_version", .string, .required)
            .field("created_at", .datetime, .required)
            .field("paid_at", .datetime)
            .field("paid_recorded_by_id", .uuid)
            .create()
        try await db.index("violations_person_month", on: "violations", columns: ["user_id", "month", "code"])
        try await db.index("violations_month", on: "violations", columns: ["month", "occurred_at"])

        try await db.schema("rewards").id()
            .field("user_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("amount", .string)
            .field("reason", .string, .required)
            .field("month", .string, .required)
            .field("awarded_at", .datetime, .required)
            .field("recorded_by_id", .uuid, .required)
            .field("recorded_by_name", .string, .required)
            .field("rulebook_version", .string, .required)
            .create()
        try await db.index("rewards_person_month", on: "rewards", columns: ["user_id", "month"])
        try await db.index("rewards_month", on: "rewards", columns: ["month", "awarded_at"])

        for (column, type) in [("month", DatabaseSchema.DataType.string), ("recorded_by_id", .uuid), ("recorded_by_name", .string)] {
            try await db.schema("fines_ledger").field(.definition(name: .key(.init(stringLiteral: column)), dataType: type, constraints: [])).update()
        }
        try await db.index("fines_ledger_month", on: "fines_ledger", columns: ["month", "staff_id"])

        try await db.schema("meetings").id()
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("location", .string)
            .field("agenda", .string)
            .field("chair_id", .uuid, .required)
            .field("organizer_id", .uuid, .required)
            .field("state", .string, .required)
            .field("minutes", .string)
            .field("held_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("meetings_starts", on: "meetings", columns: ["starts_at", "id"])
        try await db.index("meetings_kind", on: "meetings", columns: ["kind", "starts_at"])

        try await db.schema("meeting_attendees").id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("user_id", .uuid, .required)
            .field("status", .string, .required)
            .field("leave_reason", .string)
            .field("leave_requested_at", .datetime)
            .field("delegate_id", .uuid)
            .field("marked_by_id", .uuid)
            .create()
        try await db.index("meeting_attendees_meeting", on: "meeting_attendees", columns: ["meeting_id", "user_id"])
        try await db.index("meeting_attendees_user", on: "meeting_attendees", columns: ["user_id", "meeting_id"])

        try await db.schema("meeting_decisions").id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id"))
            .field("text", .string, .required)
            .field("follow_up", .string, .required)
            .field("kb_entry_id", .uuid)
            .field("assignee_id", .uuid)
            .field("due_on", .string)
            .field("done_at", .datetime)
            .field("recorded_by_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("meeting_decisions_meeting", on: "meeting_decisions", columns: ["meeting_id", "created_at"])
        try await db.index("meeting_decisions_assignee", on: "meeting_decisions", columns: ["assignee_id", "done_at"])
    }

    func revert(on db: any Database) async throws {
        for table in ["meeting_decisions", "meeting_attendees", "meetings", "rewards", "violations"] {
            try await db.schema(table).delete()
        }
        for column in ["recorded_by_name", "recorded_by_id", "month"] { try await db.schema("fines_ledger").deleteField(.key(.init(stringLiteral: column))).update() }
    }
}
