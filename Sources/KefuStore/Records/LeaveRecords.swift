import FluentKit
import Foundation

/// One leave request (请假申请单, LV): the person, type, period and reason, which notice rule admitted it,
/// the approval deciding it, the sick note (假条, LV-09/11/12) and whether the absence became 旷工 (LV-05/23).
public final class LeaveRequestRecord: Model, @unchecked Sendable {
    public static let schema = "leave_requests"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @OptionalField(key: "team_id") public var teamID: UUID?
    @Field(key: "type") public var type: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    /// Decimal days as text ("1", "2.5").
    @Field(key: "days") public var days: String
    @Field(key: "reason") public var reason: String
    @Field(key: "special") public var special: Bool
    @Field(key: "emergency") public var emergency: Bool
    /// The rulebook key of the notice rule that admitted the request (e.g. `leave.notice.general`).
    @Field(key: "notice_rule") public var noticeRule: String
    /// Who filed it: the person, or someone else for sick/emergency leave (LV-08, LV-10).
    @Field(key: "filed_by") public var filedBy: UUID
    /// `pending` | `approved` | `rejected` | `withdrawn`.
    @Field(key: "state") public var state: String
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @Field(key: "certificate_needed") public var certificateNeeded: Bool
    @OptionalField(key: "certificate_institution") public var certificateInstitution: String?
    /// Covered periods `from/to,from/to` (LV-11: continuous).
    @OptionalField(key: "certificate_periods") public var certificatePeriods: String?
    /// When the sick note / emergency paperwork reached the 班长 (LV-12, LV-18/22).
    @OptionalField(key: "handed_in_at") public var handedInAt: Date?
    /// Set once when the absence counted as 旷工 (LV-05/23).
    @OptionalField(key: "absenteeism_at") public var absenteeismAt: Date?
    /// Set once when the absenteeism check looked at the finished request.
    @OptionalField(key: "checked_at") public var checkedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// One shift swap (换班登记表, SWP): the requester's shift the counterpart takes over, the counterpart's
/// shift (and the return shift, 还班) the requester works; approved by both team leaders (SWP-02).
public final class ShiftSwapRecord: Model, @unchecked Sendable {
    public static let schema = "shift_swaps"

    @ID(key: .id) public var id: UUID?
    @Field(key: "requester_id") public var requesterID: UUID
    @Field(key: "counterpart_id") public var counterpartID: UUID
    /// Both parties' teams at the time, so each team leader's list is one indexed query.
    @OptionalField(key: "requester_team_id") public var requesterTeamID: UUID?
    @OptionalField(key: "counterpart_team_id") public var counterpartTeamID: UUID?
    @Field(key: "requester_roster_id") public var requesterRosterID: UUID
    @Field(key: "counterpart_roster_id") public var counterpartRosterID: UUID
    @OptionalField(key: "return_roster_id") public var returnRosterID: UUID?
    @Field(key: "swap_date") public var swapDate: String
    @Field(key: "return_date") public var returnDate: String
    /// `YYYY-MM` of the swap shift (SWP-03).
    @Field(key: "month") public var month: String
    @Field(key: "reason") public var reason: String
    /// `pending` | `approved` | `rejected` | `withdrawn`.
    @Field(key: "state") public var state: String
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    /// When the roster was changed to the swapped people.
    @OptionalField(key: "applied_at") public var appliedAt: Date?
    /// SWP-07: who missed a swapped shift (旷工).
    @OptionalField(key: "missed_user_id") public var missedUserID: UUID?
    @OptionalField(key: "checked_at") public var checkedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}

    /// The entries the swap touches.
    public var rosterIDs: [UUID] { [requesterRosterID, counterpartRosterID] + (returnRosterID.map { [$0] } ?? []) }
}
