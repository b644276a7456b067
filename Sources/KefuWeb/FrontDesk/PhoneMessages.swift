import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Phone messages taken at the front desk (FDP-04..06): the record of FDP-05 passed on at once to the
/// addressee's inbox; the addressee alone confirms reading; an urgent message still unread after
/// `front_desk.urgent_message_escalate_after` goes to the rulebook's role in the addressee's department.
struct PhoneMessages {
    let db: any Database
    let services: AppServices

    struct Input: Sendable {
        var callerName: String, organization: String?, contact: String, content: String, forUserID: UUID?, urgent: Bool
    }

    func take(_ input: Input, by staff: StaffUser) async throws -> PhoneMessageRecord {
        var fields: [String: String] = [:]
        func text(_ value: String, _ field: String, limit: Int) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { fields[field] = "error.field.required" } else if trimmed.count > limit { fields[field] = "error.field.too_long" }
            return trimmed
        }
        let caller = text(input.callerName, "caller_name", limit: 100), contact = text(input.contact, "contact", limit: 100)
        let content = text(input.content, "content", limit: 2_000)
        let organization = input.organization?.trimmingCharacters(in: .whitespacesAndNewlines)
        if (organization?.count ?? 0) > 200 { fields["organization"] = "error.field.too_long" }
        if input.forUserID == nil { fields["for_user_id"] = "error.field.required" }
        guard fields.isEmpty, let forUserID = input.forUserID else { throw DomainError.validation(fields: fields) }
        guard let addressee = try await UserRepository(db: db).find(forUserID), addressee.active else {
            throw DomainError.validation(fields: ["for_user_id": "error.field.unknown"])
        }
        let now = services.now()
        return try await db.transaction { db in
            let record = PhoneMessageRecord()
            record.callerName = caller; record.organization = organization?.isEmpty == false ? organization : nil
            record.contact = contact; record.content = content; record.forUserID = forUserID; record.forName = addressee.displayName
            record.forDepartmentID = addressee.departmentID; record.urgent = input.urgent
            record.takenBy = staff.id; record.takenByName = staff.displayName; record.takenAt = now
            try await record.create(on: db)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "phone_message.taken", subjectType: "phone_message",
                subjectID: record.id!, summary: "for \(addressee.username)\(input.urgent ? " (urgent)" : "")", rulebookVersion: services.rulebook.versionShort))
            try await Notifier(db: db, services: services).notify([forUserID], Notifier.Notice(
                kind: input.urgent ? "phone_message.urgent" : "phone_message", titleKey: input.urgent ? "notice.phone_message_urgent" : "notice.phone_message",
                titleArgument: caller, link: "/messages", subjectType: "phone_message", subjectID: record.id!, dedupeKey: "phone_message:\(record.id!)"))
            return record
        }
    }

    /// The addressee confirms reading (anyone else → 403; twice → 409).
    func markRead(_ id: UUID, by staff: StaffUser) async throws -> PhoneMessageRecord {
        try await db.transaction { db in
            guard let record = try await PhoneMessageRecord.find(id, on: db) else { throw DomainError.notFound(subject: "phone_message") }
            guard record.forUserID == staff.id else { throw DomainError.forbidden(reason: "error.message.not_yours") }
            guard record.readAt == nil else { throw DomainError.conflict(reason: "error.message.already_read") }
            let now = services.now()
            // Only an unread row changes, so two confirmations cannot both pass.
            guard try await VersionGuard.setIfNull(db, table: PhoneMessageRecord.schema, column: "read_at", id: id, to: now) else {
                throw DomainError.conflict(reason: "error.message.already_read")
            }
            record.readAt = now
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "phone_message.read", subjectType: "phone_message",
                subjectID: id, summary: "read", rulebookVersion: services.rulebook.versionShort))
            return record
        }
    }

    /// Newest first: the messages for `userID`, or every message when nil (the desk's view).
    func list(for userID: UUID?, unreadOnly: Bool, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<PhoneMessageRecord> {
        var query = PhoneMessageRecord.query(on: db)
        if let userID { query = query.filter(\.$forUserID == userID) }
        if unreadOnly { query = query.filter(\.$readAt == nil) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$takenAt < date).group(.and) { $0.filter(\.$takenAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$takenAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.takenAt), id: $0.id!).encoded } : nil)
    }

    /// The scheduled job (FDP-06): escalates urgent messages unread past their time, once each.
    @discardableResult
    func escalateDue(now: Date) async throws -> Int {
        let rules = services.rulebook.frontDesk
        let waiting = try await PhoneMessageRecord.query(on: db).filter(\.$urgent == true).filter(\.$readAt == nil).filter(\.$escalatedAt == nil)
            .sort(\.$takenAt).limit(500).all()
        var escalated = 0
        for record in waiting where services.rulebook.calendar.deadline(from: record.takenAt, adding: rules.urgentMessageEscalateAfter) <= now {
            let marked = try await db.transaction { db -> Bool in
                guard try await VersionGuard.setIfNull(db, table: PhoneMessageRecord.schema, column: "escalated_at", id: record.id!, to: now) else { return false }
                try await Notifier(db: db, services: services).notify(role: rules.urgentMessageEscalateTo, departmentID: record.forDepartmentID, Notifier.Notice(
                    kind: "phone_message.unread", titleKey: "notice.phone_message_unread", titleArgument: "\(record.forName) · \(record.callerName)",
                    link: "/messages?scope=all", subjectType: "phone_message", subjectID: record.id!, dedupeKey: "phone_message:\(record.id!):unread"))
                return true
            }
            if marked { escalated += 1 }
        }
        return escalated
    }
}
