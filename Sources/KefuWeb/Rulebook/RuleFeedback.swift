import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// GOV-04/05: staff raise a suggestion or an objection on a rule through the normal channel (按正常的渠道): it is
/// filed against the rule's key, goes to the owner of the rule's section (`governance.feedback_owners`), is
/// answered once, and the author sees the answer. Everything is audited.
struct RuleFeedback {
    let db: any Database
    let services: AppServices

    enum Kind: String, CaseIterable { case suggestion, objection }

    struct Input: Sendable { var ruleKey = "", kind = "", body = "" }

    func file(_ input: Input, by staff: StaffUser) async throws -> RuleFeedbackRecord {
        let rulebook = services.rulebook
        let key = input.ruleKey.trimmingCharacters(in: .whitespacesAndNewlines)
        let body = input.body.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields: [String: String] = [:]
        if key.isEmpty { fields["rule_key"] = "error.field.required" }
        else if !Self.isKnown(key, in: rulebook) { fields["rule_key"] = "error.feedback.unknown_rule" }
        if Kind(rawValue: input.kind) == nil { fields["kind"] = "error.field.choice" }
        if body.isEmpty { fields["body"] = "error.field.required" } else if body.count > 4_000 { fields["body"] = "error.field.too_long" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let owner = rulebook.governance.owner(of: key)
        return try await db.transaction { db in
            let record = RuleFeedbackRecord()
            record.ruleKey = key; record.kind = input.kind; record.body = body
            record.authorID = staff.id; record.authorName = staff.displayName; record.ownerRole = owner.rawValue
            record.rulebookVersion = rulebook.versionShort; record.createdAt = services.now()
            try await record.create(on: db)
            try await audit(db, record, staff, "rule_feedback.filed", "\(input.kind) on \(key) to \(owner.rawValue)")
            try await Notifier(db: db, services: services).notify(role: owner, departmentID: nil, .init(
                kind: "rule_feedback", titleKey: "gov.feedback_received", titleArgument: ruleArgument(key).text,
                link: "/rule-feedback/\(record.id!)", subjectType: "rule_feedback", subjectID: record.id!, dedupeKey: "rule_feedback:\(record.id!)",
                titleWordKey: ruleArgument(key).wordKey))
            return record
        }
    }

    /// How a notification names the rule (issue 21 §4): by its title in the reader's language when it has one
    /// (stored as a word key), else by its key.
    func ruleArgument(_ key: String) -> (text: String, wordKey: String?) {
        services.localization.has("rulebook.rule.\(key)", .zhHans) ? ("", "rulebook.rule.\(key)") : (key, nil)
    }

    /// The owner's answer, once; someone who does not hold the owner role → 403.
    func answer(_ id: UUID, text: String, by staff: StaffUser) async throws -> RuleFeedbackRecord {
        let answer = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if answer.isEmpty { throw DomainError.validation(fields: ["answer": "error.field.required"]) }
        if answer.count > 4_000 { throw DomainError.validation(fields: ["answer": "error.field.too_long"]) }
        return try await db.transaction { db in
            let record = try await find(id, for: staff, on: db)
            guard Self.isOwner(staff, of: record) else { throw DomainError.forbidden(reason: "error.feedback.not_owner") }
            let now = services.now()
            guard try await VersionGuard.setIfNull(db, table: RuleFeedbackRecord.schema, column: "answered_at", id: id, to: now) else {
                throw DomainError.conflict(reason: "error.feedback.already_answered")
            }
            record.answer = answer; record.answeredByName = staff.displayName; record.answeredAt = now
            try await record.save(on: db)
            try await audit(db, record, staff, "rule_feedback.answered", "answered on \(record.ruleKey)")
            try await Notifier(db: db, services: services).notify([record.authorID], .init(
                kind: "rule_feedback", titleKey: "gov.feedback_answered", titleArgument: ruleArgument(record.ruleKey).text,
                link: "/rule-feedback/\(id)", subjectType: "rule_feedback", subjectID: id, dedupeKey: "rule_feedback_answer:\(id)",
                titleWordKey: ruleArgument(record.ruleKey).wordKey))
            return record
        }
    }

    /// The author, the owner role's holders and administrators see a feedback; for anyone else it does not exist.
    func find(_ id: UUID, for staff: StaffUser, on db: (any Database)? = nil) async throws -> RuleFeedbackRecord {
        guard let record = try await RuleFeedbackRecord.find(id, on: db ?? self.db),
              record.authorID == staff.id || Self.isOwner(staff, of: record) else { throw DomainError.notFound(subject: "rule_feedback") }
        return record
    }

    static func isOwner(_ staff: StaffUser, of record: RuleFeedbackRecord) -> Bool {
        staff.roles.contains(.admin) || staff.roles.contains { $0.rawValue == record.ownerRole }
    }

    /// A key of the rulebook, a section, or an item of a catalogue (`fines.catalogue.late_or_early`).
    static func isKnown(_ key: String, in rulebook: Rulebook) -> Bool {
        rulebook.entries.contains { $0.key == key || $0.key.hasPrefix(key + ".") }
    }

    func page(for staff: StaffUser, addressedToMe: Bool, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<RuleFeedbackRecord> {
        var query = RuleFeedbackRecord.query(on: db)
        if addressedToMe {
            if !staff.roles.contains(.admin) { query = query.filter(\.$ownerRole ~~ staff.roles.map(\.rawValue)) }
        } else {
            query = query.filter(\.$authorID == staff.id)
        }
        return try await query.keysetPage(by: \.$createdAt, after: cursor, limit: limit)
    }

    private func audit(_ db: any Database, _ record: RuleFeedbackRecord, _ staff: StaffUser, _ action: String, _ summary: String) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "rule_feedback",
            subjectID: record.id!, summary: summary, ruleKey: "governance.feedback_owners", rulebookVersion: services.rulebook.versionShort))
    }
}
