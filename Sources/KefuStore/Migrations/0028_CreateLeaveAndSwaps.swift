import FluentKit
import SQLKit

/// Leave (REQUIREMENTS §12, LV) and shift swaps (§13, SWP). A leave request keeps its person's team and
/// department so the team and department lists are one indexed range query; a swap keeps the month of its
/// swap shift so SWP-03 ("at most N a month") is one indexed count per party. Partial unique indexes make
/// "exactly one wins" hold under concurrency on both databases: one live swap per roster entry and side,
/// one live leave request per person and start (a double submit).
struct CreateLeaveAndSwaps: AsyncMigration {
    var name: String { "0028_CreateLeaveAndSwaps" }

    func prepare(on db: any Database) async throws {
        try await db.schema("leave_requests").id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("department_id", .uuid)
            .field("team_id", .uuid)
            .field("type", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("days", .string, .required)
            .field("reason", .string, .required)
            .field("special", .bool, .required)
            .field("emergency", .bool, .required)
            .field("notice_rule", .string, .required)
            .field("filed_by", .uuid, .required)
            .field("state", .string, .required)
            .field("approval_id", .uuid)
            .field("certificate_needed", .bool, .required)
            .field("certificate_institution", .string)
            .field("certificate_periods", .string)
            .field("handed_in_at", .datetime)
            .field("absenteeism_at", .datetime)
            .field("checked_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        for (name, columns) in [
            ("leave_user_start", ["user_id", "starts_at"]),
            ("leave_team_start", ["team_id", "starts_at"]),
            ("leave_department_start", ["department_id", "starts_at"]),
            ("leave_state_end", ["state", "ends_at"]),
            ("leave_start", ["starts_at"]),
            ("leave_approval", ["approval_id"]),
        ] { try await db.index(name, on: "leave_requests", columns: columns) }

        try await db.schema("shift_swaps").id()
            .field("requester_id", .uuid, .required, .references("users", "id"))
            .field("counterpart_id", .uuid, .required, .references("users", "id"))
            .field("requester_team_id", .uuid)
            .field("counterpart_team_id", .uuid)
            .field("requester_roster_id", .uuid, .required)
            .field("counterpart_roster_id", .uuid, .required)
            .field("return_roster_id", .uuid)
            .field("swap_date", .string, .required)
            .field("return_date", .string, .required)
            .field("month", .string, .required)
            .field("reason", .string, .required)
            .field("state", .string, .required)
            .field("approval_id", .uuid)
            .field("applied_at", .datetime)
            .field("missed_user_id", .uuid)
            .field("checked_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        for (name, columns) in [
            ("swaps_requester_month", ["requester_id", "month"]),
            ("swaps_counterpart_month", ["counterpart_id", "month"]),
            ("swaps_requester_entry", ["requester_roster_id"]),
            ("swaps_counterpart_entry", ["counterpart_roster_id"]),
            ("swaps_return_entry", ["return_roster_id"]),
            ("swaps_state_date", ["state", "return_date"]),
            ("swaps_created", ["created_at"]),
            ("swaps_swap_date", ["swap_date"]),
            ("swaps_requester_team", ["requester_team_id", "created_at"]),
            ("swaps_counterpart_team", ["counterpart_team_id", "created_at"]),
            ("swaps_approval", ["approval_id"]),
        ] { try await db.index(name, on: "shift_swaps", columns: columns) }
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE UNIQUE INDEX swaps_live_requester_entry ON shift_swaps (requester_roster_id) WHERE state IN ('pending', 'approved')").run()
        try await sql.raw("CREATE UNIQUE INDEX swaps_live_counterpart_entry ON shift_swaps (counterpart_roster_id) WHERE state IN ('pending', 'approved')").run()
        try await sql.raw("CREATE UNIQUE INDEX leave_live_start ON leave_requests (user_id, starts_at) WHERE state IN ('pending', 'approved')").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("shift_swaps").delete()
        try await db.schema("leave_requests").delete()
    }
}
