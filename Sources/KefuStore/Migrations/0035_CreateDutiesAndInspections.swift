import FluentKit
import SQLKit

/// Duty rosters, inspections and safety (SEC-04..21). `duties` has one row per duty per day: the unique
/// (date, kind, zone, scope) key makes the daily generation idempotent and race-free on both databases.
/// `closing_checks` is unique per day (SEC-11: one closing record a day). Every list filter has an index.
struct CreateDutiesAndInspections: AsyncMigration {
    var name: String { "0035_CreateDutiesAndInspections" }

    func prepare(on db: any Database) async throws {
        try await db.schema("duties").id()
            .field("duty_date", .string, .required).field("kind", .string, .required).field("zone", .string, .required)
            .field("scope", .string, .required).field("team_id", .uuid)
            .field("assignee_id", .uuid, .required).field("assignee_name", .string, .required)
            .field("due_at", .datetime, .required).field("state", .string, .required)
            .field("done_at", .datetime).field("checked_at", .datetime).field("checked_by", .uuid).field("checked_by_name", .string)
            .field("check_note", .string).field("redo_count", .int, .required).field("flagged_at", .datetime)
            .field("created_at", .datetime, .required).field("version", .int, .required)
            .unique(on: "duty_date", "kind", "zone", "scope", name: "duties_once")
            .create()
        for (name, columns) in [
            ("duties_assignee_day", ["assignee_id", "duty_date"]),
            ("duties_day", ["duty_date", "due_at"]),
            ("duties_state_due", ["state", "due_at"]),
        ] { try await db.index(name, on: "duties", columns: columns) }

        try await db.schema("safety_inspections").id()
            .field("inspected_on", .string, .required).field("inspected_at", .datetime, .required)
            .field("inspector_id", .uuid, .required).field("inspector_name", .string, .required)
            .field("custodian_id", .uuid, .required).field("custodian_name", .string, .required)
            .field("findings", .int, .required).field("note", .string)
            .create()
        try await db.index("safety_inspections_at", on: "safety_inspections", columns: ["inspected_at", "id"])
        try await db.schema("safety_inspection_items").id()
            .field("inspection_id", .uuid, .required, .references("safety_inspections", "id"))
            .field("item", .string, .required).field("result", .string, .required).field("note", .string)
            .unique(on: "inspection_id", "item", name: "safety_inspection_items_once")
            .create()
        try await db.schema("safety_findings").id()
            .field("inspection_id", .uuid, .required, .references("safety_inspections", "id"))
            .field("item", .string, .required).field("description", .string, .required)
            .field("owner_id", .uuid, .required).field("owner_name", .string, .required)
            .field("due_at", .datetime, .required).field("state", .string, .required)
            .field("closed_at", .datetime).field("closed_by_name", .string).field("close_note", .string).field("overdue_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        for (name, columns) in [
            ("safety_findings_inspection", ["inspection_id"]),
            ("safety_findings_state_due", ["state", "due_at"]),
            ("safety_findings_owner", ["owner_id", "state", "due_at"]),
        ] { try await db.index(name, on: "safety_findings", columns: columns) }

        try await db.schema("closing_checks").id()
            .field("check_date", .string, .required).field("checked_at", .datetime, .required)
            .field("user_id", .uuid, .required).field("user_name", .string, .required)
            .field("items", .string, .required).field("note", .string)
            .unique(on: "check_date", name: "closing_checks_day")
            .create()

        try await db.schema("safety_requests").id()
            .field("kind", .string, .required).field("requester_id", .uuid, .required).field("requester_name", .string, .required)
            .field("department_id", .uuid).field("purpose", .string, .required).field("location", .string)
            .field("measures", .string).field("starts_at", .datetime, .required).field("ends_at", .datetime, .required)
            .field("state", .string, .required).field("approval_id", .uuid)
            .field("started_at", .datetime).field("finished_at", .datetime)
            .field("created_at", .datetime, .required).field("version", .int, .required)
            .create()
        for (name, columns) in [
            ("safety_requests_requester", ["requester_id", "created_at"]),
            ("safety_requests_state", ["state", "created_at"]),
            ("safety_requests_created", ["created_at"]),
            ("safety_requests_kind", ["kind", "created_at"]),
            ("safety_requests_approval", ["approval_id"]),
        ] { try await db.index(name, on: "safety_requests", columns: columns) }
    }

    func revert(on db: any Database) async throws {
        for table in ["safety_requests", "closing_checks", "safety_findings", "safety_inspection_items", "safety_inspections", "duties"] {
            try await db.schema(table).delete()
        }
    }
}
