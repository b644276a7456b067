import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// Internal notices (FDN-01..06, KB-13): the issuer (the front desk, a leader, the office) publishes to a
/// list of people resolved once (FDN-02), through the inbox, the group chat or on paper (FDN-03); recipients
/// confirm by the deadline (FDN-05), printed copies are recorded as handed over, and the issuer sees who did
/// and who did not. Every step is audited.
struct Notices {
    let db: any Database
    let services: AppServices

    struct Input: Sendable {
        var title = "", body = "", source: String?, channel = "", shiftStart = false, requiresConfirmation = false, confirmBy: Date?
        var audience = NoticeAudience()
    }

    func publish(_ input: Input, by staff: StaffUser) async throws -> NoticeRecord {
        var fields: [String: String] = [:]
        func text(_ value: String, _ field: String, limit: Int) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { fields[field] = "error.field.required" } else if trimmed.count > limit { fields[field] = "error.field.too_long" }
            return trimmed
        }
        let title = text(input.title, "title", limit: 200), body = text(input.body, "body", limit: 10_000)
        let source = input.source?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if (source?.count ?? 0) > 100 { fields["source"] = "error.field.too_long" }
        let channel = NoticeChannel(rawValue: input.channel)
        if channel == nil { fields["channel"] = "error.field.choice" }
        if input.audience.isEmpty { fields["recipients"] = "error.notice.no_recipients" }
        if input.audience.listedCount > NoticeAudience.maxListed { fields["recipients"] = "error.field.too_long" }
        let now = services.now()
        if input.requiresConfirmation {
            if let confirmBy = input.confirmBy { if confirmBy <= now { fields["confirm_by"] = "error.notice.deadline_past" } }
            else { fields["confirm_by"] = "error.field.required" }
        }
        guard fields.isEmpty, let channel else { throw DomainError.validation(fields: fields) }
        let people = try await NoticeAudienceResolver(db: db).people(input.audience)
        guard !people.isEmpty else { throw DomainError.validation(fields: ["recipients": "error.notice.no_recipients"]) }

