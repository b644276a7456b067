import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Handovers (交接日志, SHF-04/05/06): the outgoing person writes the log — equipment, difficult problems,
/// staff changes (filled in from the roster), superiors' instructions — and the open cases and pending
/// return visits are carried over. Only the incoming person acknowledges; the outgoing person closes the
/// shift after that, or a leader (`attendance.handover_override_by`) closes it first with a reason.
struct Handovers {
    let db: any Database
    let services: AppServices

    static let subjectType = "handover"
    static let textLimit = 4_000
    /// The rule a refusal names when someone else tries the incoming person's acknowledgement.
    static let incomingOnlyRule = "SHF-04"

    func create(_ input: CreateHandoverRequest, by staff: StaffUser) async throws -> HandoverRecord {
        var errors = FieldErrors()
        let templateID = errors.require(input.shiftTemplateID, "shift_template_id")
        let incomingID = errors.require(input.incomingUserID, "incoming_user_id")
        let date = input.shiftDate.flatMap(LocalDate.init)
        if date == nil { errors.add("shift_date", input.shiftDate == nil ? "error.field.required" : "error.field.invalid_value") }
        if incomingID == staff.id { errors.add("incoming_user_id", "error.handover.self") }
        let notes = input.notes ?? .init()
        let equipment = errors.optional(notes.equipment, "notes.equipment", limit: Self.textLimit)
        let problems = errors.optional(notes.difficultProblems, "notes.difficult_problems", limit: Self.textLimit)
        let changes = errors.optional(notes.staffChanges, "notes.staff_changes", limit: Self.textLimit)
        let instructions = errors.optional(notes.superiorsInstructions, "notes.superiors_instructions", limit: Self.textLimit)
        let other = errors.optional(notes.other, "notes.other", limit: Self.textLimit)
        try errors.check()
        let givenCases = input.openCaseIDs
        return try await db.transaction { db in
            let (incoming, template) = try await Rosters.check(userID: incomingID!, templateID: templateID!, db: db)
            let carried = HandoverCarryOver(db: db, services: services)
            let record = HandoverRecord()
            record.id = services.newID()
            record.shiftDate = date!.description
            record.shiftTemplateID = template.id!
            record.outgoingUserID = staff.id
            record.incomingUserID = incoming.id!
            record.equipment = equipment
            record.difficultProblems = problems
            let automatic = try await carried.staffChanges(on: date!)
            record.staffChanges = [changes, automatic].compactMap { $0 }.joined(separator: "\n").nilIfBlank
            record.superiorsInstructions = instructions
            record.otherNotes = other
            var cases = givenCases ?? []
            if givenCases == nil { cases = try await carried.openCases(of: staff.id) }
            record.openCaseIDs = cases.map(\.uuidString).joined(separator: ",")
            record.returnVisitIDs = try await carried.pendingReturnVisits(caseIDs: cases).map(\.uuidString).joined(separator: ",")
            record.state = "open"
            record.createdAt = services.now().roundedToMilliseconds
            record.version = 1
            try await record.create(on: db)
            try await audit(record.id!, staff, "handover.created", "→ \(incoming.username)", ruleKey: nil, db: db)
            try await Notifier(db: db, services: services).notify([incoming.id!], Notifier.Notice(
                kind: "handover.created", titleKey: "notice.handover_incoming", titleArgument: staff.displayName, link: "/handovers/\(record.id!)",
                subjectType: Self.subjectType, subjectID: record.id!, dedupeKey: "handover:\(record.id!)"))
            return record
        }
    }

    enum Action: String, CaseIterable { case acknowledge, close }

    func perform(_ action: Action, on id: UUID, _ input: HandoverActionRequest, by staff: StaffUser) async throws -> HandoverRecord {
        let expectedVersion = input.version, overrideReason = input.overrideReason
        return try await db.transaction { db in
            guard let record = try await HandoverRecord.find(id, on: db) else { throw DomainError.notFound(subject: "handover") }
            if let expected = expectedVersion, expected != record.version { throw DomainError.staleVersion(current: record.version) }
            let now = services.now().roundedToMilliseconds
            switch action {
            case .acknowledge:
                guard staff.id == record.incomingUserID else {
                    throw Failure(status: .forbidden, code: "forbidden", messageKey: "error.handover.incoming_only", rule: Self.incomingOnlyRule)
                }
                guard record.state == "open" else { throw DomainError.invalidTransition(from: record.state, to: "acknowledged") }
                record.state = "acknowledged"
                record.acknowledgedAt = now
            case .close:
                guard record.state != "closed" else { throw DomainError.invalidTransition(from: record.state, to: "closed") }
                let leader = !staff.roles.isDisjoint(with: services.rulebook.attendance.handoverOverrideBy)
                guard staff.id == record.outgoingUserID || leader else { throw DomainError.forbidden(reason: "error.handover.not_yours") }
                if record.state == "open" {
                    guard leader else {
                        throw DomainError.ruleViolation(rule: "attendance.handover_override_by", reason: "error.handover.not_acknowledged")
                    }
                    guard let reason = overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                        throw DomainError.validation(fields: ["override_reason": "error.field.required"])
                    }
                    record.overrideBy = staff.id
                    record.overrideReason = String(reason.prefix(500))
                }
                record.state = "closed"
                record.closedAt = now
            }
            record.version += 1
            try await record.save(on: db)
            try await audit(id, staff, "handover.\(record.state)", record.overrideReason ?? "",
                            ruleKey: record.overrideBy == nil ? nil : "attendance.handover_override_by", db: db)
            return record
        }
    }

    func audit(_ id: UUID, _ staff: StaffUser, _ action: String, _ summary: String, ruleKey: String?, db: any Database) async throws {
        try await WorkforceAudit(db: db, services: services).record(id, Self.subjectType, staff, action, summary, ruleKey: ruleKey)
    }
}
