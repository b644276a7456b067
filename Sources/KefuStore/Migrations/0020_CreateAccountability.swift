import FluentKit

/// Accountability cases (问责, REQUIREMENTS §20): the case with its written decision, appeal and review
/// (ACC-09/10/35), the persons held to account (ACC-12) and the case's entries — statements (ACC-08),
/// cause analyses (ACC-11), circumstances (ACC-32), evidence (ACC-12) and recusals (ACC-28).
/// Numbers 0015–0019 are reserved for the work merged next to this one.
struct CreateAccountability: AsyncMigration {
    var name: String { "0020_accountability" }

    func prepare(on db: any Database) async throws {
        try await db.schema("accountability_cases").id()
            .field("number", .string, .required)
            .field("title", .string, .required)
            .field("origin", .string, .required)
            .field("trigger_key", .string, .required)
            .field("facts", .string, .required)
            .field("source_type", .string)
            .field("source_id", .uuid)
            .field("department_id", .uuid)
            .field("joint_liability", .bool, .required)
            .field("investigator_id", .uuid, .required)
            .field("plan", .string)
            .field("state", .string, .required)
            .field("opened_by", .uuid, .required)
            .field("opened_at", .datetime, .required)
            .field("decision_facts", .string)
            .field("decision_reasons", .string)
            .field("decision_basis", .string)
            .field("sanctions", .string)
            .field("fine_amount", .string)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("appeal_deadline", .datetime)
            .field("delivered_at", .datetime)
            .field("appeal_reason", .string)
            .field("appealed_by", .uuid)
            .field("appealed_at", .datetime)
            .field("appeal_to", .string)
            .field("decision_in_force", .bool)
            .field("review_outcome", .string)
            .field("review_comment", .string)
            .field("corrected_sanctions", .string)
            .field("reviewed_by", .uuid)
            .field("reviewed_at", .datetime)
            .field("closed_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "number")
            .create()
        try await db.index("accountability_cases_state", on: "accountability_cases", columns: ["state", "opened_at"])
        try await db.index("accountability_cases_opened", on: "accountability_cases", columns: ["opened_at"])
        try await db.index("accountability_cases_department", on: "accountability_cases", columns: ["department_id"])
        try await db.index("accountability_cases_investigator", on: "accountability_cases", columns: ["investigator_id"])

        try await db.schema("accountability_persons").id()
            .field("case_id", .uuid, .required, .references("accountability_cases", "id"))
            .field("user_id", .uuid, .required)
            .field("acknowledged_at", .datetime)
            .unique(on: "case_id", "user_id")
            .create()
        try await db.index("accountability_persons_user", on: "accountability_persons", columns: ["user_id"])

        try await db.schema("accountability_entries").id()
            .field("case_id", .uuid, .required, .references("accountability_cases", "id"))
            .field("kind", .string, .required)
            .field("person_id", .uuid)
            .field("author_id", .uuid, .required)
            .field("body", .string, .required)
            .field("solution", .string)
            .field("contingency_plan", .string)
            .field("qualifier", .string)
            .field("ref_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("accountability_entries_case", on: "accountability_entries", columns: ["case_id", "created_at"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("accountability_entries").delete()
        try await db.schema("accountability_persons").delete()
        try await db.schema("accountability_cases").delete()
    }
}
