import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The sick note or the emergency paperwork reaches the 班长 (LV-12, LV-18/22): recorded by the person or
/// their leader, with the certificate if it is new (LV-11 continuity checked), once; the clock is met.
struct LeaveHandIn {
    let db: any Database
    let services: AppServices

    func handIn(_ id: UUID, _ input: LeaveHandInRequest, by staff: StaffUser) async throws -> LeaveRequestRecord {
        var errors = FieldErrors()
        let certificate = LeaveCertificate.parse(input.certificate, errors: &errors)
        try errors.check()
        return try await db.transaction { db in
            guard let record = try await LeaveRequestRecord.find(id, on: db) else { throw DomainError.notFound(subject: "leave_request") }
            let leader = try await TeamLeaders.of([record.userID], db: db)[record.userID] == staff.id || staff.has(.attendanceRollCall)
            guard record.userID == staff.id || leader else { throw DomainError.notFound(subject: "leave_request") }
            guard record.handedInAt == nil, record.state != "withdrawn" else { throw DomainError.invalidTransition(from: record.state, to: "handed_in") }
            if let certificate {
                try LeaveCertificate.check(certificate, policy: LeavePolicy(rules: services.rulebook.leave, calendar: services.rulebook.calendar),
                                           start: record.startsAt, end: record.endsAt)
                record.certificateInstitution = certificate.institution
                record.certificatePeriods = LeaveCertificate.text(certificate)
            } else if record.certificateNeeded, record.certificatePeriods == nil {
                throw DomainError.validation(fields: ["certificate.periods": "error.leave.certificate_required"])
            }
            try await VersionGuard.claim(db, table: LeaveRequestRecord.schema, id: id, expected: record.version)
            record.handedInAt = services.now().roundedToMilliseconds
            record.version += 1
            try await record.save(on: db)
            try await DeadlineService(db: db, services: services).meet(kind: LeaveRequests.handInClock, subjectType: LeaveRequests.subjectType,
                                                                       subjectID: id, actor: staff)
            try await WorkforceAudit(db: db, services: services).record(id, LeaveRequests.subjectType, staff, "leave.handed_in",
                                                                       record.certificateInstitution ?? "", ruleKey: "leave.sick_certificate_from_days")
            return record
        }
    }
}
