import FluentKit
import Foundation

/// A shift template (班次, SHF-12..20): wall-clock start and end (`HH:MM`; an end before the start runs past
/// midnight), meal breaks as `HH:MM-HH:MM,…`, the night and holiday-duty flags.
public final class ShiftTemplateRecord: Model, @unchecked Sendable {
    public static let schema = "shift_templates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "starts_at") public var startsAt: String
    @Field(key: "ends_at") public var endsAt: String
    @Field(key: "breaks") public var breaks: String
    @Field(key: "night") public var night: Bool
    @Field(key: "holiday_duty") public var holidayDuty: Bool
    @Field(key: "active") public var active: Bool
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// One person on one shift on one day (排班, SHF-19). `starts_at`/`ends_at` are the shift's instants, kept
/// so overlaps and "who is on duty now" are one indexed range query; `leads` marks the 班长/值班长 of it.
public final class RosterEntryRecord: Model, @unchecked Sendable {
    public static let schema = "roster_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @OptionalField(key: "team_id") public var teamID: UUID?
    @Field(key: "shift_date") public var shiftDate: String
    @Field(key: "shift_template_id") public var shiftTemplateID: UUID
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "leads") public var leads: Bool
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// A sign-in (签到表, ATT-01/02): the actual arrival and departure times of a rostered shift, the minutes
/// late and early computed against the roster, and the roll call (SHF-01) mark and comment.
public final class AttendanceRecord: Model, @unchecked Sendable {
    public static let schema = "attendance"

    @ID(key: .id) public var id: UUID?
    @Field(key: "roster_entry_id") public var rosterEntryID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "shift_date") public var shiftDate: String
    @Field(key: "signed_in_at") public var signedInAt: Date
    @OptionalField(key: "signed_out_at") public var signedOutAt: Date?
    @Field(key: "late_minutes") public var lateMinutes: Int
    @Field(key: "early_minutes") public var earlyMinutes: Int
    @Field(key: "arrived_early") public var arrivedEarly: Bool
    @OptionalField(key: "roll_call_present") public var rollCallPresent: Bool?
    @OptionalField(key: "roll_call_note") public var rollCallNote: String?
    @Field(key: "version") public var version: Int

    public init() {}
}

/// The roll call of one shift (点名点评, SHF-01/07, QA-06): the leader's comments and the common quality
/// problems reviewed, as they were on the day.
public final class RollCallRecord: Model, @unchecked Sendable {
    public static let schema = "roll_calls"

    @ID(key: .id) public var id: UUID?
    @Field(key: "shift_date") public var shiftDate: String
    @Field(key: "shift_template_id") public var shiftTemplateID: UUID
    @Field(key: "leader_id") public var leaderID: UUID
    @Field(key: "comments") public var comments: String
    @Field(key: "common_problems") public var commonProblems: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A request to leave the post (离岗, SHF-09/10, ATT-03/04): `pending` → `approved`/`rejected` by the leader
/// on duty → `returned` with the minutes away and what they count as.
public final class OffPostRecord: Model, @unchecked Sendable {
    public static let schema = "off_post_requests"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @OptionalField(key: "roster_entry_id") public var rosterEntryID: UUID?
    @Field(key: "reason") public var reason: String
    /// `pending` | `approved` | `rejected` | `returned`.
    @Field(key: "state") public var state: String
    @Field(key: "requested_at") public var requestedAt: Date
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "returned_at") public var returnedAt: Date?
    @OptionalField(key: "minutes") public var minutes: Int?
    @Field(key: "over_consent") public var overConsent: Bool
    @Field(key: "half_day_absence") public var halfDayAbsence: Bool
    @Field(key: "violation") public var violation: Bool
    @Field(key: "version") public var version: Int

    public init() {}
}
