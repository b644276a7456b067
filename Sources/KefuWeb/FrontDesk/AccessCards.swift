import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Employee access cards and the access equipment (FDA-01/02/07): the desk issues and recovers cards (one
/// card per person and one holder per card, enforced by partial unique indexes), checks a card at the door,
/// and reports equipment faults to the administrative department, which records the repair.
struct AccessCards {
    let db: any Database
    let services: AppServices

    enum State: String { case issued, returned, lost }
    enum ReportKind: String, CaseIterable { case checkOK = "check_ok", cardFailure = "card_failure", systemFailure = "system_failure", other }

    func issue(cardNo raw: String, to userID: UUID?, by staff: StaffUser) async throws -> AccessCardRecord {
        let cardNo = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields: [String: String] = [:]
        if cardNo.isEmpty { fields["card_no"] = "error.field.required" } else if cardNo.count > 40 { fields["card_no"] = "error.field.too_long" }
        if userID == nil { fields["user_id"] = "error.field.required" }
        guard fields.isEmpty, let userID else { throw DomainError.validation(fields: fields) }
        guard let holder = try await UserRepository(db: db).find(userID), holder.active else {
            throw DomainError.validation(fields: ["user_id": "error.field.unknown"])
        }
        if try await current(cardNo: cardNo) != nil { throw DomainError.conflict(reason: "error.access.card_in_use") }
        if try await AccessCardRecord.query(on: db).filter(\.$userID == userID).filter(\.$state == State.issued.rawValue).first() != nil {
            throw DomainError.conflict(reason: "error.access.has_card")
        }
        let record = AccessCardRecord()
        record.cardNo = cardNo; record.userID = userID; record.userName = holder.displayName; record.state = State.issued.rawValue
        record.issuedAt = services.now(); record.issuedBy = staff.displayName; record.version = 1
        do {
            try await db.transaction { db in
                try await record.create(on: db)
                try await audit(db, record.id!, staff, "access_card.issued", "\(cardNo) to \(holder.username)")
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.access.card_in_use")   // issued at the same moment by another desk
        }
        return record
    }

    /// FDA-01: the card comes back (returned) or is reported lost — either way it no longer opens the door.
    func end(_ id: UUID, as state: State, expectedVersion: Int?, by staff: StaffUser) async throws -> AccessCardRecord {
        try await db.transaction { db in
            guard let record = try await AccessCardRecord.find(id, on: db) else { throw DomainError.notFound(subject: "access_card") }
            guard record.state == State.issued.rawValue else { throw DomainError.conflict(reason: "error.access.card_not_issued") }
            try await VersionGuard.claim(db, table: AccessCardRecord.schema, id: id, expected: expectedVersion ?? record.version)
            record.version = (expectedVersion ?? record.version) + 1
            record.state = state.rawValue; record.endedAt = services.now(); record.endedBy = staff.displayName
            try await record.save(on: db)
            try await audit(db, id, staff, "access_card.\(state.rawValue)", record.cardNo)
            return record
        }
    }

    /// FDA-02: the card shown at the door, if it is a valid card (issued, to an active person).
    func current(cardNo: String) async throws -> AccessCardRecord? {
        try await AccessCardRecord.query(on: db).filter(\.$cardNo == cardNo.trimmingCharacters(in: .whitespacesAndNewlines))
            .filter(\.$state == State.issued.rawValue).first()
    }

    /// FDA-07: a periodic check or a fault, told at once to the administrative department (faults only).
    func report(kind raw: String, note raw2: String, by staff: StaffUser) async throws -> AccessEquipmentReportRecord {
        let note = raw2.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let kind = ReportKind(rawValue: raw) else { throw DomainError.validation(fields: ["kind": "error.field.choice"]) }
        if kind != .checkOK, note.isEmpty { throw DomainError.validation(fields: ["note": "error.field.required"]) }
        if note.count > 1_000 { throw DomainError.validation(fields: ["note": "error.field.too_long"]) }
        let record = AccessEquipmentReportRecord()
        record.kind = kind.rawValue; record.note = note; record.reportedBy = staff.id; record.reportedByName = staff.displayName
        record.reportedAt = services.now()
        try await db.transaction { db in
            try await record.create(on: db)
            try await audit(db, record.id!, staff, "access_equipment.\(kind.rawValue)", note, subject: "access_equipment")
            if kind != .checkOK {
                try await Notifier(db: db, services: services).notify(role: .adminOffice, departmentID: nil, .init(
                    kind: "access_equipment.fault", titleKey: "notice.access_fault", titleArgument: note, link: "/access-cards",
                    subjectType: "access_equipment", subjectID: record.id!, dedupeKey: "access_equipment:\(record.id!)"))
            }
        }
        return record
    }

    /// The administrative department records the repair of a fault (once).
    func resolve(_ id: UUID, resolution raw: String, by staff: StaffUser) async throws -> AccessEquipmentReportRecord {
        let resolution = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !resolution.isEmpty else { throw DomainError.validation(fields: ["resolution": "error.field.required"]) }
        return try await db.transaction { db in
            guard let record = try await AccessEquipmentReportRecord.find(id, on: db) else { throw DomainError.notFound(subject: "access_equipment") }
            guard record.kind != ReportKind.checkOK.rawValue,
                  try await VersionGuard.setIfNull(db, table: AccessEquipmentReportRecord.schema, column: "resolved_at", id: id, to: services.now()) else {
                throw DomainError.conflict(reason: "error.access.already_resolved")
            }
            record.resolvedAt = services.now(); record.resolution = String(resolution.prefix(1_000))
            try await record.save(on: db)
            try await audit(db, id, staff, "access_equipment.resolved", resolution, subject: "access_equipment")
            return record
        }
    }

    private func audit(_ db: any Database, _ id: UUID, _ staff: StaffUser, _ action: String, _ summary: String, subject: String = "access_card") async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: subject, subjectID: id,
            summary: summary, rulebookVersion: services.rulebook.versionShort))
    }
}
