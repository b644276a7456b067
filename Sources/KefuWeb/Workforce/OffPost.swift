import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Leaving the post (离岗, SHF-09/10, ATT-03/04): the agent asks, the leader on duty (a rulebook
/// `attendance.off_post_approvers` role) approves or refuses, the agent reports back. The minutes away are
/// logged when over `fines.off_post_consent_after_minutes`; without approval that is half a day of
/// absenteeism, and `fines.violation_after_minutes` or more a violation.
struct OffPost {
    let db: any Database
    let services: AppServices

    static let subjectType = "off_post"
    enum Decision: String { case approve, reject }

    func request(_ input: OffPostRequest, by staff: StaffUser) async throws -> OffPostRecord {
        var errors = FieldErrors()
        let reason = errors.text(input.reason, "reason", limit: 500)
        try errors.check()
        let now = services.now().roundedToMilliseconds
        return try await db.transaction { db in
            let pending = try await OffPostRecord.query(on: db).filter(\.$userID == staff.id).filter(\.$state ~~ ["pending", "approved"]).first()
            if pending != nil { throw DomainError.conflict(reason: "error.off_post.already_away") }
            let record = OffPostRecord()
            record.id = services.newID()
            record.userID = staff.id
            record.rosterEntryID = try await RosterRepository(db: db).covering(now, userID: staff.id).first?.id
            record.reason = reason
            record.state = "pending"
            record.requestedAt = now
            record.overConsent = false
            record.halfDayAbsence = false
            record.violation = false
            record.version = 1
            try await record.create(on: db)
            try await WorkforceAudit(db: db, services: services).record(record.id!, Self.subjectType, staff, "off_post.requested", "", ruleKey: nil)
            return record
        }
    }

    func decide(_ id: UUID, _ decision: Decision, by staff: StaffUser) async throws -> OffPostRecord {
        let approvers = services.rulebook.attendance.offPostApprovers
        guard !staff.roles.isDisjoint(with: approvers) else {
            throw Failure(status: .forbidden, code: "forbidden", messageKey: "error.off_post.not_approver", rule: "attendance.off_post_approvers")
        }
        return try await db.transaction { db in
            guard let record = try await OffPostRecord.find(id, on: db) else { throw DomainError.notFound(subject: "off_post") }
            guard record.state == "pending" else { throw DomainError.invalidTransition(from: record.state, to: decision.rawValue) }
            if record.userID == staff.id { throw Failure(status: .forbidden, code: "forbidden", messageKey: "error.off_post.own", rule: "attendance.off_post_approvers") }
            record.state = decision == .approve ? "approved" : "rejected"
            record.decidedBy = staff.id
            record.decidedAt = services.now().roundedToMilliseconds
            record.version += 1
            try await record.save(on: db)
            try await WorkforceAudit(db: db, services: services).record(id, Self.subjectType, staff, "off_post.\(record.state)", "",
                                                                       ruleKey: "attendance.off_post_approvers")
            return record
        }
    }

    /// Back at the post: the minutes away from the request (or from the approval) are judged.
    func returned(_ id: UUID, by staff: StaffUser) async throws -> OffPostRecord {
        let fines = services.rulebook.fines
        return try await db.transaction { db in
            guard let record = try await OffPostRecord.find(id, on: db), record.userID == staff.id else { throw DomainError.notFound(subject: "off_post") }
            guard record.state == "pending" || record.state == "approved" else { throw DomainError.invalidTransition(from: record.state, to: "returned") }
            let now = services.now().roundedToMilliseconds
            let verdict = OffPostVerdict.judge(left: record.decidedAt ?? record.requestedAt, returned: now, approved: record.state == "approved",
                                               consentAfterMinutes: fines.offPostConsentAfterMinutes, violationAfterMinutes: fines.violationAfterMinutes)
            record.state = "returned"
            record.returnedAt = now
            record.minutes = verdict.minutes
            record.overConsent = verdict.overConsentLimit
            record.halfDayAbsence = verdict.halfDayAbsence
            record.violation = verdict.isViolation
            record.version += 1
            try await record.save(on: db)
            try await WorkforceAudit(db: db, services: services).record(id, Self.subjectType, staff, "off_post.returned", "\(verdict.minutes) min",
                                                                       ruleKey: verdict.overConsentLimit ? "fines.off_post_consent_after_minutes" : nil)
            return record
        }
    }
}
