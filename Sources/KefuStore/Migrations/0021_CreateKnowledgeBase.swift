import FluentKit
import SQLKit

/// The knowledge base (知识库, REQUIREMENTS §8): entries with their editing state and the published version
/// in force (KB-07/08), the published versions (history), the original documents (信息原件, KB-09), per-user
/// read markers (KB-12/13: one row per reader and entry, holding the last revision read), the entries used
/// on cases, the phrase library's edits (§27, KB-14) and the Chinese-aware search index of the live wording.
struct CreateKnowledgeBase: AsyncMigration {
    var name: String { "0021_CreateKnowledgeBase" }

    func prepare(on db: any Database) async throws {
        try await db.schema("kb_entries").id()
            .field("number", .string, .required)
            .field("catalog", .string, .required)
            .field("title", .string, .required)
            .field("question", .string, .required)
            .field("answer", .string, .required)
            .field("state", .string, .required)
            .field("issuing_department_id", .uuid)
            .field("notice_ref", .string)
            .field("notice_summary", .string)
            .field("effective_from", .datetime)
            .field("effective_to", .datetime)
            .field("read_by", .uuid)
            .field("read_at", .datetime)
            .field("approval_id", .uuid)
            .field("approval_state", .string)
            .field("live_revision", .int)
            .field("live_title", .string)
            .field("live_from", .datetime)
            .field("live_to", .datetime)
            .field("published_at", .datetime)
            .field("withdrawn_at", .datetime)
            .field("search_rowid", .int64)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "number")
            .create()
        for (name, columns) in [
            ("kb_entries_created", ["created_at", "id"]),
            ("kb_entries_state", ["state", "created_at", "id"]),
            ("kb_entries_catalog", ["catalog", "created_at", "id"]),
            ("kb_entries_live", ["live_revision", "created_at", "id"]),
            ("kb_entries_approval", ["approval_id"]),
            ("kb_entries_search_rowid", ["search_rowid"]),
        ] { try await db.index(name, on: "kb_entries", columns: columns) }

        try await db.schema("kb_entry_versions").id()
            .field("entry_id", .uuid, .required, .references("kb_entries", "id"))
            .field("revision", .int, .required)
            .field("catalog", .string, .required)
            .field("title", .string, .required)
            .field("question", .string, .required)
            .field("answer", .string, .required)
            .field("effective_from", .datetime)
            .field("effective_to", .datetime)
            .field("approval_id", .uuid)
            .field("published_by", .uuid, .required)
            .field("published_at", .datetime, .required)
            .field("ended_at", .datetime)
            .unique(on: "entry_id", "revision")
            .create()

        try await db.schema("kb_documents").id()
            .field("entry_id", .uuid, .required, .references("kb_entries", "id"))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.index("kb_documents_entry", on: "kb_documents", columns: ["entry_id", "created_at"])
        try await db.schema("kb_document_contents").id()
            .field("data", .data, .required)
            .create()

        try await db.schema("kb_reads").id()
            .field("entry_id", .uuid, .required, .references("kb_entries", "id"))
            .field("user_id", .uuid, .required)
            .field("revision", .int, .required)
            .field("read_at", .datetime, .required)
            .unique(on: "entry_id", "user_id")
            .create()
        try await db.index("kb_reads_user", on: "kb_reads", columns: ["user_id", "entry_id"])

        try await db.schema("kb_uses").id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("entry_id", .uuid, .required, .references("kb_entries", "id"))
            .field("revision", .int, .required)
            .field("used_by", .uuid, .required)
            .field("used_at", .datetime, .required)
            .create()
        try await db.index("kb_uses_case", on: "kb_uses", columns: ["case_id", "used_at"])
        try await db.index("kb_uses_entry", on: "kb_uses", columns: ["entry_id", "used_at"])

        try await db.schema("phrases").id()
            .field("key", .string, .required)
            .field("category", .string, .required)
            .field("text", .string, .required)
            .field("position", .int, .required)
            .field("active", .bool, .required)
            .field("updated_by", .uuid, .required)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "key")
            .create()

        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE VIRTUAL TABLE kb_search USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 0')").run()
        } else {
            try await sql.raw("CREATE TABLE kb_search (entry_id UUID PRIMARY KEY REFERENCES kb_entries(id), document TSVECTOR NOT NULL)").run()
            try await sql.raw("CREATE INDEX kb_search_document ON kb_search USING GIN (document)").run()
        }
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await sql.raw("DROP TABLE kb_search").run() }
        for table in ["phrases", "kb_uses", "kb_reads", "kb_document_contents", "kb_documents", "kb_entry_versions", "kb_entries"] {
            try await db.schema(table).delete()
        }
    }
}
