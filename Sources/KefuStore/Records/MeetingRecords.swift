import FluentKit
import Foundation

/// One meeting of the CS center (会议, MTG-01..05, MTG-16): kind, time, chair, organizer, agenda and minutes (会议纪要).
public final class MeetingRecord: Model, @unchecked Sendable {
    public static let schema = "meetings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "starts_at") public var startsAt: Date
    @OptionalField(key: "location") public var location: String?
    @OptionalField(key: "agenda") public var agenda: String?
    @Field(key: "chair_id") public var chairID: UUID
    @Field(key: "organizer_id") public var organizerID: UUID
    /// `scheduled`, `held` (minutes recorded) or `cancelled`.
    @Field(key: "state") public var state: String
    @OptionalField(key: "minutes") public var minutes: String?
    @OptionalField(key: "held_at") public var heldAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// One invited person of a meeting with their attendance (MTG-14: leave ≥ 1 hour before, a delegate).
public final class MeetingAttendeeRecord: Model, @unchecked Sendable {
    public static let schema = "meeting_attendees"

    @ID(key: .id) public var id: UUID?
    @Field(key: "meeting_id") public var meetingID: UUID
    @Field(key: "user_id") public var userID: UUID
    /// `invited`, `excused` (leave in time), `present`, `late` or `absent`.
    @Field(key: "status") public var status: String
    @OptionalField(key: "leave_reason") public var leaveReason: String?
    @OptionalField(key: "leave_requested_at") public var leaveRequestedAt: Date?
    @OptionalField(key: "delegate_id") public var delegateID: UUID?
    @OptionalField(key: "marked_by_id") public var markedByID: UUID?

    public init() {}
}

/// A decision of the minutes (决议) and how it is carried out: nothing more, a knowledge-base draft of the
/// unified answer wording (KB-12, MTG-01), or a task for a person by a date.
public final class MeetingDecisionRecord: Model, @unchecked Sendable {
    public static let schema = "meeting_decisions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "meeting_id") public var meetingID: UUID
    @Field(key: "text") public var text: String
    /// `none`, `kb` or `task`.
    @Field(key: "follow_up") public var followUp: String
    @OptionalField(key: "kb_entry_id") public var kbEntryID: UUID?
    @OptionalField(key: "assignee_id") public var assigneeID: UUID?
    @OptionalField(key: "due_on") public var dueOn: String?
    @OptionalField(key: "done_at") public var doneAt: Date?
    @Field(key: "recorded_by_id") public var recordedByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
