import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Filing leave (请假, REQUIREMENTS §12): the notice rules (LV-03/04/10/13/14/15), no leave on a swap or
/// return shift (SWP-08), the sick note (LV-09/11/28), then the approval chain by length (LV-07) or, for
/// official business and study, `leave.official_business_approver` (LV-16). A sick note or emergency
/// paperwork still due starts a clock ending with the first day back (LV-12, LV-18/22).
struct LeaveRequests {
    let db: any Database
    let services: AppServices

    static let subjectType = "leave_request"
    static let handInClock = "leave.hand_in"
    static let activeStates = ["pending", "approved"]
    static let maxDays = 180

    var policy: LeavePolicy { LeavePolicy(rules: services.rulebook.leave, calendar: services.rulebook.calendar) }

    func file(_ input: CreateLeaveRequest, by staff: StaffUser) async throws -> LeaveRequestRecord {
        let calendar = services.rulebook.calendar
        var errors = FieldErrors()
        let type = input.type.flatMap(LeaveType.init(rawValue:))
        if type == nil { errors.add("type", input.type == nil ? "error.field.required" : "error.field.invalid_value") }
        let start = LeaveTime.parse(input.startsAt, calendar: calendar), end = LeaveTime.parse(input.endsAt, calendar: calendar)
        if start == nil { errors.add("starts_at", input.startsAt == nil ? "error.field.required" : "error.field.invalid_value") }
        if end == nil { errors.add("ends_at", input.endsAt == nil ? "error.field.required" : "error.field.invalid_value") }
        if let start, let end, end <= start { errors.add("ends_at", "error.leave.ends_before_starts") }
        if let start, let end, end.timeIntervalSince(start) > Double(Self.maxDays) * 86_400 { errors.add("ends_at", "error.leave.too_long") }
        let reason = errors.text(input.reason, "reason", limit: 500)
        let certificate = LeaveCertificate.parse(input.certificate, errors: &errors)
        try errors.check()
        let emergency = input.emergency ?? false
        let userID = input.userID ?? staff.id
        // LV-08: personal leave in person; sick leave, and an emergency phoned in (LV-10), may be filed by someone else.
        if userID != staff.id, type != .sick, !emergency {
            throw Failure(status: .forbidden, code: "forbidden", messageKey: "error.leave.in_person", rule: "LV-08")
        }
        let now = services.now().roundedToMilliseconds
        return try await db.transaction { db in
            guard let person = try await UserRepository(db: db).find(userID), person.active else {
                throw DomainError.validation(fields: ["user_id": "error.field.unknown_user"])
            }
            let facts = try await LeaveFacts(db: db, services: services).gather(userID: userID, type: type!, start: start!, end: end!,
                                                                              special: input.special ?? false, emergency: emergency)
            let noticeRule = try policy.admit(facts, now: now)
            let days = policy.length(from: start!, to: end!)
            let needsCertificate = policy.needsCertificate(type: type!, days: days)
            if needsCertificate, certificate == nil, !emergency {
                throw DomainError.ruleViolation(rule: "leave.sick_certificate_from_days", reason: "error.leave.certificate_required")
            }
            if let certificate { try LeaveCertificate.check(certificate, policy: policy, start: start!, end: end!) }
            let record = LeaveRequestRecord()
            record.id = services.newID()
            record.userID = userID
            record.departmentID = person.departmentID
            record.teamID = person.teamID
            record.type = type!.rawValue
            record.startsAt = start!.roundedToMilliseconds
            record.endsAt = end!.roundedToMilliseconds
            record.days = "\(days)"
            record.reason = reason
            record.special = input.special ?? false
            record.emergency = emergency
            record.noticeRule = noticeRule
            record.filedBy = staff.id
            record.state = "pending"
            record.certificateNeeded = needsCertificate
            record.certificateInstitution = certificate?.institution
            record.certificatePeriods = certificate.map(LeaveCertificate.text)
            record.createdAt = now
            record.version = 1
            try await record.create(on: db)
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: chain(type!, days: days), subjectType: Self.subjectType, subjectID: record.id!, requestedBy: userID,
                requesterName: person.displayName)
            record.approvalID = approval.id
            try await record.save(on: db)
            if needsCertificate || emergency { try await startHandInClock(record, db: db) }
            try await WorkforceAudit(db: db, services: services).record(record.id!, Self.subjectType, staff, "leave.requested",
                                                                       "\(person.username) \(record.type) \(record.days)d", ruleKey: noticeRule)
            return record
        }
    }

    /// LV-07 by length (`leave.approval_by_days`), or LV-16 for official business and study — the same
    /// function the leave form's chain preview calls (`LeaveChainPreview`).
    func chain(_ type: LeaveType, days: Decimal) -> ApprovalChain {
        LeaveApprovalChain.chain(rules: services.rulebook.leave, type: type, days: days)
    }

    /// LV-12 / LV-18: the note or paperwork reaches the 班长 by the end of the first day after the leave.
    func startHandInClock(_ record: LeaveRequestRecord, db: any Database) async throws {
        let calendar = services.rulebook.calendar
        let lastDay = calendar.localDate(of: record.endsAt.addingTimeInterval(-1))
        var clock = DeadlineClock.start(kind: Self.handInClock, subjectType: Self.subjectType, subjectID: record.id!,
                                        duration: DurationSpec(value: 1, unit: .naturalDays), ruleKey: "leave.sick_certificate_from_days",
                                        rulebookVersion: services.rulebook.versionShort, warnAtPercent: services.rulebook.deadlines.warnAtPercent,
                                        calendar: calendar, at: services.now(), id: services.newID())
        clock.dueAt = calendar.startOfDay(QualityPeriod.adding(2, to: lastDay))
        clock.warnAt = calendar.startOfDay(QualityPeriod.adding(1, to: lastDay))
        try await DeadlineClockRepository(db: db).insert(clock)
    }

    /// The requester (or whoever filed it) withdraws a pending request; its approval is withdrawn with it.
    func withdraw(_ id: UUID, by staff: StaffUser) async throws -> LeaveRequestRecord {
        try await db.transaction { db in
            guard let record = try await LeaveRequestRecord.find(id, on: db), record.userID == staff.id || record.filedBy == staff.id else {
                throw DomainError.notFound(subject: "leave_request")
            }
            guard record.state == "pending" else { throw DomainError.invalidTransition(from: record.state, to: "withdrawn") }
            try await VersionGuard.claim(db, table: LeaveRequestRecord.schema, id: id, expected: record.version)
            try await ApprovalEngine.withdrawWithSubject(record.approvalID, db: db, at: services.now())
            record.state = "withdrawn"
            record.version += 1
            try await record.save(on: db)
            try await DeadlineService(db: db, services: services).meet(kind: Self.handInClock, subjectType: Self.subjectType, subjectID: id, actor: staff)
            try await WorkforceAudit(db: db, services: services).record(id, Self.subjectType, staff, "leave.withdrawn", "", ruleKey: nil)
            return record
        }
    }
}
