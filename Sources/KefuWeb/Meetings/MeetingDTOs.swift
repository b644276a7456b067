import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/meetings`: `starts_at` defaults to the kind's next rulebook date (MTG-01..03).
struct ScheduleMeetingRequest: Content {
    var kind: MeetingKind?
    var title: String?
    var startsAt: Date?
    var location: String?
    var agenda: String?
    var chairID: UUID?
    var attendeeIDs: [UUID]?

    enum CodingKeys: String, CodingKey {
        case kind, title, location, agenda
        case startsAt = "starts_at", chairID = "chair_id", attendeeIDs = "attendee_ids"
    }
}

/// `POST /meetings/{id}/leave`, `/attendance`, `/minutes`, `/decisions`.
struct MeetingLeaveRequest: Content {
    var reason: String?
    var delegateID: UUID?
    enum CodingKeys: String, CodingKey { case reason; case delegateID = "delegate_id" }
}

struct MeetingAttendanceRequest: Content {
    struct Mark: Content { let userID: UUID; let status: String; enum CodingKeys: String, CodingKey { case status; case userID = "user_id" } }
    var entries: [Mark]
}

struct MeetingMinutesRequest: Content {
    var minutes: String?
    var version: Int?
}

struct MeetingDecisionRequest: Content {
    var text: String?
    var followUp: Meetings.FollowUp?
    var assigneeID: UUID?
    var dueOn: String?
    var catalog: KBCatalog?
    var question: String?
    enum CodingKeys: String, CodingKey {
        case text, catalog, question
        case followUp = "follow_up", assigneeID = "assignee_id", dueOn = "due_on"
    }
}

struct MeetingResponse: Content {
    struct Attendee: Content {
        let userID: UUID, status: String, leaveReason: String?, leaveRequestedAt: Date?, delegateID: UUID?
        enum CodingKeys: String, CodingKey {
            case status
            case userID = "user_id", leaveReason = "leave_reason", leaveRequestedAt = "leave_requested_at", delegateID = "delegate_id"
        }
        init(_ r: MeetingAttendeeRecord) {
            userID = r.userID; status = r.status; leaveReason = r.leaveReason; leaveRequestedAt = r.leaveRequestedAt; delegateID = r.delegateID
        }
    }

    struct Decision: Content {
        let id: UUID, text: String, followUp: String, kbEntryID: UUID?, assigneeID: UUID?, dueOn: String?, createdAt: Date, doneAt: Date?
        enum CodingKeys: String, CodingKey {
            case id, text
            case followUp = "follow_up", kbEntryID = "kb_entry_id", assigneeID = "assignee_id", dueOn = "due_on", createdAt = "created_at"
            case doneAt = "done_at"
        }
        init(_ r: MeetingDecisionRecord) {
            id = r.id!; text = r.text; followUp = r.followUp; kbEntryID = r.kbEntryID; assigneeID = r.assigneeID; dueOn = r.dueOn; createdAt = r.createdAt
            doneAt = r.doneAt
        }
    }

    let id: UUID, kind: String, title: String, startsAt: Date, location: String?, agenda: String?, chairID: UUID, organizerID: UUID
    let state: String, minutes: String?, heldAt: Date?, version: Int
    /// MTG-14: the latest time leave may be requested.
    let leaveDeadline: Date
    var attendees: [Attendee]?
    var decisions: [Decision]?

    enum CodingKeys: String, CodingKey {
        case id, kind, title, location, agenda, state, minutes, version, attendees, decisions
        case startsAt = "starts_at", chairID = "chair_id", organizerID = "organizer_id", heldAt = "held_at", leaveDeadline = "leave_deadline"
    }

    init(_ r: MeetingRecord, rules: MeetingRules, attendees: [MeetingAttendeeRecord]? = nil, decisions: [MeetingDecisionRecord]? = nil) {
        id = r.id!; kind = r.kind; title = r.title; startsAt = r.startsAt; location = r.location; agenda = r.agenda; chairID = r.chairID
        organizerID = r.organizerID; state = r.state; minutes = r.minutes; heldAt = r.heldAt; version = r.version
        leaveDeadline = MeetingSchedule.leaveDeadline(start: r.startsAt, rules: rules)
        self.attendees = attendees?.map(Attendee.init); self.decisions = decisions?.map(Decision.init)
    }
}
