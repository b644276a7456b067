import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The guidance flow (HOS-03): the gate guide opens a visit (HOS-05), the guide desk records the medical
/// record, main complaint, media source and triage (HOS-06), the patient registers and pays (HOS-07) and is
/// handed to the 主任 or 医助 in the consulting room (HOS-08). `HospitalFlow` decides which step may come
/// next; each step keeps its time and person; the version guard lets only one of two concurrent clicks pass.
struct HospitalVisits {
    let db: any Database
    let services: AppServices

    var rules: HospitalRules { services.rulebook.hospital }

    struct GateInput: Sendable { var appointment: Bool?, firstVisit: Bool?, patientName: String?, consultationID: UUID? }

    /// HOS-05: the gate guide asks "有预约过吗" and "第一次来吗" and hands over at once.
    func gate(_ input: GateInput, by staff: StaffUser) async throws -> HospitalVisitRecord {
        var f = HospitalFields()
        if input.appointment == nil { f.errors["appointment"] = "error.field.required" }
        if input.firstVisit == nil { f.errors["first_visit"] = "error.field.required" }
        let name = f.optional(input.patientName, "patient_name", limit: 100)
        try f.check()
        let now = services.now().roundedToMilliseconds
        let visit = HospitalVisitRecord()
        visit.id = services.newID()
        visit.state = HospitalVisitState.gate.rawValue
        visit.patientName = name
        visit.appointment = input.appointment!; visit.firstVisit = input.firstVisit!
        visit.medicalRecord = false; visit.paid = false; visit.expertsIntroduced = false
        visit.gateAt = now; visit.gateBy = staff.id; visit.gateByName = staff.displayName
        visit.returnVisitsMade = 0
        visit.createdAt = now; visit.updatedAt = now; visit.version = 1
        return try await db.transaction { db in
            try await visit.create(on: db)
            if let consultation = input.consultationID { try await linkArrival(visit, consultation: consultation, at: now, db: db) }
            try await audit(visit, staff, "hospital_visit.gate", "appointment \(visit.appointment), first visit \(visit.firstVisit)", db: db)
            return visit
        }
    }

    struct DeskInput: Sendable {
        var patientName: String?, phone: String?, medicalRecord: Bool?, mainComplaint: String?, mediaSource: String?
        var department: String?, expert: String?, consultationID: UUID?, version: Int?
    }

    /// HOS-06: the record is filled, the main complaint and (after the name) the media source are asked and
    /// recorded, and the patient is triaged to a department and expert of the rulebook.
    func desk(_ id: UUID, _ input: DeskInput, by staff: StaffUser) async throws -> HospitalVisitRecord {
        var f = HospitalFields()
        let name = f.required(input.patientName, "patient_name", limit: 100)
        let typed = f.optional(input.phone, "phone", limit: 32)
        let phone = typed.flatMap { PhoneNumber($0)?.digits }
        if typed != nil, phone == nil { f.errors["phone"] = "error.field.phone" }
        if input.medicalRecord != true { f.errors["medical_record"] = "error.field.required" }
        let complaint = f.required(input.mainComplaint, "main_complaint", limit: 500)
        let source = f.required(input.mediaSource, "media_source", limit: 64)
        if !source.isEmpty, rules.mediaSource(source) == nil { f.errors["media_source"] = "error.field.unknown" }
        let code = f.required(input.department, "department", limit: 64)
        let department = rules.department(code)
        if !code.isEmpty, department == nil { f.errors["department"] = "error.field.unknown" }
        let expert = f.optional(input.expert, "expert", limit: 100)
        if let expert, let department, !department.experts.contains(expert) { f.errors["expert"] = "error.field.unknown" }
        try f.check()
        return try await step(id, .desk, version: input.version, by: staff, summary: "\(code) \(expert ?? "")") { visit, now, db in
            // A phone left empty keeps the one the consultation brought (RTV-14 calls it later).
            visit.patientName = name; visit.phone = phone ?? visit.phone; visit.medicalRecord = true; visit.mainComplaint = complaint
            visit.mediaSource = source; visit.department = code; visit.expert = expert
            visit.deskAt = now; visit.deskBy = staff.id; visit.deskByName = staff.displayName
            if let consultation = input.consultationID, visit.consultationID == nil {
                try await linkArrival(visit, consultation: consultation, at: now, db: db)
            }
        }
    }

    /// HOS-07: registration (挂号) and payment are done; the guide introduced the experts on the way.
    func registration(_ id: UUID, paid: Bool?, expertsIntroduced: Bool?, version: Int?, by staff: StaffUser) async throws -> HospitalVisitRecord {
        var f = HospitalFields()
        if paid != true { f.errors["paid"] = "error.field.required" }
        try f.check()
        return try await step(id, .registration, version: version, by: staff, summary: "registered and paid") { visit, now, _ in
            visit.paid = true; visit.expertsIntroduced = expertsIntroduced ?? false
            visit.registrationAt = now; visit.registrationBy = staff.id; visit.registrationByName = staff.displayName
        }
    }

