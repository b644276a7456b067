import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

struct ShiftTemplateResponse: Content {
    let id: UUID, name: String, startsAt: String, endsAt: String, breaks: [String], night: Bool, holidayDuty: Bool, active: Bool, version: Int

    enum CodingKeys: String, CodingKey {
        case id, name, breaks, night, active, version
        case startsAt = "starts_at", endsAt = "ends_at", holidayDuty = "holiday_duty"
    }

    init(_ r: ShiftTemplateRecord) {
        id = r.id!; name = r.name; startsAt = r.startsAt; endsAt = r.endsAt
        breaks = r.breaks.split(separator: ",").map(String.init); night = r.night; holidayDuty = r.holidayDuty; active = r.active; version = r.version
    }
}

struct RosterEntryResponse: Content {
    let id: UUID, userID: UUID, userName: String, teamID: UUID?, date: String, shiftTemplateID: UUID, shiftName: String
    let startsAt: Date, endsAt: Date, leads: Bool, holiday: Bool, version: Int

    enum CodingKeys: String, CodingKey {
        case id, date, leads, holiday, version
        case userID = "user_id", userName = "user_name", teamID = "team_id", shiftTemplateID = "shift_template_id", shiftName = "shift_name"
        case startsAt = "starts_at", endsAt = "ends_at"
    }

    init(_ r: RosterEntryRecord, names: [UUID: String], templates: [UUID: String], calendar: BusinessCalendar) {
        id = r.id!; userID = r.userID; userName = names[r.userID] ?? ""; teamID = r.teamID; date = r.shiftDate
        shiftTemplateID = r.shiftTemplateID; shiftName = templates[r.shiftTemplateID] ?? ""; startsAt = r.startsAt; endsAt = r.endsAt
        leads = r.leads; holiday = LocalDate(r.shiftDate).map { calendar.holidays.contains($0) } ?? false; version = r.version
    }
}

struct CopyWeekResponse: Content {
    struct Skipped: Content {
        let userName: String, date: String, reason: String
        enum CodingKeys: String, CodingKey { case date, reason; case userName = "user_name" }
    }
    let copied: Int, skipped: [Skipped]
}

struct AttendanceResponse: Content {
    let id: UUID, rosterEntryID: UUID, userID: UUID, shiftDate: String, signedInAt: Date, signedOutAt: Date?
    let lateMinutes: Int, earlyMinutes: Int, arrivedEarly: Bool, violation: Bool, version: Int

    enum CodingKeys: String, CodingKey {
        case id, violation, version
        case rosterEntryID = "roster_entry_id", userID = "user_id", shiftDate = "shift_date", signedInAt = "signed_in_at"
        case signedOutAt = "signed_out_at", lateMinutes = "late_minutes", earlyMinutes = "early_minutes", arrivedEarly = "arrived_early"
    }

    init(_ r: AttendanceRecord, violationAfter: Int) {
        id = r.id!; rosterEntryID = r.rosterEntryID; userID = r.userID; shiftDate = r.shiftDate; signedInAt = r.signedInAt
        signedOutAt = r.signedOutAt; lateMinutes = r.lateMinutes; earlyMinutes = r.earlyMinutes; arrivedEarly = r.arrivedEarly
        violation = r.lateMinutes >= violationAfter; version = r.version
    }
}

struct OffPostResponse: Content {
    let id: UUID, userID: UUID, reason: String, state: String, requestedAt: Date, decidedBy: UUID?, returnedAt: Date?
    let minutes: Int?, overConsentLimit: Bool, halfDayAbsence: Bool, violation: Bool, version: Int

    enum CodingKeys: String, CodingKey {
        case id, reason, state, minutes, violation, version
        case userID = "user_id", requestedAt = "requested_at", decidedBy = "decided_by", returnedAt = "returned_at"
        case overConsentLimit = "over_consent_limit", halfDayAbsence = "half_day_absence"
    }

    init(_ r: OffPostRecord) {
        id = r.id!; userID = r.userID; reason = r.reason; state = r.state; requestedAt = r.requestedAt; decidedBy = r.decidedBy
        returnedAt = r.returnedAt; minutes = r.minutes; overConsentLimit = r.overConsent; halfDayAbsence = r.halfDayAbsence
        violation = r.violation; version = r.version
    }
}

struct HandoverResponse: Content {
    let id: UUID, shiftDate: String, shiftTemplateID: UUID, outgoingUserID: UUID, incomingUserID: UUID
    let notes: CreateHandoverRequest.Notes, openCaseIDs: [UUID], returnVisitIDs: [UUID], state: String
    let acknowledgedAt: Date?, closedAt: Date?, overrideReason: String?, version: Int

    enum CodingKeys: String, CodingKey {
        case id, notes, state, version
        case shiftDate = "shift_date", shiftTemplateID = "shift_template_id", outgoingUserID = "outgoing_user_id"
        case incomingUserID = "incoming_user_id", openCaseIDs = "open_case_ids", returnVisitIDs = "return_visit_ids"
        case acknowledgedAt = "acknowledged_at", closedAt = "closed_at", overrideReason = "override_reason"
    }

    init(_ r: HandoverRecord) {
        id = r.id!; shiftDate = r.shiftDate; shiftTemplateID = r.shiftTemplateID; outgoingUserID = r.outgoingUserID
        incomingUserID = r.incomingUserID
        notes = .init(equipment: r.equipment, difficultProblems: r.difficultProblems, staffChanges: r.staffChanges,
                      superiorsInstructions: r.superiorsInstructions, other: r.otherNotes)
        openCaseIDs = r.openCaseIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        returnVisitIDs = r.returnVisitIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        state = r.state; acknowledgedAt = r.acknowledgedAt; closedAt = r.closedAt; overrideReason = r.overrideReason; version = r.version
    }
}

struct DutyLogResponse: Content {
    let id: UUID, shiftDate: String, leaderName: String, summary: String, incidents: String?, instructions: String?, createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, summary, incidents, instructions
        case shiftDate = "shift_date", leaderName = "leader_name", createdAt = "created_at"
    }

    init(_ e: DutyLogEntry) {
        id = e.id; shiftDate = e.shiftDate; leaderName = e.leaderName; summary = e.summary; incidents = e.incidents
        instructions = e.instructions; createdAt = e.createdAt
    }
}

struct OnDutyResponse: Content {
    struct Person: Content {
        let userID: UUID, name: String, shiftName: String, endsAt: Date, leads: Bool
        enum CodingKeys: String, CodingKey { case name, leads; case userID = "user_id", shiftName = "shift_name", endsAt = "ends_at" }
    }
    let at: Date, items: [Person]
}
