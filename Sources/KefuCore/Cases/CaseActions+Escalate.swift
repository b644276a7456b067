import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Escalation one level at a time (the rule: `CaseEscalation`, ESC-06/ESC-13) and links between cases.
extension CaseActions {
    /// Goes one level up the rulebook's chain; in an emergency one level is skipped and the skipped
    /// superior is told afterwards (ESC-06). Above the top → 422 naming `escalation.chain`.
    package func escalate(_ id: UUID, reason: String, emergency: Bool, by staff: StaffUser, expectedVersion: Int?) async throws -> CaseRecord {
        let reason = try Self.required(reason, field: "reason", limit: 500)
        let chain = services.rulebook.escalation.chain
        return try await transition(id, by: staff, expectedVersion: expectedVersion, action: "case.escalated", ruleKey: "escalation.chain") {
            serviceCase, record, db in
            let step = try CaseEscalation.next(status: serviceCase.status, level: record.escalationLevel, emergency: emergency, chain: chain)
            record.escalationLevel = step.level
            let notifier = Notifier(db: db, services: services)
            let notice = Notifier.Notice(kind: "case.escalated", titleKey: "notice.case_escalated", titleArgument: record.number,
                                         link: "/cases/\(record.id!)", subjectType: "case", subjectID: record.id!,
                                         dedupeKey: "case:\(record.id!):escalated:\(step.level)")
            try await notifier.notify(role: step.role, departmentID: record.departmentID, notice)
            if let skipped = step.skipped {
                var informed = notice
                informed.kind = "case.escalation_skipped"
                informed.titleKey = "notice.case_escalation_skipped"
                informed.dedupeKey += ":skipped"
                try await notifier.notify(role: skipped, departmentID: record.departmentID, informed)
            }
            return "level \(step.role.rawValue)\(step.skipped.map { " (emergency, skipped \($0.rawValue))" } ?? ""); \(reason.prefix(200))"
        }
    }

    /// Links two readable cases both ways (related or duplicate).
    package func link(_ id: UUID, to otherID: UUID, kind: String, by staff: StaffUser) async throws -> CaseRecord {
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
}
