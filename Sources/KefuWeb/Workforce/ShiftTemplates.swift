import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Creating shift templates (班次, SHF-12..20): validated times (an end equal to the start is refused; an
/// earlier end is a night shift past midnight), meal breaks inside the shift, night and holiday-duty flags.
struct ShiftTemplates {
    let db: any Database
    let services: AppServices

    static let subjectType = "shift_template"

    func create(_ input: CreateShiftTemplateRequest, by staff: StaffUser?) async throws -> ShiftTemplateRecord {
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", limit: 60)
        let start = input.startsAt.flatMap(LocalTime.init)
        let end = input.endsAt.flatMap(LocalTime.init)
        if start == nil { errors.add("starts_at", input.startsAt == nil ? "error.field.required" : "error.field.invalid_value") }
        if end == nil { errors.add("ends_at", input.endsAt == nil ? "error.field.required" : "error.field.invalid_value") }
        let breaks = ShiftTimes.breaks((input.breaks ?? []).joined(separator: ","))
        if breaks == nil { errors.add("breaks", "error.field.invalid_value") }
        var times: ShiftTimes?
        if let start, let end, let breaks {
            switch ShiftTimes.make(start: start, end: end, breaks: breaks) {
            case .success(let value): times = value
            case .failure(let problem): errors.add(problem == .endEqualsStart ? "ends_at" : "breaks", problem.rawValue)
            }
        }
        try errors.check()
        guard let times else { throw DomainError.validation(fields: ["ends_at": "error.field.invalid_value"]) }
        let record = ShiftTemplateRecord()
        record.id = services.newID()
        record.name = name
        record.startsAt = times.start.description
        record.endsAt = times.end.description
        record.breaks = times.breaks.map(\.description).joined(separator: ",")
        record.night = input.night ?? times.crossesMidnight
        record.holidayDuty = input.holidayDuty ?? false
        record.active = true
        record.createdAt = services.now().roundedToMilliseconds
        record.version = 1
        try await db.transaction { db in
            if try await RosterRepository(db: db).template(named: name) != nil {
                throw DomainError.conflict(reason: "error.shift.name_taken")
            }
            try await record.create(on: db)
            try await WorkforceAudit(db: db, services: services).record(record.id!, Self.subjectType, staff, "shift_template.created",
                                                                       "\(name) \(record.startsAt)–\(record.endsAt)", ruleKey: nil)
        }
        return record
    }

    /// The validated times of a stored template.
    static func times(of record: ShiftTemplateRecord) -> ShiftTimes? {
        guard let start = LocalTime(record.startsAt), let end = LocalTime(record.endsAt),
              let breaks = ShiftTimes.breaks(record.breaks) else { return nil }
        return try? ShiftTimes.make(start: start, end: end, breaks: breaks).get()
    }
}

/// The audit line of every workforce state change.
struct WorkforceAudit {
    let db: any Database
    let services: AppServices

    func record(_ id: UUID, _ subjectType: String, _ staff: StaffUser?, _ action: String, _ summary: String, ruleKey: String?) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: subjectType,
            subjectID: id, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
