import FluentKit

/// The complaint form (客户投诉处理表) of a complaint case: its fields, the settlement decision with its
/// approval (CMP-32) and the case it was re-filed from (CMP-34).
struct CreateComplaints: AsyncMigration {
    var name: String { "0014_CreateComplaints" }

    func prepare(on db: any Database) async throws {
        try await db.schema("complaints").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("category", .string, .required)
            .field("cause", .string)
            .field("order_no", .string)
            .field("batch_no", .string)
            .field("shipped_on", .string)
            .field("defective_qty", .int)
            .field("customer_request", .string, .required)
            .field("claim_amount", .string)
            .field("severity", .string, .required)
            .field("decision_method", .string)
            .field("decision_amount", .string)
            .field("decision_reason", .string)
            .field("responsible_department_id", .uuid)
            .field("track_improvement", .bool)
            .field("approval_id", .uuid)
            .field("decision_state", .string, .required)
            .field("refiled_from_id", .uuid)
            .field("version", .int, .required)
            .create()
        try await db.index("complaints_case", on: "complaints", columns: ["case_id"], unique: true)
        try await db.index("complaints_approval", on: "complaints", columns: ["approval_id"])
    }

    func revert(on db: any Database) async throws { try await db.schema("complaints").delete() }
}
