import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The actions on a case (API.md "Cases — Actions"). Each runs in one transaction: access check, the
/// domain's status machine, optimistic locking on `version`, the clocks it meets, the audit trail and
/// the notices it raises.
package struct CaseActions {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    /// Loads the case for an action by `staff`: it must be readable, and the caller a party to it or a
    /// leader whose scope covers it; a stale `expectedVersion` → 409.
    package func load(_ id: UUID, by staff: StaffUser, expectedVersion: Int?, db: any Database) async throws -> (CaseRecord, CaseScope) {
        let scope = try await CaseScope.of(staff, db: db)
        let record = try await scope.readable(id, db: db)
        if let expectedVersion, expectedVersion != record.version { throw DomainError.staleVersion(current: record.version) }
        return (record, scope)
    }

    /// Applies a status-machine step, saves and audits it.
    package func transition(_ id: UUID, by staff: StaffUser, expectedVersion: Int?, action: String, ruleKey: String? = nil,
                    _ body: @escaping @Sendable (inout ServiceCase, CaseRecord, any Database) async throws -> String?) async throws -> CaseRecord {
        try await db.transaction { db in
            let (record, scope) = try await load(id, by: staff, expectedVersion: expectedVersion, db: db)
            guard CaseAccess.canAct(scope.viewer, record.parties) else { throw DomainError.forbidden(reason: "error.case.not_yours") }
            try await apply(record, by: staff, action: action, ruleKey: ruleKey, db: db, body)
            return record
        }
    }

    /// The step on an already loaded and checked record (also used inside other use cases).
    package func apply(_ record: CaseRecord, by staff: StaffUser?, action: String, ruleKey: String? = nil, db: any Database,
               _ body: (inout ServiceCase, CaseRecord, any Database) async throws -> String?) async throws {
        var serviceCase = try record.toDomain()
        let before = serviceCase.status
        let loadedVersion = record.version
        let note = try await body(&serviceCase, record, db)
        record.apply(serviceCase)
        record.updatedAt = services.now()
        try await CaseRepository(db: db).save(record, expectedVersion: loadedVersion)
        try await CaseStats(db: db, services: services).stepped(record, from: before, action: action, at: services.now())
        let change = before == serviceCase.status ? before.rawValue : "\(before.rawValue) → \(serviceCase.status.rawValue)"
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: "case",
            subjectID: record.id!, summary: [change, note].compactMap { $0 }.joined(separator: "; "), ruleKey: ruleKey,
            rulebookVersion: services.rulebook.versionShort))
    }

    // MARK: Assign

    /// Assigns (or reassigns) a loaded case to an active user the caller may give it to; the owner stays.
    package func assign(_ record: CaseRecord, to assigneeID: UUID, by staff: StaffUser, comment: String?) async throws {
        try await db.transaction { db in
            guard let assignee = try await UserRepository(db: db).find(assigneeID) else {
                throw DomainError.validation(fields: ["assignee_id": "error.field.unknown"])
            }
            guard assignee.active else { throw DomainError.validation(fields: ["assignee_id": "error.case.assignee_inactive"]) }
            let scope = try await CaseScope.of(staff, db: db)
            guard CaseAccess.canAssign(scope.viewer, record.parties, to: assigneeID, targetTeam: assignee.teamID,
                                       targetDepartment: assignee.departmentID) else {
                throw DomainError.forbidden(reason: "error.case.assign_outside_scope")
            }
            try await apply(record, by: staff, action: "case.assigned", db: db) { serviceCase, record, _ in
                try serviceCase.assign(to: assigneeID)
                record.teamID = assignee.teamID ?? record.teamID
                record.departmentID = record.departmentID ?? assignee.departmentID
                return "assignee \(assignee.username)" + (comment.map { "; \($0.prefix(200))" } ?? "")
            }
            try await CaseClocks(db: db, services: services).meet("dispatch", record, by: staff)
            if assigneeID != staff.id {
                try await Notifier(db: db, services: services).notify([assigneeID], .init(
                    kind: "case.assigned", titleKey: "notice.case_assigned", titleArgument: record.number, link: "/cases/\(record.id!)",
                    subjectType: "case", subjectID: record.id!, dedupeKey: "case:\(record.id!):assigned:\(record.version)"))
            }
        }
    }

    package func assign(_ id: UUID, to assigneeID: UUID, by staff: StaffUser, expectedVersion: Int?, comment: String?) async throws -> CaseRecord {
        try await db.transaction { db in
            let (record, _) = try await load(id, by: staff, expectedVersion: expectedVersion, db: db)
            try await CaseActions(db: db, services: services).assign(record, to: assigneeID, by: staff, comment: comment)
            return record
        }
    }

    // MARK: Notes

    package static let noteLimit = 5_000

    /// A note: internal (staff only) by default, or customer-facing — which counts as the first response.
    /// Work by the assignee moves an assigned case into progress.
    package func addNote(_ id: UUID, body: String, isInternal: Bool, by staff: StaffUser, expectedVersion: Int?) async throws -> CaseRecord {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw DomainError.validation(fields: ["body": "error.field.required"]) }
        if text.count > Self.noteLimit { throw DomainError.validation(fields: ["body": "error.field.too_long"]) }
        return try await transition(id, by: staff, expectedVersion: expectedVersion, action: isInternal ? "case.note_added" : "case.replied") {
            serviceCase, record, db in
            guard serviceCase.status.isOpen || isInternal else { throw DomainError.invalidTransition(from: serviceCase.status.rawValue, to: "replied") }
            serviceCase.recordWork(by: staff.id)
            let now = services.now()
            try await CaseRepository(db: db).addNote(CaseNoteRecord(caseID: record.id!, authorID: staff.id, authorName: staff.displayName,
                                                                    body: text, isInternal: isInternal, createdAt: now))
            if !isInternal {
                record.firstRespondedAt = record.firstRespondedAt ?? now
                try await CaseClocks(db: db, services: services).meet("first_response", record, by: staff)
            }
            try await CaseText.reindex(record, db: db)
            return isInternal ? "internal note" : "reply to customer"
        }
    }
}
