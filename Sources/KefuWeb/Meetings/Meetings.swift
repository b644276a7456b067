import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The CS center's meetings (会议, REQUIREMENTS §19): scheduling a recurring meeting on its rulebook date
/// (MTG-01..03) or a dated summary / ad-hoc one (MTG-16) with its default attendees, and who may read it.
/// Attendance, leave (MTG-14), minutes and decisions are in the `Meetings+…` files.
struct Meetings {
    let db: any Database
    let services: AppServices

    static let subjectType = "meeting"
    static let textLimit = 8_000
    var rules: MeetingRules { services.rulebook.meetings }

    struct Input {
        var kind: MeetingKind?
        var title: String?
        var startsAt: Date?
        var location: String?
        var agenda: String?
        var chairID: UUID?
        var attendeeIDs: [UUID]?
    }

    /// Who is invited by default: MTG-01 all 班长; MTG-02 the whole CS department with the 中心主任; MTG-03 the shift.
    static func defaultRoles(_ kind: MeetingKind) -> [Role] {
        switch kind {
        case .preShift: [.agent, .teamLeader, .shiftLeader]
        case .weeklyAffairs: [.teamLeader, .shiftLeader]
        case .monthlyAgents, .halfYearSummary, .annualSummary:
            [.agent, .teamLeader, .shiftLeader, .qaInspector, .returnVisitor, .kbEditor, .csDirector, .centerDirector]
        case .adHoc: []
        }
    }

    func schedule(_ input: Input, by staff: StaffUser) async throws -> MeetingRecord {
        var errors = FieldErrors()
        let kind = errors.require(input.kind, "kind")
        let title = errors.optional(input.title, "title", limit: 200)
        let location = errors.optional(input.location, "location", limit: 200)
        let agenda = errors.optional(input.agenda, "agenda", limit: Self.textLimit)
        let now = services.now().roundedToMilliseconds
        var startsAt = input.startsAt
        if let kind, startsAt == nil {
            startsAt = MeetingSchedule.next(kind, after: now, rules: rules, calendar: services.rulebook.calendar)
            if startsAt == nil { errors.add("starts_at", "error.field.required") }
        }
        if let startsAt, startsAt <= now { errors.add("starts_at", "error.field.future") }
        if kind == .adHoc, input.attendeeIDs?.isEmpty ?? true { errors.add("attendee_ids", "error.field.required") }
        try errors.check()
        let start = startsAt!.roundedToMilliseconds
        return try await db.transaction { db in
            let users = UserRepository(db: db)
            var attendees = Set(input.attendeeIDs ?? [])
            if input.attendeeIDs == nil {
                for role in Self.defaultRoles(kind!) { attendees.formUnion(try await users.active(withRole: role).compactMap(\.id)) }
            }
            let found = try await users.find(ids: Array(attendees))
            guard found.count == attendees.count, found.allSatisfy(\.active) else {
                throw DomainError.validation(fields: ["attendee_ids": "error.field.unknown_user"])
            }
            var chairID = input.chairID ?? staff.id
            if input.chairID == nil, kind == .weeklyAffairs || kind == .monthlyAgents,
               let director = try await users.active(withRole: .csDirector).first?.id {
                chairID = director
            }
            guard let chair = try await users.find(chairID), chair.active else { throw DomainError.validation(fields: ["chair_id": "error.field.unknown_user"]) }
            let record = MeetingRecord()
            record.id = services.newID()
            record.kind = kind!.rawValue
            record.title = title ?? ""
            record.startsAt = start
            record.location = location
            record.agenda = agenda
            record.chairID = chairID
            record.organizerID = staff.id
            record.state = "scheduled"
            record.createdAt = now
            record.version = 1
            try await record.create(on: db)
            for userID in attendees.union([chairID]) {
                let attendee = MeetingAttendeeRecord()
                attendee.meetingID = record.id!
                attendee.userID = userID
                attendee.status = "invited"
                try await attendee.create(on: db)
            }
            try await audit(record.id!, staff, "meeting.scheduled", "\(record.kind) \(record.startsAt) \(attendees.count) invited",
                            ruleKey: kind!.isRecurring ? "meetings" : nil, db: db)
            // MTG-06: everyone is notified, so nobody misses the meeting for want of a notice.
            try await Notifier(db: db, services: services).notify(Array(attendees), Notifier.Notice(
                kind: "meeting.scheduled", titleKey: "notice.meeting_scheduled", titleArgument: Self.display(record.startsAt, services),
                link: "/meetings/\(record.id!)", subjectType: Self.subjectType, subjectID: record.id!, dedupeKey: "meeting.scheduled.\(record.id!)"))
            return record
        }
    }

    /// The meeting if `staff` may read it: managers every meeting, others those they are invited to or chair.
    func readable(_ id: UUID, by staff: StaffUser) async throws -> MeetingRecord {
        guard let meeting = try await MeetingRecord.find(id, on: db) else { throw DomainError.notFound(subject: "meeting") }
        if staff.has(.meetingsManage) || meeting.chairID == staff.id { return meeting }
        let invited = try await MeetingAttendeeRecord.query(on: db).filter(\.$meetingID == id).filter(\.$userID == staff.id).count()
        guard invited > 0 else { throw DomainError.notFound(subject: "meeting") }
        return meeting
    }

    /// Meetings from `from` on, soonest first; for non-managers only their own.
    func list(from: Date, by staff: StaffUser, limit: Int = 100) async throws -> [MeetingRecord] {
        var query = MeetingRecord.query(on: db).filter(\.$startsAt >= from)
        if !staff.has(.meetingsManage) {
            let mine = try await MeetingAttendeeRecord.query(on: db).filter(\.$userID == staff.id).limit(1_000).all().map(\.meetingID)
            query = query.filter(\.$id ~~ mine)
        }
        return try await query.sort(\.$startsAt).limit(limit).all()
    }

    func attendees(of meetingID: UUID) async throws -> [MeetingAttendeeRecord] {
        try await MeetingAttendeeRecord.query(on: db).filter(\.$meetingID == meetingID).limit(1_000).all()
    }

    func decisions(of meetingID: UUID) async throws -> [MeetingDecisionRecord] {
        try await MeetingDecisionRecord.query(on: db).filter(\.$meetingID == meetingID).sort(\.$createdAt).limit(500).all()
    }

    /// `2026-11-27 16:00` in the organization's calendar, for notices.
    static func display(_ date: Date, _ services: AppServices) -> String {
        let calendar = services.rulebook.calendar
        let day = calendar.localDate(of: date)
        let minutes = Int(date.timeIntervalSince(calendar.startOfDay(day)) / 60)
        return "\(day) " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    func audit(_ id: UUID, _ staff: StaffUser, _ action: String, _ summary: String, ruleKey: String?, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: Self.subjectType,
            subjectID: id, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
