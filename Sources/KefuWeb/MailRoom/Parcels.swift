import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The mail and parcel register (FDM). The desk registers what arrives (FDM-02/03/04) and tells the
/// recipient at once, important items flagged; the recipient — or the colleague they named — signs for it
/// (FDM-05); items uncollected past `mail_room.uncollected_after` are listed and cleared (FDM-06).
/// Outgoing mail is registered as sent.
struct Parcels {
    let db: any Database
    let services: AppServices
    static let subject = "parcel"

    enum Direction: String { case incoming, outgoing }
    enum State: String { case waiting, collected, cleared, sent }

    struct Input: Sendable {
        var direction = Direction.incoming, trackingNo: String?, courier: String?
        var senderName: String?, senderOrganization: String?, senderContact: String?, senderUserID: UUID?
        var recipientUserID: UUID?, recipientName: String?, recipientDepartment: String?, recipientContact: String?
        var content: String?, important = false, damaged = false, damageNote: String?, courierContacted = false
    }

    func register(_ input: Input, by staff: StaffUser) async throws -> ParcelRecord {
        var form = FormFields()
        let record = ParcelRecord()
        record.direction = input.direction.rawValue
        record.trackingNo = form.optional(input.trackingNo, "tracking_no", limit: 60)
        record.courier = form.optional(input.courier, "courier", limit: 60)
        record.content = form.required(input.content, "content", limit: 500)
        record.senderOrganization = form.optional(input.senderOrganization, "sender_organization", limit: 200)
        record.senderContact = form.optional(input.senderContact, "sender_contact", limit: 100)
        record.important = input.important
        record.damaged = input.damaged
        record.damageNote = form.optional(input.damageNote, "damage_note", limit: 500)
        record.courierContacted = input.damaged && input.courierContacted
        // FDM-02: damaged packaging is recorded with what was seen.
        if input.damaged, record.damageNote == nil { form.errors["damage_note"] = "error.field.required" }
        let users = UserRepository(db: db)
        switch input.direction {
        case .incoming:
            record.senderName = form.required(input.senderName, "sender_name", limit: 100)
            record.recipientContact = form.optional(input.recipientContact, "recipient_contact", limit: 100)
            if input.recipientUserID == nil { form.errors["recipient_user_id"] = "error.field.required" }
            try form.check()
            guard let id = input.recipientUserID, let recipient = try await users.find(id), recipient.active else {
                throw DomainError.validation(fields: ["recipient_user_id": "error.field.unknown"])
            }
            record.recipientUserID = id; record.recipientName = recipient.displayName; record.recipientDepartmentID = recipient.departmentID
            if let department = recipient.departmentID { record.recipientDepartment = try await DepartmentRecord.find(department, on: db)?.name }
            record.state = State.waiting.rawValue
        case .outgoing:
            record.recipientName = form.required(input.recipientName, "recipient_name", limit: 100)
            record.recipientDepartment = form.optional(input.recipientDepartment, "recipient_department", limit: 200)
            record.recipientContact = form.optional(input.recipientContact, "recipient_contact", limit: 100)
            if input.senderUserID == nil { form.errors["sender_user_id"] = "error.field.required" }
            try form.check()
            guard let id = input.senderUserID, let sender = try await users.find(id), sender.active else {
                throw DomainError.validation(fields: ["sender_user_id": "error.field.unknown"])
            }
            record.senderUserID = id; record.senderName = sender.displayName
            record.state = State.sent.rawValue
        }
        let now = services.now()
        record.registeredBy = staff.id; record.registeredByName = staff.displayName; record.registeredAt = now; record.version = 1
        return try await db.transaction { db in
            try await record.create(on: db)
            try await audit(record.id!, staff, "parcel.registered", "\(record.direction) \(record.recipientName)\(record.important ? " (important)" : "")\(record.damaged ? " (damaged)" : "")", db: db)
            if let recipient = record.recipientUserID {
                // FDM-03: an important item's notice is its own kind, so it stands out and sorts first.
                try await Notifier(db: db, services: services).notify([recipient], .init(
                    kind: record.important ? "parcel.important" : "parcel", titleKey: record.important ? "notice.parcel_important" : "notice.parcel",
                    titleArgument: "\(record.senderName) · \(record.content)", link: "/parcels", subjectType: Self.subject, subjectID: record.id!,
                    dedupeKey: "parcel:\(record.id!)"))
            }
            return record
        }
    }

