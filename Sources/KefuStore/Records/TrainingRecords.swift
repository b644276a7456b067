import FluentKit
import Foundation

/// A training session on the timetable (培训课程表, TRN-04): time, content and trainer, and its kind
/// (TRN-01/02/05/06). `qaWeek` links a session planned from the QA findings of that week.
public final class TrainingSessionRecord: Model, @unchecked Sendable {
    public static let schema = "training_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "content") public var content: String
    @Field(key: "trainer") public var trainer: String
    /// `business`, `system`, `induction`, `shadowing`, `external` or `online`.
    @Field(key: "kind") public var kind: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @OptionalField(key: "location") public var location: String?
    @OptionalField(key: "qa_week") public var qaWeek: String?
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_by_name") public var createdByName: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A trainee of a session and, once assessed, the archived result (TRN-01); results are never deleted.
public final class TrainingTraineeRecord: Model, @unchecked Sendable {
    public static let schema = "training_trainees"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    @Field(key: "starts_at") public var startsAt: Date
    /// nil until assessed; then `passed`, `failed` or `absent`.
    @OptionalField(key: "result") public var result: String?
    @OptionalField(key: "score") public var score: Int?
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "recorded_by") public var recordedBy: String?
    @OptionalField(key: "recorded_at") public var recordedAt: Date?

    public init() {}
}

/// 以老带新 (TRN-03): an experienced employee mentors a newcomer one to one; one mentor may have several.
public final class MentorshipRecord: Model, @unchecked Sendable {
    public static let schema = "mentorships"

    @ID(key: .id) public var id: UUID?
    @Field(key: "mentor_id") public var mentorID: UUID
    @Field(key: "mentor_name") public var mentorName: String
    @Field(key: "mentee_id") public var menteeID: UUID
    @Field(key: "mentee_name") public var menteeName: String
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "ended_at") public var endedAt: Date?
    @Field(key: "created_by") public var createdBy: UUID

    public init() {}
}