    /// HOS-08: escorted into the consulting room and handed to the 主任 or 医助 by name; the guide is back at
    /// the post, and the patient's periodic return visits are scheduled (RTV-14).
    func consultingRoom(_ id: UUID, handedTo: String?, handedToName: String?, version: Int?, by staff: StaffUser) async throws -> HospitalVisitRecord {
        var f = HospitalFields()
        let role = f.required(handedTo, "handed_to", limit: 16)
        if !role.isEmpty, HospitalHandOver(rawValue: role) == nil { f.errors["handed_to"] = "error.field.unknown" }
        let name = f.required(handedToName, "handed_to_name", limit: 100)
        try f.check()
        return try await step(id, .consultingRoom, version: version, by: staff, summary: "handed to \(role) \(name)") { visit, now, _ in
            visit.handedTo = role; visit.handedToName = name
            visit.roomAt = now; visit.roomBy = staff.id; visit.roomByName = staff.displayName
            if rules.returnVisitCount > 0, visit.phone != nil {
                visit.nextReturnVisitAt = services.rulebook.calendar.deadline(from: now, adding: rules.returnVisitEvery)
            }
        }
    }

    /// The patient leaves before the end of the flow (the guide records why and returns to the post).
    func leave(_ id: UUID, reason: String?, version: Int?, by staff: StaffUser) async throws -> HospitalVisitRecord {
        var f = HospitalFields()
        let text = f.required(reason, "reason", limit: 500)
        try f.check()
        return try await db.transaction { db in
            let visit = try await load(id, db: db)
            let state = HospitalVisitState(rawValue: visit.state) ?? .left
            visit.state = try rules.flow.leave(state).rawValue
            let now = services.now().roundedToMilliseconds
            visit.leftReason = text; visit.leftAt = now; visit.leftBy = staff.id; visit.leftByName = staff.displayName
            try await save(visit, expected: version, now: now, db: db)
            try await audit(visit, staff, "hospital_visit.left", text, db: db)
            return visit
        }
    }

    private func step(_ id: UUID, _ step: HospitalStep, version: Int?, by staff: StaffUser, summary: String,
                      _ apply: @escaping @Sendable (HospitalVisitRecord, Date, any Database) async throws -> Void) async throws -> HospitalVisitRecord {
        try await db.transaction { db in
            let visit = try await load(id, db: db)
            let state = HospitalVisitState(rawValue: visit.state) ?? .left
            visit.state = try rules.flow.advance(state, doing: step).rawValue
            let now = services.now().roundedToMilliseconds
            try await apply(visit, now, db)
            try await save(visit, expected: version, now: now, db: db)
            try await audit(visit, staff, "hospital_visit.\(step.rawValue)", summary, db: db)
            return visit
        }
    }

    private func load(_ id: UUID, db: any Database) async throws -> HospitalVisitRecord {
        guard let visit = try await HospitalVisitRecord.find(id, on: db) else { throw DomainError.notFound(subject: "hospital_visit") }
        return visit
    }

    /// Claims the row's version first, so that of two guides pressing the same button one gets 409.
    private func save(_ visit: HospitalVisitRecord, expected: Int?, now: Date, db: any Database) async throws {
        if let expected, expected != visit.version { throw DomainError.staleVersion(current: visit.version) }
        try await VersionGuard.claim(db, table: HospitalVisitRecord.schema, id: visit.id!, expected: visit.version)
        visit.version += 1
        visit.updatedAt = now
        try await visit.update(on: db)
    }

    /// RPT-08: the consultation's caller arrived; a consultation arrives once (unique index, set-if-null).
    private func linkArrival(_ visit: HospitalVisitRecord, consultation id: UUID, at now: Date, db: any Database) async throws {
        guard let consultation = try await HospitalConsultationRecord.find(id, on: db) else {
            throw DomainError.validation(fields: ["consultation_id": "error.field.unknown"])
        }
        guard try await VersionGuard.setIfNull(db, table: HospitalConsultationRecord.schema, column: "arrived_at", id: id, to: now) else {
            throw DomainError.conflict(reason: "error.hospital.already_arrived")
        }
        consultation.arrivedVisitID = visit.id
        consultation.arrivedAt = now
        try await consultation.update(on: db)
        visit.consultationID = id
        if visit.phone == nil { visit.phone = consultation.phone }
        try await visit.update(on: db)
    }

    private func audit(_ visit: HospitalVisitRecord, _ staff: StaffUser, _ action: String, _ summary: String, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "hospital_visit",
            subjectID: visit.id!, summary: summary, ruleKey: HospitalFlow.ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
