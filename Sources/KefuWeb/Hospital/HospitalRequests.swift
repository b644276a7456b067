import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Requests between the guide desk and the departments. HOS-09: a question the desk cannot answer is passed
/// to the relevant department (never "不知道"), recorded with the department and sent to its staff.
/// HOS-10: a clinical department's request to the desk is recorded, sent to the desk, and accepted — the
/// desk cooperates unconditionally, so there is no refusal, only acceptance.
struct HospitalRequests {
    let db: any Database
    let services: AppServices

    enum Kind: String, CaseIterable { case referral, clinical }
    enum State: String { case open, accepted }

    struct Input: Sendable { var departmentID: UUID?, content: String?, visitID: UUID?, consultationID: UUID? }

    /// HOS-09: the desk refers a question to a department.
    func refer(_ input: Input, by staff: StaffUser) async throws -> HospitalRequestRecord {
        var f = HospitalFields()
        let content = f.required(input.content, "content", limit: 2_000)
        if input.departmentID == nil { f.errors["department_id"] = "error.field.required" }
        try f.check()
        try HospitalFields.checkPhrases([content], rules: services.rulebook.hospital)
        if let visit = input.visitID, try await HospitalVisitRecord.find(visit, on: db) == nil {
            throw DomainError.validation(fields: ["visit_id": "error.field.unknown"])
        }
        if let consultation = input.consultationID, try await HospitalConsultationRecord.find(consultation, on: db) == nil {
            throw DomainError.validation(fields: ["consultation_id": "error.field.unknown"])
        }
        return try await create(.referral, department: input.departmentID!, content: content, input: input, by: staff) { record, db in
            let people = try await UserRepository(db: db).active(inDepartment: record.departmentID).compactMap(\.id)
            try await Notifier(db: db, services: services).notify(people, notice(record, kind: "hospital.referral", title: "notice.hospital_referral"))
        }
    }

    /// HOS-10: a clinical department (the requester's own) asks the desk for something.
    func request(_ input: Input, by staff: StaffUser) async throws -> HospitalRequestRecord {
        var f = HospitalFields()
        let content = f.required(input.content, "content", limit: 2_000)
        guard let department = input.departmentID ?? staff.departmentID else {
            throw DomainError.validation(fields: ["department_id": "error.field.required"])
        }
        try f.check()
        return try await create(.clinical, department: department, content: content, input: input, by: staff) { record, db in
            try await Notifier(db: db, services: services).notify(role: .frontDesk, departmentID: nil,
                                                                  notice(record, kind: "hospital.clinical_request", title: "notice.hospital_request"))
        }
    }

    /// HOS-10: the desk accepts a clinical request (once; a second acceptance is 409).
    func accept(_ id: UUID, by staff: StaffUser) async throws -> HospitalRequestRecord {
        try await db.transaction { db in
            guard let record = try await HospitalRequestRecord.find(id, on: db), record.kind == Kind.clinical.rawValue else {
                throw DomainError.notFound(subject: "hospital_request")
            }
            let now = services.now().roundedToMilliseconds
            guard try await VersionGuard.setIfNull(db, table: HospitalRequestRecord.schema, column: "accepted_at", id: id, to: now) else {
                throw DomainError.conflict(reason: "error.hospital.already_accepted")
            }
            record.state = State.accepted.rawValue; record.acceptedAt = now
            record.acceptedBy = staff.id; record.acceptedByName = staff.displayName; record.version += 1
            try await record.update(on: db)
            try await Notifier(db: db, services: services).notify([record.requestedBy], notice(record, kind: "hospital.request_accepted",
                                                                                             title: "notice.hospital_request_accepted"))
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "hospital_request.accepted", subjectType: "hospital_request",
                subjectID: id, summary: "accepted", rulebookVersion: services.rulebook.versionShort))
            return record
        }
    }

    /// Newest first, by kind, optionally only the open ones (index kind, state, created_at).
    func list(kind: Kind, openOnly: Bool, limit: Int = 50) async throws -> [HospitalRequestRecord] {
        var query = HospitalRequestRecord.query(on: db).filter(\.$kind == kind.rawValue)
        if openOnly { query = query.filter(\.$state == State.open.rawValue) }
        return try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit).all()
    }

    private func create(_ kind: Kind, department: UUID, content: String, input: Input, by staff: StaffUser,
                        _ notify: @escaping @Sendable (HospitalRequestRecord, any Database) async throws -> Void) async throws -> HospitalRequestRecord {
        guard let departmentRecord = try await OrganizationRepository(db: db).department(department) else {
            throw DomainError.validation(fields: ["department_id": "error.field.unknown"])
        }
        let now = services.now().roundedToMilliseconds
        let record = HospitalRequestRecord()
        record.id = services.newID()
        record.kind = kind.rawValue; record.state = State.open.rawValue
        record.departmentID = department; record.departmentName = departmentRecord.name
        record.content = content; record.visitID = input.visitID; record.consultationID = input.consultationID
        record.requestedBy = staff.id; record.requestedByName = staff.displayName
        record.createdAt = now; record.version = 1
        return try await db.transaction { db in
            try await record.create(on: db)
            try await notify(record, db)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "hospital_request.\(kind.rawValue)", subjectType: "hospital_request",
                subjectID: record.id!, summary: departmentRecord.name, ruleKey: kind == .referral ? "hospital.forbidden_phrases" : nil,
                rulebookVersion: services.rulebook.versionShort))
            return record
        }
    }

    private func notice(_ record: HospitalRequestRecord, kind: String, title: String) -> Notifier.Notice {
        Notifier.Notice(kind: kind, titleKey: title, titleArgument: String(record.content.prefix(40)), link: "/hospital",
                        subjectType: "hospital_request", subjectID: record.id!, dedupeKey: "\(kind):\(record.id!)")
    }
}
