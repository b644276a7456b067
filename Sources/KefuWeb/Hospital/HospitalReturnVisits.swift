import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// RTV-14: every patient handed over in the consulting room (with a phone number) gets
/// `hospital.return_visit_count` phone return visits, one every `hospital.return_visit_every`, in the
/// return-visit station's ordinary queue. The visit's follow-up is one proactive case (type `proactive`,
/// channel `visit`) that the return visits hang on. Idempotent: each run claims the visit's version, so a
/// second run (or a second node) finds nothing due.
struct HospitalReturnVisits {
    let db: any Database
    let services: AppServices

    @discardableResult
    func run(now: Date) async throws -> Int {
        let rules = services.rulebook.hospital
        guard rules.enabled, rules.returnVisitCount > 0 else { return 0 }
        let due = try await HospitalVisitRecord.query(on: db).filter(\.$nextReturnVisitAt <= now)
            .filter(\.$state == HospitalVisitState.consultingRoom.rawValue).sort(\.$nextReturnVisitAt).limit(200).all()
        var opened = 0
        for visit in due where try await openNext(visit, now: now) { opened += 1 }
        return opened
    }

    /// One due visit: claims it, opens (or reuses) its case and the next return visit, and moves the schedule on.
    private func openNext(_ visit: HospitalVisitRecord, now: Date) async throws -> Bool {
        let rules = services.rulebook.hospital
        guard let phone = visit.phone, let guideID = visit.roomBy ?? visit.deskBy,
              let guide = try await UserRepository(db: db).find(guideID) else { return false }
        let staff = StaffUser(guide, token: AuthTokenRecord(tokenHash: "job", kind: "job", userID: guideID, csrfToken: nil,
                                                           createdAt: now, expiresAt: now))
        let number = visit.caseID == nil ? try await OpenCase(db: db, services: services).reserveNumber(for: .proactive) : nil
        return try await db.transaction { db in
            do {
                try await VersionGuard.claim(db, table: HospitalVisitRecord.schema, id: visit.id!, expected: visit.version)
            } catch DomainError.staleVersion { return false }
            visit.version += 1
            let record: CaseRecord
            if let caseID = visit.caseID, let existing = try await CaseRecord.find(caseID, on: db) {
                record = existing
            } else {
                let department = rules.department(visit.department ?? "")
                record = try await OpenCase(db: db, services: services).run(OpenCase.Input(
                    type: .proactive, channel: .visit, customerID: nil,
                    newCustomer: .init(name: visit.patientName ?? phone, phone: phone, address: nil, region: nil, isMember: false, tier: nil),
                    subject: "就诊患者回访 · \(department?.nameZh ?? "") · \(visit.patientName ?? "")",
                    description: visit.mainComplaint ?? "", priority: nil, departmentID: nil, assigneeID: nil, callAt: nil,
                    callerRegion: nil, contact: nil, relatedDepartmentID: nil, feedbackResult: nil, appointmentAt: nil), by: staff, number: number)
                visit.caseID = record.id
            }
            let stillOpen = try await ReturnVisitRecord.query(on: db).filter(\.$caseID == record.id!)
                .filter(\.$state == ReturnVisitState.open.rawValue).first() != nil
            if !stillOpen {
                try await ReturnVisits(db: db, services: services).open(for: record, always: true)
                visit.returnVisitsMade += 1
            }
            // A visit still open from last time is not doubled: the schedule moves on all the same.
            visit.nextReturnVisitAt = visit.returnVisitsMade < rules.returnVisitCount
                ? services.rulebook.calendar.deadline(from: now, adding: rules.returnVisitEvery) : nil
            visit.updatedAt = now
            try await visit.update(on: db)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: "hospital_visit.return_visit", subjectType: "hospital_visit",
                subjectID: visit.id!, summary: "return visit \(visit.returnVisitsMade) of \(rules.returnVisitCount)",
                ruleKey: "hospital.return_visit_every", rulebookVersion: services.rulebook.versionShort))
            return !stillOpen
        }
    }
}
