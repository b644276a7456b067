import FluentKit
import SQLKit

/// Training (TRN): the timetable, trainees with their archived results, and mentorships of newcomers.
struct CreateTraining: AsyncMigration {
    var name: String { "0032_CreateTraining" }

    func prepare(on db: any Database) async throws {
        try await db.schema("training_sessions").id()
            .field("title", .string, .required).field("content", .string, .required).field("trainer", .string, .required)
            .field("kind", .string, .required).field("starts_at", .datetime, .required).field("ends_at", .datetime, .required)
            .field("location", .string).field("qa_week", .string)
            .field("created_by", .uuid, .required).field("created_by_name", .string, .required).field("created_at", .datetime, .required)
            .create()
        try await db.index("training_sessions_starts", on: "training_sessions", columns: ["starts_at", "id"])
        try await db.schema("training_trainees").id()
            .field("session_id", .uuid, .required, .references("training_sessions", "id"))
            .field("user_id", .uuid, .required).field("user_name", .string, .required).field("starts_at", .datetime, .required)
            .field("result", .string).field("score", .int).field("note", .string)
            .field("recorded_by", .string).field("recorded_at", .datetime)
            .unique(on: "session_id", "user_id", name: "training_trainees_once")
            .create()
        try await db.index("training_trainees_user", on: "training_trainees", columns: ["user_id", "starts_at"])
        try await db.schema("mentorships").id()
            .field("mentor_id", .uuid, .required).field("mentor_name", .string, .required)
            .field("mentee_id", .uuid, .required).field("mentee_name", .string, .required)
            .field("started_at", .datetime, .required).field("ended_at", .datetime).field("created_by", .uuid, .required)
            .create()
        try await db.index("mentorships_mentor", on: "mentorships", columns: ["mentor_id", "started_at"])
        // One current mentor per newcomer (TRN-03); a finished mentorship does not count.
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE UNIQUE INDEX mentorships_current ON mentorships (mentee_id) WHERE ended_at IS NULL").run()
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["mentorships", "training_trainees", "training_sessions"] { try await db.schema(table).delete() }
    }
}
