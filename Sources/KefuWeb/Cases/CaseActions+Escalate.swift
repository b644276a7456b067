import FluentKit
import Foundation
import KefuDomain
import KefuStore
import Crypto
import Vapor

/// Escalation one level at a time (ESC-06, chain ESC-13), links between cases, attachments.
extension CaseActions {
    /// Goes one level up the rulebook's chain; in an emergency one level is skipped and the skipped
    /// superior is told afterwards (ESC-06). Above the top → 422 naming `escalation.chain`.
    func escalate(_ id: UUID, reason: String, emergency: Bool, by staff: StaffUser, expectedVersion: Int?) async throws -> CaseRecord {
        let reason = try Self.required(reason, field: "reason", limit: 500)
        let chain = services.rulebook.escalation.chain
        return try await transition(id, by: staff, expectedVersion: expectedVersion, action: "case.escalated", ruleKey: "escalation.chain") {
            serviceCase, record, db in
            guard serviceCase.status.isOpen else { throw DomainError.invalidTransition(from: serviceCase.status.rawValue, to: "escalated") }
            let target = record.escalationLevel + (emergency ? 2 : 1)
            guard target < chain.count else {
                throw DomainError.ruleViolation(rule: "escalation.chain", reason: "rule.escalation.top_reached")
            }
            record.escalationLevel = target
            let notifier = Notifier(db: db, services: services)
            let notice = Notifier.Notice(kind: "case.escalated", titleKey: "notice.case_escalated", titleArgument: record.number,
                                         link: "/cases/\(record.id!)", subjectType: "case", subjectID: record.id!,
                                         dedupeKey: "case:\(record.id!):escalated:\(target)")
            try await notifier.notify(role: chain[target], departmentID: record.departmentID, notice)
            if emergency {
                var informed = notice
                informed.kind = "case.escalation_skipped"
                informed.titleKey = "notice.case_escalation_skipped"
                informed.dedupeKey += ":skipped"
                try await notifier.notify(role: chain[target - 1], departmentID: record.departmentID, informed)
            }
            return "level \(chain[target].rawValue)\(emergency ? " (emergency, skipped \(chain[target - 1].rawValue))" : ""); \(reason.prefix(200))"
        }
    }

    /// Links two readable cases both ways (related or duplicate).
    func link(_ id: UUID, to otherID: UUID, kind: String, by staff: StaffUser) async throws -> CaseRecord {
        guard ["related", "duplicate"].contains(kind) else { throw DomainError.validation(fields: ["kind": "error.field.choice"]) }
        guard id != otherID else { throw DomainError.validation(fields: ["other_case_id": "error.case.link_self"]) }
        return try await db.transaction { db in
            let scope = try await CaseScope.of(staff, db: db)
            let record = try await scope.readable(id, db: db)
            guard CaseAccess.canAct(scope.viewer, record.parties) else { throw DomainError.forbidden(reason: "error.case.not_yours") }
            let other = try await scope.readable(otherID, db: db)
            let repository = CaseRepository(db: db)
            if try await repository.links(caseID: id).contains(where: { $0.otherCaseID == otherID }) {
                throw DomainError.conflict(reason: "error.case.already_linked")
            }
            let now = services.now()
            try await repository.addLink(CaseLinkRecord(caseID: id, otherCaseID: otherID, kind: kind, createdBy: staff.id, createdAt: now))
            try await repository.addLink(CaseLinkRecord(caseID: otherID, otherCaseID: id, kind: kind, createdBy: staff.id, createdAt: now))
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "case.linked", subjectType: "case", subjectID: id,
                summary: "\(kind) \(other.number)", rulebookVersion: services.rulebook.versionShort))
            return record
        }
    }

    /// Stores an attachment in the database (so every node serves it), within the rulebook's size limit.
    func attach(_ id: UUID, filename: String, contentType: String, data: Data, by staff: StaffUser) async throws -> CaseAttachmentRecord {
        let name = filename.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "/", with: "_")
        if name.isEmpty || name.count > 200 { throw DomainError.validation(fields: ["filename": "error.field.filename"]) }
        if data.isEmpty { throw DomainError.validation(fields: ["file": "error.field.required"]) }
        if data.count > services.rulebook.cases.attachmentMaxBytes { throw Failure(status: .payloadTooLarge, code: "payload_too_large", messageKey: "error.payload_too_large") }
        return try await db.transaction { db in
            let scope = try await CaseScope.of(staff, db: db)
            let record = try await scope.readable(id, db: db)
            guard CaseAccess.canAct(scope.viewer, record.parties) else { throw DomainError.forbidden(reason: "error.case.not_yours") }
            let attachment = CaseAttachmentRecord(caseID: id, filename: name, contentType: String(contentType.prefix(100)), size: data.count,
                                                  sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(), createdBy: staff.id, createdAt: services.now())
            try await CaseRepository(db: db).addAttachment(attachment, data: data)
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: staff.id, actorName: staff.username, action: "case.attachment_added", subjectType: "case",
                subjectID: id, summary: "\(data.count) bytes", rulebookVersion: services.rulebook.versionShort))
            return attachment
        }
    }
}
