import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Leave and attendance (MTG-14): an invited person asks for leave at least `meetings.leave_notice_minutes`
/// before the start, naming a delegate (委派下一级主管) if they like; later the attendance rules apply, so
/// the request is refused (422 naming the key). The organizer marks who was present, late or absent.
extension Meetings {
    static let leaveRule = "meetings.leave_notice_minutes"
    static let markable: Set<String> = ["present", "late", "absent", "excused"]

    func requestLeave(_ meetingID: UUID, reason: String?, delegateID: UUID?, by staff: StaffUser) async throws -> MeetingAttendeeRecord {
        var errors = FieldErrors()
        let reason = errors.text(reason, "reason", limit: 1_000)
        try errors.check()
        return try await db.transaction { db in
            let meeting = try await Meetings(db: db, services: services).readable(meetingID, by: staff)
            guard let attendee = try await MeetingAttendeeRecord.query(on: db).filter(\.$meetingID == meetingID).filter(\.$userID == staff.id).first() else {
                throw DomainError.forbidden(reason: "error.meeting.not_invited")
            }
            guard meeting.state == "scheduled", attendee.status == "invited" else {
                throw DomainError.invalidTransition(from: attendee.status, to: "excused")
            }
            let now = services.now().roundedToMilliseconds
            if now > MeetingSchedule.leaveDeadline(start: meeting.startsAt, rules: rules) {
                throw DomainError.ruleViolation(rule: Self.leaveRule, reason: "error.meeting.leave_too_late")
            }
            if let delegateID {
                guard delegateID != staff.id, let delegate = try await UserRepository(db: db).find(delegateID), delegate.active else {
                    throw DomainError.validation(fields: ["delegate_id": "error.field.unknown_user"])
                }
            }
            attendee.status = "excused"
            attendee.leaveReason = reason
            attendee.leaveRequestedAt = now
            attendee.delegateID = delegateID
            try await attendee.save(on: db)
            try await audit(meetingID, staff, "meeting.leave", "excused\(delegateID.map { ", delegate \($0)" } ?? "")", ruleKey: Self.leaveRule, db: db)
            try await Notifier(db: db, services: services).notify([meeting.organizerID] + (delegateID.map { [$0] } ?? []), Notifier.Notice(
                kind: "meeting.leave", titleKey: "notice.meeting_leave", titleArgument: staff.displayName, link: "/meetings/\(meetingID)",
                subjectType: Self.subjectType, subjectID: meetingID, dedupeKey: "meeting.leave.\(attendee.id!)"))
            return attendee
        }
    }

    /// Marks attendance: `user_id → present|late|absent|excused` of invited people only.
    func markAttendance(_ meetingID: UUID, _ marks: [UUID: String], by staff: StaffUser) async throws -> [MeetingAttendeeRecord] {
        var errors = FieldErrors()
        for (userID, status) in marks where !Self.markable.contains(status) { errors.add("status.\(userID)", "error.field.choice") }
        try errors.check()
        return try await db.transaction { db in
            let meeting = try await Meetings(db: db, services: services).readable(meetingID, by: staff)
            guard meeting.state != "cancelled" else { throw DomainError.invalidTransition(from: meeting.state, to: "attendance") }
            let attendees = try await Meetings(db: db, services: services).attendees(of: meetingID)
            let byUser = Dictionary(attendees.map { ($0.userID, $0) }, uniquingKeysWith: { a, _ in a })
            if marks.keys.contains(where: { byUser[$0] == nil }) { throw DomainError.validation(fields: ["user_id": "error.meeting.not_invited"]) }
            for (userID, status) in marks {
                let attendee = byUser[userID]!
                attendee.status = status
                attendee.markedByID = staff.id
                try await attendee.save(on: db)
            }
            let counts = Dictionary(grouping: marks.values, by: { $0 }).map { "\($0.key) \($0.value.count)" }.sorted().joined(separator: ", ")
            try await audit(meetingID, staff, "meeting.attendance", counts, ruleKey: nil, db: db)
            return try await Meetings(db: db, services: services).attendees(of: meetingID)
        }
    }
}