    /// FDM-05: the recipient names a colleague who may sign for the item.
    func delegate(_ id: UUID, to userID: UUID?, by staff: StaffUser) async throws -> ParcelRecord {
        guard services.rulebook.mailRoom.allowDelegation else {
            throw DomainError.ruleViolation(rule: "mail_room.allow_delegation", reason: "rule.mail_room.no_delegation")
        }
        let record = try await find(id, for: staff)
        guard record.recipientUserID == staff.id else { throw DomainError.forbidden(reason: "error.parcel.not_recipient") }
        guard record.state == State.waiting.rawValue else { throw DomainError.conflict(reason: "error.parcel.not_waiting") }
        guard let userID, userID != staff.id, let colleague = try await UserRepository(db: db).find(userID), colleague.active else {
            throw DomainError.validation(fields: ["user_id": "error.field.unknown"])
        }
        return try await db.transaction { db in
            try await VersionGuard.claim(db, table: ParcelRecord.schema, id: id, expected: record.version)
            record.delegateUserID = userID; record.delegateName = colleague.displayName; record.version += 1
            try await record.save(on: db)
            try await audit(id, staff, "parcel.delegated", "to \(colleague.username)", db: db)
            try await Notifier(db: db, services: services).notify([userID], .init(
                kind: "parcel.delegated", titleKey: "notice.parcel_delegated", titleArgument: "\(staff.displayName) · \(record.content)",
                link: "/parcels", subjectType: Self.subject, subjectID: id, dedupeKey: "parcel:\(id):delegate:\(userID)"))
            return record
        }
    }

    /// FDM-05: the desk hands the item over; the collector must be the recipient or their named colleague,
    /// and signs (name and time; an on-screen signature when drawn). Anyone else is refused (403).
    func pickup(_ id: UUID, collectorID: UUID?, signature: String?, by staff: StaffUser) async throws -> ParcelRecord {
        var form = FormFields()
        let drawn = form.signature(signature, "signature")
        if collectorID == nil { form.errors["collected_by"] = "error.field.required" }
        try form.check()
        let record = try await find(id, for: staff)
        guard record.direction == Direction.incoming.rawValue, record.state == State.waiting.rawValue else {
            throw DomainError.conflict(reason: "error.parcel.not_waiting")
        }
        guard let collectorID, collectorID == record.recipientUserID || collectorID == record.delegateUserID else {
            throw DomainError.forbidden(reason: "error.parcel.not_recipient")
        }
        guard let collector = try await UserRepository(db: db).find(collectorID) else { throw DomainError.validation(fields: ["collected_by": "error.field.unknown"]) }
        let now = services.now()
        return try await db.transaction { db in
            // Only a waiting item changes, so a double click (or two desks) hands it over once.
            guard try await VersionGuard.transition(db, table: ParcelRecord.schema, id: id, from: State.waiting.rawValue, to: State.collected.rawValue) else {
                throw DomainError.conflict(reason: "error.parcel.not_waiting")
            }
            record.state = State.collected.rawValue; record.version += 1
            record.collectedBy = collectorID; record.collectedByName = collector.displayName; record.collectedAt = now
            record.signature = drawn; record.handedOverByName = staff.displayName
            try await record.save(on: db)
            try await audit(id, staff, "parcel.collected", "by \(collector.username)\(collectorID == record.recipientUserID ? "" : " (delegate)")", db: db)
            return record
        }
    }

    /// FDM-06: an item uncollected past the rulebook period is cleared with a note of how it was dealt with;
    /// earlier → 422.
    func clear(_ id: UUID, note: String?, by staff: StaffUser) async throws -> ParcelRecord {
        var form = FormFields()
        let note = form.required(note, "note", limit: 500)
        try form.check()
        let record = try await find(id, for: staff)
        guard record.state == State.waiting.rawValue else { throw DomainError.conflict(reason: "error.parcel.not_waiting") }
        guard isOverdue(record, now: services.now()) else {
            throw DomainError.ruleViolation(rule: "mail_room.uncollected_after", reason: "rule.mail_room.not_overdue")
        }
        return try await db.transaction { db in
            guard try await VersionGuard.transition(db, table: ParcelRecord.schema, id: id, from: State.waiting.rawValue, to: State.cleared.rawValue) else {
                throw DomainError.conflict(reason: "error.parcel.not_waiting")
            }
            record.state = State.cleared.rawValue; record.version += 1; record.clearedAt = services.now(); record.clearanceNote = note
            try await record.save(on: db)
            try await audit(id, staff, "parcel.cleared", note, ruleKey: "mail_room.uncollected_after", db: db)
            return record
        }
    }

    func isOverdue(_ record: ParcelRecord, now: Date) -> Bool {
        record.state == State.waiting.rawValue
            && services.rulebook.calendar.deadline(from: record.registeredAt, adding: services.rulebook.mailRoom.uncollectedAfter) <= now
    }

    /// The desk reads any item; staff read the items they receive, collect for, or sent.
    func find(_ id: UUID, for staff: StaffUser) async throws -> ParcelRecord {
        guard let record = try await ParcelRecord.find(id, on: db) else { throw DomainError.notFound(subject: Self.subject) }
        let involved = [record.recipientUserID, record.delegateUserID, record.senderUserID].contains(staff.id)
        guard staff.has(.frontDeskWork) || involved else { throw DomainError.notFound(subject: Self.subject) }
        return record
    }

    func audit(_ id: UUID, _ staff: StaffUser, _ action: String, _ summary: String, ruleKey: String? = nil, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: Self.subject,
            subjectID: id, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
