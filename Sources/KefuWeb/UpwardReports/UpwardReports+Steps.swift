import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// ESC-07 after filing: the addressed superior records the instruction in detail; the reporter acknowledges
/// or objects; the superior revises or insists; after an insistence the reporter executes first and only
/// then is the objection forwarded one level above the superior (先执行后反映). Each move is one conditional
/// UPDATE on the status, so a double instruction or a race answers 409.
extension UpwardReports {
    func instruct(_ id: UUID, text: String, insist: Bool, by staff: StaffUser) async throws -> UpwardReportRecord {
        let rules = services.rulebook.upwardReports
        var fields: [String: String] = [:]
        let instruction = UpwardReportText.check(text, "instruction", limit: 4_000, into: &fields)
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        return try await step(id, by: staff, actor: .superior, from: insist ? [.objected] : UpwardReportStatus.awaitingSuperior,
                              to: insist ? .insisted : .instructed, conflict: "error.upward.already_instructed") { record in
            // ESC-07: 详细记载 — an instruction shorter than the rulebook's minimum is not a record.
            guard instruction.count >= rules.instructionMinChars else {
                throw DomainError.ruleViolation(rule: "upward_reports.instruction_min_chars", reason: "error.upward.instruction_too_short")
            }
            record.instruction = instruction
            return (insist ? "insisted" : "instructed", instruction, [record.reporterID])
        }
    }

    func acknowledge(_ id: UUID, by staff: StaffUser) async throws -> UpwardReportRecord {
        try await step(id, by: staff, actor: .reporter, from: [.instructed], to: .acknowledged, conflict: "error.upward.not_instructed") { record in
            ("acknowledged", nil, [record.superiorID])
        }
    }

    func object(_ id: UUID, text: String, by staff: StaffUser) async throws -> UpwardReportRecord {
        var fields: [String: String] = [:]
        let objection = UpwardReportText.check(text, "objection", limit: 4_000, into: &fields)
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        return try await step(id, by: staff, actor: .reporter, from: [.instructed], to: .objected, conflict: "error.upward.not_instructed") { record in
            record.objection = objection
            return ("objected", objection, [record.superiorID])
        }
    }

    /// Executed as instructed closes the report; executed after an insistence forwards the objection.
    func execute(_ id: UUID, text: String, by staff: StaffUser) async throws -> UpwardReportRecord {
        var fields: [String: String] = [:]
        let execution = UpwardReportText.check(text, "execution", limit: 4_000, into: &fields)
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let current = try await UpwardReportAccess(staff: staff, routing: routing).readable(id, db: db)
        let insisted = current.status == UpwardReportStatus.insisted.rawValue
        // ESC-07: the objection goes to the superior's own superior (computed before the transaction: reads only).
        var above: UserRecord?
        if insisted, let superior = try await UserRepository(db: db).find(current.superiorID) {
            above = try await UpwardReportSuperiors(db: db).above(superior, routing: routing)
        }
        let upper = above
        return try await step(id, by: staff, actor: .reporter, from: [insisted ? .insisted : .acknowledged],
                              to: insisted ? .forwarded : .executed, conflict: "error.upward.not_executable") { record in
            record.execution = execution
            guard insisted else { return ("executed", execution, [record.superiorID]) }
            record.forwardedToID = upper?.id; record.forwardedToName = upper?.displayName
            return ("executed", execution, [record.superiorID])
        }
    }

    enum Actor { case reporter, superior }

    /// Reads the report in scope, checks the actor (403), moves the status conditionally (409), lets `change`
    /// fill in the record, then writes the history, the audit and the notices in one transaction.
    private func step(_ id: UUID, by staff: StaffUser, actor: Actor, from: [UpwardReportStatus], to: UpwardReportStatus, conflict: String,
                      change: @escaping @Sendable (UpwardReportRecord) throws -> (kind: String, text: String?, notify: [UUID])) async throws -> UpwardReportRecord {
        let access = UpwardReportAccess(staff: staff, routing: routing)
        return try await db.transaction { db in
            let record = try await access.readable(id, db: db)
            switch actor {
            case .superior: guard record.superiorID == staff.id else { throw DomainError.forbidden(reason: "error.upward.not_addressed") }
            case .reporter: guard record.reporterID == staff.id else { throw DomainError.forbidden(reason: "error.upward.not_reporter") }
            }
            guard from.map(\.rawValue).contains(record.status) else { throw DomainError.conflict(reason: conflict) }
            let outcome = try change(record)
            let now = services.now()
            guard try await UpwardReportRepository(db: db).move(id, from: from.map(\.rawValue), to: to.rawValue, at: now) else {
                throw DomainError.conflict(reason: conflict)
            }
            record.status = to.rawValue; record.version += 1; record.updatedAt = now
            try await record.update(on: db)
            let journal = UpwardReportJournal(db: db, services: services, record: record)
            try await journal.step(outcome.kind, text: outcome.text, by: staff, ruleKey: "upward_reports.instruction_min_chars", at: now,
                                   summary: "ESC-07 \(outcome.kind) → \(to.rawValue)")
            if to == .forwarded {
                // ESC-07: 先执行后按组织原则反映 — the objection goes one level above the superior, audited as such.
                // A millisecond later, so the history lists it after the execution it follows.
                try await journal.step("forwarded", text: record.objection, by: staff, ruleKey: "escalation.chain", at: now.addingTimeInterval(0.001),
                                       summary: "ESC-07 objection forwarded to \(record.forwardedToName ?? "—")")
                if let upper = record.forwardedToID {
                    try await journal.notify([upper], kind: "upward_report.forwarded", titleKey: "notice.upward_report_forwarded")
                }
            }
            try await journal.notify(outcome.notify.filter { $0 != staff.id }, kind: "upward_report.\(outcome.kind)",
                                     titleKey: "notice.upward_report_\(outcome.kind)")
            return record
        }
    }
}
