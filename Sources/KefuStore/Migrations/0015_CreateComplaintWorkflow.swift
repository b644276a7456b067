import FluentKit

/// The rest of the complaint form and its workflow (issue 4): the form's remaining fields (CMP-12/13), the
/// next reply time (CMP-24), responsibility and loss (CMP-16/17), the VP report (CMP-15), the reply to
/// the customer (CMP-18/19), the departments' tasks (CMP-05..09, CMP-31), the discount and return slips
/// (CMP-35..39), the monthly review (CMP-40..42) and the fines/rewards ledger it feeds.
struct CreateComplaintWorkflow: AsyncMigration {
    var name: String { "0015_CreateComplaintWorkflow" }

    /// Added one per statement: SQLite alters one column at a time.
    static let complaintColumns: [(String, DatabaseSchema.DataType)] = [
        ("spec_quantity", .string), ("sample_received", .bool), ("sample_location", .string), ("marketing_opinion", .string),
        ("next_reply_at", .datetime), ("fault", .string), ("loss_basis", .string), ("loss_amount", .string),
        ("penalty_type", .string), ("penalty_person_id", .uuid), ("return_qty", .int),
        ("report_text", .string), ("report_at", .datetime), ("report_by", .string),
        ("instruction_text", .string), ("instructed_at", .datetime), ("instructed_by", .string),
        ("reply_channel", .string), ("reply_text", .string), ("replied_at", .datetime),
        ("petition_text", .string), ("petition_approval_id", .uuid),
    ]

    func prepare(on db: any Database) async throws {
        for (column, type) in Self.complaintColumns {
            try await db.schema("complaints").field(.definition(name: .key(.init(stringLiteral: column)), dataType: type, constraints: [])).update()
        }
        try await db.index("complaints_petition_approval", on: "complaints", columns: ["petition_approval_id"])
        // CMP-40: the monthly review collects last month's closed complaints.
        try await db.index("cases_type_closed", on: "cases", columns: ["type", "closed_at", "id"])
        try await db.schema("complaint_tasks").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("kind", .string, .required)
            .field("step", .string, .required)
            .field("owner_department_id", .uuid, .required)
            .field("partner", .string)
            .field("state", .string, .required)
            .field("result", .string)
            .field("due_at", .datetime, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("done_at", .datetime)
            .field("done_by", .string)
            .field("version", .int, .required)
            .create()
        try await db.index("complaint_tasks_case", on: "complaint_tasks", columns: ["case_id"])
        try await db.index("complaint_tasks_owner", on: "complaint_tasks", columns: ["owner_department_id", "state", "due_at"])
        try await db.schema("complaint_slips").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("kind", .string, .required)
            .field("state", .string, .required)
            .field("method", .string, .required)
            .field("amount", .string)
            .field("reason", .string)
            .field("basis", .string)
            .field("approved_qty", .int)
            .field("received_qty", .int)
            .field("received_by", .string)
            .field("received_at", .datetime)
            .field("customer_signed_by", .string)
            .field("customer_signed_at", .datetime)
            .field("voucher_no", .string)
            .field("booked_by", .string)
            .field("booked_at", .datetime)
            .field("approval_id", .uuid)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("complaint_slips_case_kind", on: "complaint_slips", columns: ["case_id", "kind"], unique: true)
        try await db.index("complaint_slips_approval", on: "complaint_slips", columns: ["approval_id"])
        try await db.schema("complaint_reviews").id()
            .field("month", .string, .required)
            .field("due_on", .string, .required)
            .field("state", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("completed_at", .datetime)
            .field("completed_by", .string)
            .field("announced_at", .datetime)
            .field("announced_by", .string)
            .field("version", .int, .required)
            .create()
        try await db.index("complaint_reviews_month", on: "complaint_reviews", columns: ["month"], unique: true)
        try await db.schema("complaint_review_items").id()
            .field("review_id", .uuid, .required, .references("complaint_reviews", "id"))
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("outcome", .string, .required)
            .field("person_id", .uuid)
            .field("department_id", .uuid)
            .field("amount", .string)
            .field("note", .string)
            .field("approval_id", .uuid)
            .field("state", .string, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("complaint_review_items_review", on: "complaint_review_items", columns: ["review_id"])
        try await db.index("complaint_review_items_approval", on: "complaint_review_items", columns: ["approval_id"])
        try await db.schema("fines_ledger").id()
            .field("staff_id", .uuid, .required)
            .field("amount", .string, .required)
            .field("reason", .string, .required)
            .field("source_type", .string, .required)
            .field("source_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("fines_ledger_staff", on: "fines_ledger", columns: ["staff_id", "created_at"])
    }

    func revert(on db: any Database) async throws {
        for table in ["fines_ledger", "complaint_review_items", "complaint_reviews", "complaint_slips", "complaint_tasks"] {
            try await db.schema(table).delete()
        }
        for (column, _) in Self.complaintColumns.reversed() {
            try await db.schema("complaints").deleteField(.key(.init(stringLiteral: column))).update()
        }
    }
}
