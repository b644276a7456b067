import FluentKit
import Foundation

/// A meeting room (会议室, MR-01): its seats and fixed equipment. `bookingSeq` is the room's lock row: every
/// booking bumps it in its transaction, so two bookings of one room are written one after the other (PostgreSQL
/// holds the row lock until commit) and the second sees the first when it looks for overlaps.
public final class MeetingRoomRecord: Model, @unchecked Sendable {
    public static let schema = "meeting_rooms"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "capacity") public var capacity: Int
    /// JSON array of equipment names (projector, microphones …).
    @Field(key: "equipment") public var equipment: String
    @Field(key: "active") public var active: Bool
    @Field(key: "booking_seq") public var bookingSeq: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// One booking (会议室预订申请表, MR-16): meeting name, time, headcount, equipment, who booked it for which
/// department, its approval (MR-17), the day-before reconfirmation (MR-18), external rental (MR-06) and the
/// minutes (MR-21). A weekly series shares `seriesID` and one approval.
public final class RoomBookingRecord: Model, @unchecked Sendable {
    public static let schema = "room_bookings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "room_id") public var roomID: UUID
    @Field(key: "room_name") public var roomName: String
    @Field(key: "title") public var title: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "attendees") public var attendees: Int
    /// JSON array of the invited staff ids (reminded the day before, sent the minutes).
    @Field(key: "attendee_ids") public var attendeeIDs: String
    /// JSON array of the equipment requested (MR-09/16).
    @Field(key: "equipment") public var equipment: String
    @Field(key: "booked_by") public var bookedBy: UUID
    @Field(key: "booker_name") public var bookerName: String
    /// The using department: faults found after the meeting are its responsibility (MR-15).
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @Field(key: "state") public var state: String
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @OptionalField(key: "series_id") public var seriesID: UUID?
    @Field(key: "occurrence") public var occurrence: Int
    @OptionalField(key: "meeting_id") public var meetingID: UUID?
    @OptionalField(key: "external_party") public var externalParty: String?
    @OptionalField(key: "fee") public var fee: String?
    @OptionalField(key: "reminded_at") public var remindedAt: Date?
    @OptionalField(key: "reconfirmed_at") public var reconfirmedAt: Date?
    @OptionalField(key: "minutes") public var minutes: String?
    @OptionalField(key: "minutes_at") public var minutesAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// An equipment check of a booking (MR-10/15/19): before or after, what was found, and the charge to the
/// using department for a fault found after the meeting (MR-04/15). One check per phase.
public final class RoomCheckRecord: Model, @unchecked Sendable {
    public static let schema = "room_checks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "booking_id") public var bookingID: UUID
    @Field(key: "phase") public var phase: String
    @Field(key: "ok") public var ok: Bool
    @OptionalField(key: "faults") public var faults: String?
    @OptionalField(key: "charge") public var charge: String?
    @OptionalField(key: "charged_department_id") public var chargedDepartmentID: UUID?
    @Field(key: "checked_by") public var checkedBy: UUID
    @Field(key: "checked_by_name") public var checkedByName: String
    @Field(key: "checked_at") public var checkedAt: Date

    public init() {}
}

/// The study-materials loan register (学习资料借用登记, MR-05): due back in three days, returned intact or not.
public final class RoomLoanRecord: Model, @unchecked Sendable {
    public static let schema = "room_loans"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "room_id") public var roomID: UUID?
    @Field(key: "item") public var item: String
    @Field(key: "borrower_id") public var borrowerID: UUID
    @Field(key: "borrower_name") public var borrowerName: String
    @Field(key: "lent_by") public var lentBy: UUID
    @Field(key: "lent_at") public var lentAt: Date
    @Field(key: "due_at") public var dueAt: Date
    @OptionalField(key: "returned_at") public var returnedAt: Date?
    @OptionalField(key: "intact") public var intact: Bool?
    @OptionalField(key: "note") public var note: String?

    public init() {}
}
