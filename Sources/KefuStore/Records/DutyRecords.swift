import FluentKit
import Foundation

/// One recurring duty on one day (值日, SEC-13..19): what, where, who, by when, and how it went (SEC-16).
/// `scope` is the team's id for a per-team duty (SEC-17) and "" otherwise; with date, kind and zone it is
/// unique, so generating a day twice adds nothing.
public final class DutyRecord: Model, @unchecked Sendable {
    public static let schema = "duties"

    @ID(key: .id) public var id: UUID?
    @Field(key: "duty_date") public var dutyDate: String
    @Field(key: "kind") public var kind: String
    @Field(key: "zone") public var zone: String
    @Field(key: "scope") public var scope: String
    @OptionalField(key: "team_id") public var teamID: UUID?
    @Field(key: "assignee_id") public var assigneeID: UUID
    @Field(key: "assignee_name") public var assigneeName: String
    @Field(key: "due_at") public var dueAt: Date
    /// `assigned`, `done`, `passed` or `redo` (DutyState).
    @Field(key: "state") public var state: String
    @OptionalField(key: "done_at") public var doneAt: Date?
    @OptionalField(key: "checked_at") public var checkedAt: Date?
    @OptionalField(key: "checked_by") public var checkedBy: UUID?
    @OptionalField(key: "checked_by_name") public var checkedByName: String?
    @OptionalField(key: "check_note") public var checkNote: String?
    @Field(key: "redo_count") public var redoCount: Int
    /// Set once when the duty was still open at its deadline (the supervisor was told).
    @OptionalField(key: "flagged_at") public var flaggedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// A regular safety inspection (SEC-06) with its fire-equipment custodian (消防器材专人保管) on record.
public final class SafetyInspectionRecord: Model, @unchecked Sendable {
    public static let schema = "safety_inspections"

    @ID(key: .id) public var id: UUID?
    @Field(key: "inspected_on") public var inspectedOn: String
    @Field(key: "inspected_at") public var inspectedAt: Date
    @Field(key: "inspector_id") public var inspectorID: UUID
    @Field(key: "inspector_name") public var inspectorName: String
    @Field(key: "custodian_id") public var custodianID: UUID
    @Field(key: "custodian_name") public var custodianName: String
    @Field(key: "findings") public var findings: Int
    @OptionalField(key: "note") public var note: String?

    public init() {}
}

/// One checklist line of an inspection: `pass` or `finding`.
public final class SafetyInspectionItemRecord: Model, @unchecked Sendable {
    public static let schema = "safety_inspection_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "inspection_id") public var inspectionID: UUID
    @Field(key: "item") public var item: String
    @Field(key: "result") public var result: String
    @OptionalField(key: "note") public var note: String?

    public init() {}
}

/// A finding to put right (整改): an owner, a due date, closed once with a note.
public final class SafetyFindingRecord: Model, @unchecked Sendable {
    public static let schema = "safety_findings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "inspection_id") public var inspectionID: UUID
    @Field(key: "item") public var item: String
    @Field(key: "description") public var details: String
    @Field(key: "owner_id") public var ownerID: UUID
    @Field(key: "owner_name") public var ownerName: String
    @Field(key: "due_at") public var dueAt: Date
    /// `open` or `closed`.
    @Field(key: "state") public var state: String
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @OptionalField(key: "closed_by_name") public var closedByName: String?
    @OptionalField(key: "close_note") public var closeNote: String?
    /// Set once when the finding was still open at its due date (owner and inspector told).
    @OptionalField(key: "overdue_at") public var overdueAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// SEC-11: the day's closing round by the last person to leave; `items` lists what was ticked.
public final class ClosingCheckRecord: Model, @unchecked Sendable {
    public static let schema = "closing_checks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "check_date") public var checkDate: String
    @Field(key: "checked_at") public var checkedAt: Date
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    @Field(key: "items") public var items: String
    @OptionalField(key: "note") public var note: String?

    public init() {}
}

/// Open-flame work (SEC-05) or private use of company resources (SEC-09/10), approved in advance.
public final class SafetyRequestRecord: Model, @unchecked Sendable {
    public static let schema = "safety_requests"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "requester_id") public var requesterID: UUID
    @Field(key: "requester_name") public var requesterName: String
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @Field(key: "purpose") public var purpose: String
    @OptionalField(key: "location") public var location: String?
    /// SEC-05: the safety measures taken first (required for open flame).
    @OptionalField(key: "measures") public var measures: String?
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "state") public var state: String
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @OptionalField(key: "started_at") public var startedAt: Date?
    @OptionalField(key: "finished_at") public var finishedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}
