import FluentKit

/// Reports to a superior (请示报告, ESC-01..12) and their steps (instruction, acknowledgement, objection,
/// insistence, execution, forwarding — the instruction record of ESC-07). Indexed for each list filter:
/// mine, addressed to me (incl. skipped and forwarded-to), open, and the department for those above.
struct CreateUpwardReports: AsyncMigration {
    var name: String { "0034_CreateUpwardReports" }

    func prepare(on db: any Database) async throws {
        try await db.schema("upward_reports").id()
            .field("category", .string, .required)
            .field("emergency", .bool, .required)
            .field("summary", .string, .required)
            .field("details", .string, .required)
            .field("proposal", .string, .required)
            .field("case_id", .uuid)
            .field("case_number", .string)
            .field("reporter_id", .uuid, .required)
            .field("reporter_name", .string, .required)
            .field("department_id", .uuid)
            .field("superior_id", .uuid, .required)
            .field("superior_name", .string, .required)
            .field("superior_role", .string, .required)
            .field("level", .int, .required)
            .field("route_rule", .string, .required)
            .field("skipped_id", .uuid)
            .field("skipped_name", .string)
            .field("forwarded_to_id", .uuid)
            .field("forwarded_to_name", .string)
            .field("status", .string, .required)
            .field("instruction", .string)
            .field("objection", .string)
            .field("execution", .string)
            .field("instruct_by", .datetime, .required)
            .field("reminded_at", .datetime)
            .field("filed_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("upward_reports_reporter", on: "upward_reports", columns: ["reporter_id", "filed_at", "id"])
        try await db.index("upward_reports_superior", on: "upward_reports", columns: ["superior_id", "status", "filed_at", "id"])
        try await db.index("upward_reports_skipped", on: "upward_reports", columns: ["skipped_id", "filed_at", "id"])
        try await db.index("upward_reports_forwarded", on: "upward_reports", columns: ["forwarded_to_id", "filed_at", "id"])
        try await db.index("upward_reports_department", on: "upward_reports", columns: ["department_id", "level", "filed_at", "id"])
        try await db.index("upward_reports_status", on: "upward_reports", columns: ["status", "filed_at", "id"])
        try await db.index("upward_reports_due", on: "upward_reports", columns: ["status", "reminded_at", "instruct_by"])
        try await db.index("upward_reports_case", on: "upward_reports", columns: ["case_id", "filed_at"])

        try await db.schema("upward_report_steps").id()
            .field("report_id", .uuid, .required, .references("upward_reports", "id"))
            .field("kind", .string, .required)
            .field("text", .string)
            .field("actor_id", .uuid, .required)
            .field("actor_name", .string, .required)
            .field("rule_key", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await db.index("upward_report_steps_report", on: "upward_report_steps", columns: ["report_id", "at", "id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("upward_report_steps").delete()
        try await db.schema("upward_reports").delete()
    }
}
