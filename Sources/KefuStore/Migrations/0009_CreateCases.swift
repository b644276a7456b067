import FluentKit
import SQLKit

/// Cases (工单) with their notes, links, attachments, the daily number sequences and the search index.
/// Every list filter of the workbench has an index ending in (created_at, id) for keyset pages.
struct CreateCases: AsyncMigration {
    var name: String { "0009_CreateCases" }

    func prepare(on db: any Database) async throws {
        try await db.schema("cases").id()
            .field("number", .string, .required)
            .field("type", .string, .required)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("priority", .string, .required)
            .field("subject", .string, .required)
            .field("description", .string, .required)
            .field("customer_id", .uuid, .required, .references("customers", "id"))
            // CHN-08/09: the phone record (来电时间, 客户所在地区, 联系方式, 相关联系部门, 反馈结果).
            .field("call_at", .datetime)
            .field("caller_region", .string)
            .field("contact", .string)
            .field("related_department_id", .uuid)
            .field("feedback_result", .string)
            .field("owner_id", .uuid, .required)
            .field("assignee_id", .uuid)
            .field("team_id", .uuid)
            .field("department_id", .uuid)
            .field("escalation_level", .int, .required)
            .field("appointment_at", .datetime)
            .field("resolution", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("first_responded_at", .datetime)
            .field("resolved_at", .datetime)
            .field("closed_at", .datetime)
            .field("breached_at", .datetime)
            .field("search_rowid", .int64)
            .field("version", .int, .required)
            .create()
        try await db.index("cases_number", on: "cases", columns: ["number"], unique: true)
        for (name, columns) in [
            ("cases_created", ["created_at", "id"]),
            ("cases_assignee", ["assignee_id", "status", "created_at", "id"]),
            ("cases_owner", ["owner_id", "created_at", "id"]),
            ("cases_status", ["status", "created_at", "id"]),
            ("cases_customer", ["customer_id", "created_at", "id"]),
            ("cases_team", ["team_id", "status", "created_at", "id"]),
            ("cases_department", ["department_id", "status", "created_at", "id"]),
            ("cases_type", ["type", "created_at", "id"]),
            ("cases_breached", ["breached_at", "id"]),
            ("cases_stuck", ["status", "updated_at"]),
            ("cases_search_rowid", ["search_rowid"]),
        ] { try await db.index(name, on: "cases", columns: columns) }

        try await db.schema("case_notes").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("body", .string, .required)
            .field("internal", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("case_notes_case", on: "case_notes", columns: ["case_id", "created_at"])

        try await db.schema("case_links").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("other_case_id", .uuid, .required, .references("cases", "id"))
            .field("kind", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("case_links_case", on: "case_links", columns: ["case_id", "other_case_id"], unique: true)

        try await db.schema("case_attachments").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("case_attachments_case", on: "case_attachments", columns: ["case_id", "created_at"])
        // Contents apart, so listing a case's attachments never reads the bytes.
        try await db.schema("case_attachment_contents").id()
            .field("data", .data, .required)
            .create()

        try await CaseSearchSchema.create(on: db)
    }

    func revert(on db: any Database) async throws {
        try await CaseSearchSchema.drop(on: db)
        for table in ["case_attachment_contents", "case_attachments", "case_links", "case_notes", "cases"] {
            try await db.schema(table).delete()
        }
    }
}

/// Raw tables Fluent's schema builder cannot express: the number sequences (upserted atomically) and
/// the full-text index — SQLite FTS5, or a PostgreSQL tsvector with a GIN index (ARCHITECTURE §3).
enum CaseSearchSchema {
    static func create(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE TABLE case_number_sequences (key TEXT PRIMARY KEY, last INTEGER NOT NULL)").run()
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE VIRTUAL TABLE case_search USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 0')").run()
        } else {
            try await sql.raw("CREATE TABLE case_search (case_id UUID PRIMARY KEY REFERENCES cases(id), document TSVECTOR NOT NULL)").run()
            try await sql.raw("CREATE INDEX case_search_document ON case_search USING GIN (document)").run()
        }
    }

    static func drop(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE case_search").run()
        try await sql.raw("DROP TABLE case_number_sequences").run()
    }
}
