import FluentKit

/// After-sales service jobs (SRV): one per service-request case. The job's full state (register entry,
/// voucher with the customer's signature, fee, costs) is one JSON document; the columns the dispatch
/// queue filters on are kept beside it and indexed.
struct CreateServiceJobs: AsyncMigration {
    var name: String { "0010_CreateServiceJobs" }

    func prepare(on db: any Database) async throws {
        try await db.schema("service_jobs").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("status", .string, .required)
            .field("category", .string, .required)
            .field("is_offsite", .bool, .required)
            .field("approval_id", .uuid)
            .field("assignee_id", .uuid)
            .field("registered_on", .string, .required)
            .field("priority_dispatch", .bool, .required)
            .field("document", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await db.index("service_jobs_case", on: "service_jobs", columns: ["case_id"], unique: true)
        try await db.index("service_jobs_queue", on: "service_jobs", columns: ["status", "registered_on", "id"])
        try await db.index("service_jobs_assignee", on: "service_jobs", columns: ["assignee_id", "status"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("service_jobs").delete()
    }
}
