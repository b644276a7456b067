import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/leave-requests` (API.md "Workforce"). Optional fields so one 400 lists every bad one.
/// `user_id` files for someone else (sick or emergency only, LV-08/LV-10); `certificate` is the sick note.
struct CreateLeaveRequest: Content {
    struct Certificate: Content {
        struct Period: Content { var from: String?; var to: String? }
        var institution: String?
        var periods: [Period]?
    }

    var type: String?
    var startsAt: String?
    var endsAt: String?
    var reason: String?
    var special: Bool?
    var emergency: Bool?
    var userID: UUID?
    var certificate: Certificate?

    enum CodingKeys: String, CodingKey {
        case type, reason, special, emergency, certificate
        case startsAt = "starts_at", endsAt = "ends_at", userID = "user_id"
    }
}

/// `POST /api/v1/leave-requests/{id}/hand-in`: the sick note or emergency paperwork reaches the 班长 (LV-12, LV-22).
struct LeaveHandInRequest: Content {
    var certificate: CreateLeaveRequest.Certificate?
}

struct LeaveRequestResponse: Content {
    let id: UUID, userID: UUID, userName: String, type: String, startsAt: Date, endsAt: Date, days: String, reason: String
    let special: Bool, emergency: Bool, noticeRule: String, filedBy: UUID, state: String, approvalID: UUID?
    let certificateNeeded: Bool, certificateInstitution: String?, certificatePeriods: [String], handedInAt: Date?, absenteeism: Bool, version: Int

    enum CodingKeys: String, CodingKey {
        case id, type, days, reason, special, emergency, state, absenteeism, version
        case userID = "user_id", userName = "user_name", startsAt = "starts_at", endsAt = "ends_at", noticeRule = "notice_rule"
        case filedBy = "filed_by", approvalID = "approval_id", certificateNeeded = "certificate_needed"
        case certificateInstitution = "certificate_institution", certificatePeriods = "certificate_periods", handedInAt = "handed_in_at"
    }

    init(_ r: LeaveRequestRecord, names: [UUID: String]) {
        id = r.id!; userID = r.userID; userName = names[r.userID] ?? ""; type = r.type; startsAt = r.startsAt; endsAt = r.endsAt
        days = r.days; reason = r.reason; special = r.special; emergency = r.emergency; noticeRule = r.noticeRule; filedBy = r.filedBy
        state = r.state; approvalID = r.approvalID; certificateNeeded = r.certificateNeeded; certificateInstitution = r.certificateInstitution
        certificatePeriods = (r.certificatePeriods ?? "").split(separator: ",").map(String.init); handedInAt = r.handedInAt
        absenteeism = r.absenteeismAt != nil; version = r.version
    }
}

/// Times from the API (RFC 3339 with an offset) or a web form (`YYYY-MM-DDTHH:MM`, organization time),
/// read strictly by `StrictTime` (issue 20: 2027-02-30 is refused, not rolled into March).
enum LeaveTime {
    static func parse(_ text: String?, calendar: BusinessCalendar) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        return StrictTime.instant(text, localStartOfDay: calendar.startOfDay)
    }
}