        return try await db.transaction { db in
            let notice = NoticeRecord()
            notice.title = title; notice.body = body; notice.source = source; notice.channel = channel.rawValue
            notice.shiftStart = input.shiftStart; notice.requiresConfirmation = input.requiresConfirmation
            notice.confirmBy = input.requiresConfirmation ? input.confirmBy : nil
            notice.issuerID = staff.id; notice.issuerName = staff.displayName; notice.publishedAt = now
            notice.recipientCount = people.count; notice.confirmedCount = 0
            try await notice.create(on: db)
            let rows = people.map { person -> NoticeRecipientRecord in
                let row = NoticeRecipientRecord()
                row.noticeID = notice.id!; row.userID = person.id; row.userName = person.name; row.publishedAt = now
                return row
            }
            for chunk in stride(from: 0, to: rows.count, by: 200) { try await Array(rows[chunk..<min(chunk + 200, rows.count)]).create(on: db) }
            try await audit(db, notice.id!, staff, "notice.published", "\(channel.rawValue), \(people.count) recipients", ruleKey: nil)
            try await Notifier(db: db, services: services).notify(people.map(\.id), .init(
                kind: "notice", titleKey: "notice.notice_received", titleArgument: title, link: "/notices/\(notice.id!)",
                subjectType: "notice", subjectID: notice.id!, dedupeKey: "notice:\(notice.id!)"))
            if channel == .group {
                // FDN-03: general notices go to the group chat too (the WeCom/DingTalk webhooks that want them).
                try await WebhookOutbox(db: db, services: services).enqueue(kind: "notice.group", titleKey: "notice.notice_group",
                    titleArgument: title, link: "/notices/\(notice.id!)", subjectType: "notice", subjectID: notice.id!)
            }
            return notice
        }
    }

    /// FDN-05: a recipient confirms (once). Someone the notice was not sent to → 403.
    func acknowledge(_ id: UUID, by staff: StaffUser) async throws -> (NoticeRecord, NoticeRecipientRecord) {
        try await db.transaction { db in
            let notice = try await find(id, on: db)
            guard let row = try await NoticeRecipientRecord.query(on: db).filter(\.$noticeID == id).filter(\.$userID == staff.id).first() else {
                throw DomainError.forbidden(reason: "error.notice.not_recipient")
            }
            let now = services.now()
            guard row.confirmedAt == nil,
                  try await VersionGuard.setIfNull(db, table: NoticeRecipientRecord.schema, column: "confirmed_at", id: row.id!, to: now) else {
                throw DomainError.conflict(reason: "error.notice.already_confirmed")
            }
            row.confirmedAt = now
            try await bump(db, id)
            notice.confirmedCount += 1
            let late = notice.confirmBy.map { now > $0 } ?? false
            try await audit(db, id, staff, "notice.confirmed", late ? "confirmed after the deadline" : "confirmed",
                            ruleKey: notice.requiresConfirmation ? "notices.remind_before" : nil)
            return (notice, row)
        }
    }

    /// FDN-03/04: a printed notice handed to a recipient in person, recorded by the desk (once per person).
    func recordDelivery(_ id: UUID, to userID: UUID, by staff: StaffUser) async throws -> NoticeRecipientRecord {
        try await db.transaction { db in
            let notice = try await find(id, on: db)
            guard notice.archivedAt == nil else { throw DomainError.conflict(reason: "error.notice.archived") }
            guard let row = try await NoticeRecipientRecord.query(on: db).filter(\.$noticeID == id).filter(\.$userID == userID).first() else {
                throw DomainError.validation(fields: ["user_id": "error.notice.not_a_recipient"])
            }
            let now = services.now()
            guard try await VersionGuard.setIfNull(db, table: NoticeRecipientRecord.schema, column: "delivered_at", id: row.id!, to: now) else {
                throw DomainError.conflict(reason: "error.notice.already_delivered")
            }
            row.deliveredAt = now
            row.deliveredBy = staff.displayName
            try await row.save(on: db)
            try await audit(db, id, staff, "notice.delivered", "to \(row.userName)", ruleKey: nil)
            return row
        }
    }

    /// FDN-06: the issuer or the desk archives a notice; its confirmations stay readable.
    func archive(_ id: UUID, by staff: StaffUser) async throws -> NoticeRecord {
        try await db.transaction { db in
            let notice = try await find(id, on: db)
            guard NoticeAccess.canManage(notice, staff) else { throw DomainError.forbidden(reason: "error.forbidden") }
            let now = services.now()
            guard try await VersionGuard.setIfNull(db, table: NoticeRecord.schema, column: "archived_at", id: id, to: now) else {
                throw DomainError.conflict(reason: "error.notice.archived")
            }
            notice.archivedAt = now
            try await audit(db, id, staff, "notice.archived", "archived", ruleKey: nil)
            return notice
        }
    }

    func find(_ id: UUID, on db: (any Database)? = nil) async throws -> NoticeRecord {
        guard let notice = try await NoticeRecord.find(id, on: db ?? self.db) else { throw DomainError.notFound(subject: "notice") }
        return notice
    }

    private func bump(_ db: any Database, _ id: UUID) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(NoticeRecord.schema).set(SQLIdentifier("confirmed_count"),
            to: SQLBinaryExpression(SQLIdentifier("confirmed_count"), .add, SQLLiteral.numeric("1"))).where("id", .equal, SQLBind(id)).run()
    }

    func audit(_ db: any Database, _ id: UUID, _ staff: StaffUser?, _ action: String, _ summary: String, ruleKey: String?) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: "notice",
            subjectID: id, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}

/// Who may see and manage a notice: the issuer and the front desk manage it (report, deliveries, archive);
/// its recipients read it.
enum NoticeAccess {
    static func canManage(_ notice: NoticeRecord, _ staff: StaffUser) -> Bool {
        notice.issuerID == staff.id || staff.has(.frontDeskWork)
    }
}
