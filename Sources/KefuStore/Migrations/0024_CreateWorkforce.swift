import FluentKit

/// Workforce (REQUIREMENTS §11 SHF, §14 ATT-01..04): shift templates, the roster (one entry per person, day
/// and shift), sign-in/out with roll call, leaving the post, handovers (交接日志) and the duty log (值班日志).
/// Every list filter has an index; `attendance.roster_entry_id` is unique so a second sign-in is refused.
struct CreateWorkforce: AsyncMigration {
    var name: String { "0024_CreateWorkforce" }

    func prepare(on db: any Database) async throws {
        try await db.schema("shift_templates").id()
            .field("name", .string, .required)
            .field("starts_at", .string, .required)
            .field("ends_at", .string, .required)
            .field("breaks", .string, .required)
            .field("night", .bool, .required)
            .field("holiday_duty", .bool, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "name")
            .create()

        try await db.schema("roster_entries").id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("team_id", .uuid)
            .field("shift_date", .string, .required)
            .field("shift_template_id", .uuid, .required, .references("shift_templates", "id"))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("leads", .bool, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        for (name, columns) in [
            ("roster_entries_day", ["shift_date", "team_id"]),
            ("roster_entries_user", ["user_id", "starts_at"]),
            ("roster_entries_window", ["starts_at", "ends_at"]),
        ] { try await db.index(name, on: "roster_entries", columns: columns) }

        try await db.schema("attendance").id()
            .field("roster_entry_id", .uuid, .required, .references("roster_entries", "id"))
            .field("user_id", .uuid, .required)
            .field("shift_date", .string, .required)
            .field("signed_in_at", .datetime, .required)
            .field("signed_out_at", .datetime)
            .field("late_minutes", .int, .required)
            .field("early_minutes", .int, .required)
            .field("arrived_early", .bool, .required)
            .field("roll_call_present", .bool)
            .field("roll_call_note", .string)
            .field("version", .int, .required)
            .unique(on: "roster_entry_id")
            .create()
        try await db.index("attendance_user_day", on: "attendance", columns: ["user_id", "shift_date"])
        try await db.index("attendance_day", on: "attendance", columns: ["shift_date"])

        try await db.schema("roll_calls").id()
            .field("shift_date", .string, .required)
            .field("shift_template_id", .uuid, .required)
            .field("leader_id", .uuid, .required)
            .field("comments", .string, .required)
            .field("common_problems", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "shift_date", "shift_template_id")
            .create()

        try await db.schema("off_post_requests").id()
            .field("user_id", .uuid, .required)
            .field("roster_entry_id", .uuid)
            .field("reason", .string, .required)
            .field("state", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("returned_at", .datetime)
            .field("minutes", .int)
            .field("over_consent", .bool, .required)
            .field("half_day_absence", .bool, .required)
            .field("violation", .bool, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("off_post_state", on: "off_post_requests", columns: ["state", "requested_at"])
        try await db.index("off_post_user", on: "off_post_requests", columns: ["user_id", "requested_at"])

        try await db.schema("handovers").id()
            .field("shift_date", .string, .required)
            .field("shift_template_id", .uuid, .required, .references("shift_templates", "id"))
            .field("outgoing_user_id", .uuid, .required)
            .field("incoming_user_id", .uuid, .required)
            .field("equipment", .string)
            .field("difficult_problems", .string)
            .field("staff_changes", .string)
            .field("superiors_instructions", .string)
            .field("other_notes", .string)
            .field("open_case_ids", .string, .required)
            .field("return_visit_ids", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("closed_at", .datetime)
            .field("override_by", .uuid)
            .field("override_reason", .string)
            .field("version", .int, .required)
            .create()
        try await db.index("handovers_day", on: "handovers", columns: ["shift_date", "created_at"])
        try await db.index("handovers_incoming", on: "handovers", columns: ["incoming_user_id", "state"])
        try await db.index("handovers_outgoing", on: "handovers", columns: ["outgoing_user_id", "state"])

        try await db.schema("duty_logs").id()
            .field("shift_date", .string, .required)
            .field("shift_template_id", .uuid)
            .field("leader_id", .uuid, .required)
            .field("leader_name", .string, .required)
            .field("summary", .string, .required)
            .field("incidents", .string)
            .field("instructions", .string)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("duty_logs_day", on: "duty_logs", columns: ["shift_date", "created_at"])
        try await db.index("duty_logs_created", on: "duty_logs", columns: ["created_at"])
    }

    func revert(on db: any Database) async throws {
        for table in ["duty_logs", "handovers", "off_post_requests", "roll_calls", "attendance", "roster_entries", "shift_templates"] {
            try await db.schema(table).delete()
        }
    }
}
