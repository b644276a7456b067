import FluentKit

/// The hospital guidance desk (HOS): the consultation register (网络和来电咨询总册, HOS-01/02, ORG-19), the
/// patients' visits through the guidance flow (HOS-03..08, one timestamp and person per step) and the
/// requests between the desk and the clinical departments (HOS-09 referrals, HOS-10 requests).
/// Every list filter has its index; `next_return_visit_at` drives the RTV-14 job.
struct CreateHospitalDesk: AsyncMigration {
    var name: String { "0036_CreateHospitalDesk" }

    func prepare(on db: any Database) async throws {
        try await db.schema("hospital_consultations").id()
            .field("channel", .string, .required).field("media_source", .string, .required)
            .field("answered_by", .uuid, .required).field("answered_by_name", .string, .required)
            .field("age", .int).field("sex", .string, .required).field("course_of_disease", .string).field("history", .string)
            .field("disease_type", .string, .required).field("address", .string).field("phone", .string)
            .field("visit_intention", .string, .required).field("concerns", .string)
            .field("health_consultation", .string).field("price_comparison", .string).field("consumption_habits", .string)
            .field("economic_status", .string).field("person_type", .string)
            .field("answer", .string).field("expert_referral", .string)
            .field("arrived_visit_id", .uuid).field("arrived_at", .datetime)
            .field("created_at", .datetime, .required).field("version", .int, .required)
            .create()
        try await db.index("hospital_consultations_created", on: "hospital_consultations", columns: ["created_at", "id"])
        try await db.index("hospital_consultations_channel", on: "hospital_consultations", columns: ["channel", "created_at"])
        try await db.index("hospital_consultations_media", on: "hospital_consultations", columns: ["media_source", "created_at"])
        try await db.index("hospital_consultations_arrived", on: "hospital_consultations", columns: ["arrived_at"])
        try await db.index("hospital_consultations_phone", on: "hospital_consultations", columns: ["phone"])

        try await db.schema("hospital_visits").id()
            .field("state", .string, .required).field("consultation_id", .uuid)
            .field("patient_name", .string).field("phone", .string)
            .field("appointment", .bool, .required).field("first_visit", .bool, .required)
            .field("medical_record", .bool, .required).field("main_complaint", .string).field("media_source", .string)
            .field("department", .string).field("expert", .string)
            .field("paid", .bool, .required).field("experts_introduced", .bool, .required)
            .field("handed_to", .string).field("handed_to_name", .string).field("left_reason", .string)
            .field("gate_at", .datetime, .required).field("gate_by", .uuid, .required).field("gate_by_name", .string, .required)
            .field("desk_at", .datetime).field("desk_by", .uuid).field("desk_by_name", .string)
            .field("registration_at", .datetime).field("registration_by", .uuid).field("registration_by_name", .string)
            .field("room_at", .datetime).field("room_by", .uuid).field("room_by_name", .string)
            .field("left_at", .datetime).field("left_by", .uuid).field("left_by_name", .string)
            .field("case_id", .uuid).field("return_visits_made", .int, .required).field("next_return_visit_at", .datetime)
            .field("created_at", .datetime, .required).field("updated_at", .datetime, .required).field("version", .int, .required)
            .create()
        try await db.index("hospital_visits_state", on: "hospital_visits", columns: ["state", "created_at", "id"])
        try await db.index("hospital_visits_created", on: "hospital_visits", columns: ["created_at", "id"])
        try await db.index("hospital_visits_media", on: "hospital_visits", columns: ["media_source", "created_at"])
        try await db.index("hospital_visits_return", on: "hospital_visits", columns: ["next_return_visit_at"])
        try await db.index("hospital_visits_consultation", on: "hospital_visits", columns: ["consultation_id"], unique: true)
        try await db.index("hospital_visits_case", on: "hospital_visits", columns: ["case_id"])

        try await db.schema("hospital_requests").id()
            .field("kind", .string, .required).field("state", .string, .required)
            .field("department_id", .uuid, .required).field("department_name", .string, .required)
            .field("content", .string, .required).field("visit_id", .uuid).field("consultation_id", .uuid)
            .field("requested_by", .uuid, .required).field("requested_by_name", .string, .required)
            .field("accepted_by", .uuid).field("accepted_by_name", .string).field("accepted_at", .datetime)
            .field("created_at", .datetime, .required).field("version", .int, .required)
            .create()
        try await db.index("hospital_requests_kind", on: "hospital_requests", columns: ["kind", "state", "created_at", "id"])
        try await db.index("hospital_requests_department", on: "hospital_requests", columns: ["department_id", "created_at"])
    }

    func revert(on db: any Database) async throws {
        for table in ["hospital_requests", "hospital_visits", "hospital_consultations"] { try await db.schema(table).delete() }
    }
}
