import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// JSON of rooms, bookings, checks and loans (API.md "Front desk"; snake_case, times in UTC).
struct RoomResponse: Content {
    let id: UUID, name: String, capacity: Int, equipment: [String], version: Int
    init(_ r: MeetingRoomRecord) { id = r.id!; name = r.name; capacity = r.capacity; equipment = RoomJSON.strings(r.equipment); version = r.version }
}

struct RoomCheckResponse: Content {
    let id: UUID, phase: String, ok: Bool, faults: String?, charge: String?, chargedDepartmentId: UUID?, checkedBy: String, checkedAt: Date
    enum CodingKeys: String, CodingKey {
        case id, phase, ok, faults, charge
        case chargedDepartmentId = "charged_department_id", checkedBy = "checked_by", checkedAt = "checked_at"
    }
    init(_ c: RoomCheckRecord) {
        id = c.id!; phase = c.phase; ok = c.ok; faults = c.faults; charge = c.charge; chargedDepartmentId = c.chargedDepartmentID
        checkedBy = c.checkedByName; checkedAt = c.checkedAt
    }
}

struct RoomBookingResponse: Content {
    struct Occurrence: Content { let id: UUID, starts_at: Date, ends_at: Date }
    let id: UUID, roomId: UUID, roomName: String, title: String, startsAt: Date, endsAt: Date, attendees: Int
    let attendeeIds: [String], equipment: [String], bookedBy: UUID, bookerName: String, departmentId: UUID?, state: String
    let approvalId: UUID?, seriesId: UUID?, occurrence: Int, meetingId: UUID?, externalParty: String?, fee: String?
    let remindedAt: Date?, reconfirmedAt: Date?, minutes: String?, minutesAt: Date?, version: Int
    var occurrences: [Occurrence]? = nil
    var checks: [RoomCheckResponse]? = nil
    enum CodingKeys: String, CodingKey {
        case id, title, attendees, equipment, state, occurrence, fee, minutes, version, occurrences, checks
        case roomId = "room_id", roomName = "room_name", startsAt = "starts_at", endsAt = "ends_at", attendeeIds = "attendee_ids"
        case bookedBy = "booked_by", bookerName = "booker_name", departmentId = "department_id", approvalId = "approval_id"
        case seriesId = "series_id", meetingId = "meeting_id", externalParty = "external_party", remindedAt = "reminded_at"
        case reconfirmedAt = "reconfirmed_at", minutesAt = "minutes_at"
    }
    init(_ r: RoomBookingRecord) {
        id = r.id!; roomId = r.roomID; roomName = r.roomName; title = r.title; startsAt = r.startsAt; endsAt = r.endsAt; attendees = r.attendees
        attendeeIds = RoomJSON.strings(r.attendeeIDs); equipment = RoomJSON.strings(r.equipment); bookedBy = r.bookedBy; bookerName = r.bookerName
        departmentId = r.departmentID; state = r.state; approvalId = r.approvalID; seriesId = r.seriesID; occurrence = r.occurrence
        meetingId = r.meetingID; externalParty = r.externalParty; fee = r.fee; remindedAt = r.remindedAt; reconfirmedAt = r.reconfirmedAt
        minutes = r.minutes; minutesAt = r.minutesAt; version = r.version
    }
}

struct RoomLoanResponse: Content {
    let id: UUID, roomId: UUID?, item: String, borrowerId: UUID, borrowerName: String, lentAt: Date, dueAt: Date
    let returnedAt: Date?, intact: Bool?, note: String?, overdue: Bool
    enum CodingKeys: String, CodingKey {
        case id, item, intact, note, overdue
        case roomId = "room_id", borrowerId = "borrower_id", borrowerName = "borrower_name", lentAt = "lent_at", dueAt = "due_at", returnedAt = "returned_at"
    }
    init(_ l: RoomLoanRecord, now: Date) {
        id = l.id!; roomId = l.roomID; item = l.item; borrowerId = l.borrowerID; borrowerName = l.borrowerName; lentAt = l.lentAt; dueAt = l.dueAt
        returnedAt = l.returnedAt; intact = l.intact; note = l.note; overdue = l.returnedAt == nil && l.dueAt < now
    }
}
