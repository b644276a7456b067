import FluentKit
import SQLKit

/// The agents' monthly evaluations, quarterly grades, 优秀客服 titles and promotion nominations (PRM).
struct CreateEvaluations: AsyncMigration {
    var name: String { "0033_CreateEvaluations" }

    func prepare(on db: any Database) async throws {
        try await db.schema("monthly_evaluations").id()
            .field("user_id", .uuid, .required).field("user_name", .string, .required).field("department_id", .uuid)
            .field("month", .string, .required).field("qa_percent", .double).field("satisfaction_percent", .double)
            .field("violations", .int, .required).field("breaches", .int, .required)
            .field("typing_speed", .int).field("exam_score", .int)
            .field("score", .double, .required).field("rank", .int, .required).field("failed", .bool, .required)
            .field("closed_by", .uuid, .required).field("closed_at", .datetime, .required)
            .unique(on: "user_id", "month", name: "monthly_evaluations_once")
            .create()
        try await db.index("monthly_evaluations_month", on: "monthly_evaluations", columns: ["month", "department_id", "rank"])
        try await db.index("monthly_evaluations_user", on: "monthly_evaluations", columns: ["user_id", "month"])
        try await db.schema("quarterly_grades").id()
            .field("user_id", .uuid, .required).field("quarter", .string, .required).field("grade", .string, .required)
            .field("graded_by", .uuid, .required).field("graded_at", .datetime, .required)
            .unique(on: "user_id", "quarter", name: "quarterly_grades_once")
            .create()
        try await db.schema("excellent_titles").id()
            .field("user_id", .uuid, .required).field("note", .string, .required)
            .field("awarded_by", .uuid, .required).field("awarded_at", .datetime, .required)
            .create()
        try await db.index("excellent_titles_user", on: "excellent_titles", columns: ["user_id"])
        try await db.schema("promotions").id()
            .field("user_id", .uuid, .required).field("user_name", .string, .required)
            .field("from_grade", .string, .required).field("to_grade", .string, .required).field("state", .string, .required)
            .field("reason", .string, .required).field("approval_id", .uuid)
            .field("nominated_by", .uuid, .required).field("nominated_at", .datetime, .required).field("decided_at", .datetime)
            .create()
        try await db.index("promotions_user", on: "promotions", columns: ["user_id", "nominated_at"])
        // One pending nomination per person.
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE UNIQUE INDEX promotions_pending ON promotions (user_id) WHERE state = 'pending'").run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["promotions", "excellent_titles", "quarterly_grades", "monthly_evaluations"] { try await db.schema(table).delete() }
    }
}
