import Foundation
import KefuCore
import KefuDomain
import Vapor

/// `POST /api/v1/shift-templates` (SHF-12..20). Optional fields so one 400 lists every missing one.
struct CreateShiftTemplateRequest: Content {
    var name: String?
    var startsAt: String?
    var endsAt: String?
    /// `HH:MM-HH:MM` meal breaks.
    var breaks: [String]?
    var night: Bool?
    var holidayDuty: Bool?

    enum CodingKeys: String, CodingKey {
        case name, breaks, night
        case startsAt = "starts_at", endsAt = "ends_at", holidayDuty = "holiday_duty"
    }
}

/// `POST /api/v1/roster` (SHF-19): one person on one shift on one day.
struct CreateRosterEntryRequest: Content {
    var userID: UUID?
    var date: String?
    var shiftTemplateID: UUID?
    /// The 班长/值班长 of this shift.
    var leads: Bool?

    enum CodingKeys: String, CodingKey {
        case date, leads
        case userID = "user_id", shiftTemplateID = "shift_template_id"
    }
}

/// `POST /api/v1/roster/copy-week`: copies one week's entries (Monday `from_week`) onto another.
struct CopyWeekRequest: Content {
    var fromWeek: String?
    var toWeek: String?
    var teamID: UUID?

    enum CodingKeys: String, CodingKey {
        case fromWeek = "from_week", toWeek = "to_week", teamID = "team_id"
    }
}

/// `POST /api/v1/roll-calls` (SHF-01/07, QA-06): the leader's comments and who was present.
struct RollCallRequest: Content {
    var date: String?
    var shiftTemplateID: UUID?
    var comments: String?
    var presentUserIDs: [UUID]?

    enum CodingKeys: String, CodingKey {
        case date, comments
        case shiftTemplateID = "shift_template_id", presentUserIDs = "present_user_ids"
    }
}

/// `POST /api/v1/off-post` (SHF-09).
struct OffPostRequest: Content {
    var reason: String?
}

/// `POST /api/v1/handovers` (SHF-05/06): `notes` holds the log's text fields.
struct CreateHandoverRequest: Content {
    struct Notes: Content {
        var equipment: String?
        var difficultProblems: String?
        var staffChanges: String?
        var superiorsInstructions: String?
        var other: String?

        enum CodingKeys: String, CodingKey {
            case equipment, other
            case difficultProblems = "difficult_problems", staffChanges = "staff_changes", superiorsInstructions = "superiors_instructions"
        }
    }

    var shiftDate: String?
    var shiftTemplateID: UUID?
    var incomingUserID: UUID?
    var notes: Notes?
    var openCaseIDs: [UUID]?

    enum CodingKeys: String, CodingKey {
        case notes
        case shiftDate = "shift_date", shiftTemplateID = "shift_template_id", incomingUserID = "incoming_user_id", openCaseIDs = "open_case_ids"
    }
}

/// `POST /api/v1/handovers/{id}/acknowledge` and `/close`; `override_reason` lets a leader close first (SHF-04).
struct HandoverActionRequest: Content {
    var version: Int?
    var overrideReason: String?

    enum CodingKeys: String, CodingKey {
        case version
        case overrideReason = "override_reason"
    }
}

/// `POST /api/v1/duty-logs` (RPT-03).
struct CreateDutyLogRequest: Content {
    var shiftDate: String?
    var shiftTemplateID: UUID?
    var summary: String?
    var incidents: String?
    var instructions: String?

    enum CodingKeys: String, CodingKey {
        case summary, incidents, instructions
        case shiftDate = "shift_date", shiftTemplateID = "shift_template_id"
    }
}
