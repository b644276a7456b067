import FluentKit
import SQLKit

struct CreateOrganization: AsyncMigration {
    var name: String { "0001_CreateOrganization" }

    func prepare(on db: any Database) async throws {
        try await db.schema("departments").id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
        try await db.schema("teams").id()
            .field("name", .string, .required)
            .field("department_id", .uuid, .required, .references("departments", "id"))
            .field("leader_id", .uuid)
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "department_id", "name")
            .create()
        try await db.schema("users").id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("roles", .string, .required)
            .field("department_id", .uuid, .references("departments", "id"))
            .field("team_id", .uuid, .references("teams", "id"))
            .field("grade", .string)
            .field("skill", .string)
            .field("hired_on", .string)
            .field("language", .string, .required)
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("password_changed_at", .datetime)
            .unique(on: "username")
            .create()
        try await db.index("users_department", on: "users", columns: ["department_id", "username"])
        try await db.index("users_team", on: "users", columns: ["team_id"])
        try await db.index("teams_leader", on: "teams", columns: ["leader_id"])
    }

    func revert(on db: any Database) async throws {
        for table in ["users", "teams", "departments"] { try await db.schema(table).delete() }
    }
}

extension Database {
    /// CREATE INDEX on both SQLite and PostgreSQL (Fluent's schema builder has no index support).
    func index(_ name: String, on table: String, columns: [String], unique: Bool = false) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        let builder = sql.create(index: name).on(table)
        if unique { builder.unique() }
        for column in columns { builder.column(column) }
        try await builder.run()
    }
}
