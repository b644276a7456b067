import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// The life of a duty (SEC-13..17): the assignee marks it done, the supervisor checks it (pass, or fail →
/// redo within `duties.redo_within`, SEC-16), and the supervisor — or, when no supervisor is on shift, the
/// team's 组长 (SEC-17) — hands it to someone else. Every step is audited with its rulebook key.
struct Duties {
    let db: any Database
    let services: AppServices

    /// The assignee only (SEC-15: each does their own duty); a finished or passed duty cannot be done again.
    func markDone(_ id: UUID, by staff: StaffUser) async throws -> DutyRecord {
        guard let duty = try await DutyRecord.find(id, on: db) else { throw DomainError.notFound(subject: "duty") }
        guard duty.assigneeID == staff.id else { throw DomainError.forbidden(reason: "error.duty.not_yours") }
        let now = services.now()
        guard try await move(id, from: DutyState.open, to: .done, set: ["done_at": SQLBind(now)]) else {
            throw DomainError.conflict(reason: "error.duty.not_open")
        }
        try await audit(id, staff, "duty.done", "\(duty.kind) \(duty.zone)", rule: "duties.\(duty.kind)")
        return try await DutyRecord.find(id, on: db)!
    }

    /// SEC-16: the supervisor checks a done duty once; a second check of the same round → 409.
    func check(_ id: UUID, passed: Bool?, note: String?, by staff: StaffUser) async throws -> DutyRecord {
        guard let passed else { throw DomainError.validation(fields: ["result": "error.field.choice"]) }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if let note, note.count > 500 { throw DomainError.validation(fields: ["note": "error.field.too_long"]) }
        if !passed, note == nil { throw DomainError.validation(fields: ["note": "error.duty.fail_needs_note"]) }
        guard let duty = try await DutyRecord.find(id, on: db) else { throw DomainError.notFound(subject: "duty") }
        guard duty.assigneeID != staff.id else { throw DomainError.forbidden(reason: "error.duty.own_check") }
        let now = services.now()
        var set: [String: any SQLExpression] = ["checked_at": SQLBind(now), "checked_by": SQLBind(staff.id),
                                                "checked_by_name": SQLBind(staff.displayName), "check_note": note.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null]
        if !passed {
            // The failed zone is redone by a new deadline, and the assignee is told (SEC-16).
            let due = services.rulebook.calendar.deadline(from: now, adding: services.rulebook.duties.redoWithin)
            set["due_at"] = SQLBind(due); set["redo_count"] = SQLRaw("redo_count + 1"); set["flagged_at"] = SQLLiteral.null
            set["done_at"] = SQLLiteral.null
        }
        let changes = set
        return try await db.transaction { db in
            guard try await Duties(db: db, services: services).move(id, from: [.done], to: passed ? .passed : .redo, set: changes) else {
                throw DomainError.conflict(reason: "error.duty.not_done")
            }
            try await Duties(db: db, services: services).audit(id, staff, passed ? "duty.passed" : "duty.failed", note ?? duty.kind, rule: "duties.redo_within")
            if !passed {
                try await Notifier(db: db, services: services).notify([duty.assigneeID], .init(
                    kind: "duty.redo", titleKey: "notice.duty_redo", titleArgument: "\(duty.dutyDate) · \(note ?? "")", link: "/duties",
                    subjectType: "duty", subjectID: id, dedupeKey: "duty:\(id):redo:\(duty.redoCount + 1)"))
            }
            return try await DutyRecord.find(id, on: db)!
        }
    }

    /// SEC-17: the supervisor reassigns any open duty; a team leader may reassign their own team's duties
    /// only when no supervisor (`duties.supervisor`) is on shift that day.
    func reassign(_ id: UUID, to assigneeID: UUID?, by staff: StaffUser) async throws -> DutyRecord {
        guard let assigneeID else { throw DomainError.validation(fields: ["assignee_id": "error.field.required"]) }
        guard let duty = try await DutyRecord.find(id, on: db) else { throw DomainError.notFound(subject: "duty") }
        if !staff.has(.safetyManage) {
            guard staff.roles.contains(.teamLeader), let team = staff.teamID, duty.teamID == team else {
                throw DomainError.forbidden(reason: "error.duty.not_your_team")
            }
            guard !(try await supervisorOnShift(duty.dutyDate)) else {
                throw DomainError.ruleViolation(rule: "duties.supervisor", reason: "error.duty.supervisor_present")
            }
        }
        guard let person = try await UserRepository(db: db).find(assigneeID), person.active else {
            throw DomainError.validation(fields: ["assignee_id": "error.field.unknown"])
        }
        guard DutyState.open.map(\.rawValue).contains(duty.state) else { throw DomainError.conflict(reason: "error.duty.not_open") }
        return try await db.transaction { db in
            try await VersionGuard.claim(db, table: DutyRecord.schema, id: id, expected: duty.version)
            duty.assigneeID = assigneeID; duty.assigneeName = person.displayName; duty.version += 1
            try await duty.save(on: db)
            try await Duties(db: db, services: services).audit(id, staff, "duty.reassigned", person.username, rule: "duties.supervisor")
            try await Notifier(db: db, services: services).notify([assigneeID], .init(
                kind: "duty.assigned", titleKey: "notice.duty_assigned", titleArgument: duty.dutyDate, link: "/duties",
                subjectType: "duty", subjectID: id, dedupeKey: "duty:\(id):assigned:\(duty.version)"))
            return duty
        }
    }

    /// Whether someone holding the supervisor role is rostered on `day` and not on approved leave.
    func supervisorOnShift(_ day: String) async throws -> Bool {
        guard let date = LocalDate(day) else { return false }
        let supervisors = try await UserRepository(db: db).active(withRole: services.rulebook.duties.supervisor)
        let ids = supervisors.compactMap(\.id)
        guard !ids.isEmpty else { return false }
        let rostered = Set(try await RosterEntryRecord.query(on: db).filter(\.$shiftDate == day).filter(\.$userID ~~ ids).all().map(\.userID))
        guard !rostered.isEmpty else { return false }
        let calendar = services.rulebook.calendar
        let away = Set(try await LeaveRequestRecord.query(on: db).filter(\.$userID ~~ Array(rostered)).filter(\.$state == "approved")
            .filter(\.$endsAt > calendar.startOfDay(date)).filter(\.$startsAt < calendar.startOfDay(DutyRoster.date(date, adding: 1))).all().map(\.userID))
        return !rostered.subtracting(away).isEmpty
    }

    /// Moves a duty from one of `from` to `to` in one conditional UPDATE; false when another request got there first.
    func move(_ id: UUID, from: [DutyState], to: DutyState, set: [String: any SQLExpression]) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt(DutyRecord.schema) }
        var update = sql.update(DutyRecord.schema).set("state", to: SQLBind(to.rawValue)).set("version", to: SQLRaw("version + 1"))
        for (column, value) in set { update = update.set(SQLIdentifier(column), to: value) }
        let rows = try await update.where("id", .equal, SQLBind(id)).where(SQLIdentifier("state"), .in, SQLBind.group(from.map(\.rawValue)))
            .returning("id").all()
        return !rows.isEmpty
    }

    func audit(_ id: UUID, _ staff: StaffUser, _ action: String, _ summary: String, rule: String) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "duty", subjectID: id,
            summary: summary, ruleKey: rule, rulebookVersion: services.rulebook.versionShort))
    }
}
