import FluentKit

/// Quality inspection (质检, REQUIREMENTS §7): inspections with their scores (QA-03/04/11), the maintained
/// monthly aggregate per agent (QA-04), weekly training plans (QA-05) and the cases other modules flag
/// for inspection (`qa_flags`). Every list filter has an index.
struct CreateQualityInspection: AsyncMigration {
    var name: String { "0022_CreateQualityInspection" }

    func prepare(on db: any Database) async throws {
        try await db.schema("qa_inspections").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("case_number", .string, .required)
            .field("channel", .string, .required)
            .field("agent_id", .uuid, .required)
            .field("inspector_id", .uuid, .required)
            .field("form", .string, .required)
            .field("total", .double, .required)
            .field("finding_count", .int, .required)
            .field("finding_criteria", .string, .required)
            .field("comments", .string)
            .field("correction", .string)
            .field("month", .string, .required)
            .field("week_start", .string, .required)
            .field("inspected_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("dispute_state", .string, .required)
            .field("dispute_reason", .string)
            .field("disputed_at", .datetime)
            .field("decision_reason", .string)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("original_total", .double)
            .field("rulebook_version", .string, .required)
            .field("version", .int, .required)
            .create()
        for (name, columns) in [
            ("qa_inspections_inspected", ["inspected_at", "id"]),
            ("qa_inspections_agent", ["agent_id", "inspected_at", "id"]),
            ("qa_inspections_month", ["month", "agent_id", "inspected_at"]),
            ("qa_inspections_week", ["week_start", "agent_id"]),
            ("qa_inspections_case", ["case_id"]),
            ("qa_inspections_dispute", ["dispute_state", "inspected_at"]),
        ] { try await db.index(name, on: "qa_inspections", columns: columns) }

        try await db.schema("qa_scores").id()
            .field("inspection_id", .uuid, .required, .references("qa_inspections", "id"))
            .field("criterion", .string, .required)
            .field("score", .int, .required)
            .field("max_score", .int, .required)
            .field("weight", .int, .required)
            .field("finding", .bool, .required)
            .field("note", .string)
            .field("inspected_at", .datetime, .required)
            .create()
        try await db.index("qa_scores_inspection", on: "qa_scores", columns: ["inspection_id"])
        try await db.index("qa_scores_finding", on: "qa_scores", columns: ["finding", "inspected_at"])

        try await db.schema("qa_monthly").id()
            .field("agent_id", .uuid, .required)
            .field("month", .string, .required)
            .field("inspections", .int, .required)
            .field("total_sum", .double, .required)
            .field("findings", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "month", "agent_id")
            .create()

        try await db.schema("qa_training_plans").id()
            .field("week_start", .string, .required)
            .field("target", .string, .required)
            .field("plan", .string, .required)
            .field("author_id", .uuid, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "week_start", "target")
            .create()

        try await db.schema("qa_flags").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("reason", .string, .required)
            .field("note", .string)
            .field("flagged_at", .datetime, .required)
            .field("inspection_id", .uuid)
            .unique(on: "case_id", "reason")
            .create()
        try await db.index("qa_flags_open", on: "qa_flags", columns: ["inspection_id", "flagged_at"])
    }

    func revert(on db: any Database) async throws {
        for table in ["qa_flags", "qa_training_plans", "qa_monthly", "qa_scores", "qa_inspections"] { try await db.schema(table).delete() }
    }
}
