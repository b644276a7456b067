import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The shift leader's duty log (值班日志, RPT-03): what happened on the shift and what was instructed. The
/// monthly 服务质量分析报告 reads it through `DutyLogQueries.entries(from:to:limit:)`.
struct DutyLogs {
    let db: any Database
    let services: AppServices

    func create(_ input: CreateDutyLogRequest, by staff: StaffUser) async throws -> DutyLogRecord {
        var errors = FieldErrors()
        let summary = errors.text(input.summary, "summary", limit: 4_000)
        let incidents = errors.optional(input.incidents, "incidents", limit: 4_000)
        let instructions = errors.optional(input.instructions, "instructions", limit: 4_000)
        let date = input.shiftDate.map(LocalDate.init) ?? services.rulebook.calendar.localDate(of: services.now())
        if date == nil { errors.add("shift_date", "error.field.invalid_value") }
        try errors.check()
        let shiftTemplateID = input.shiftTemplateID
        return try await db.transaction { db in
            if let templateID = shiftTemplateID, try await RosterRepository(db: db).template(templateID) == nil {
                throw DomainError.validation(fields: ["shift_template_id": "error.roster.unknown_template"])
            }
            let record = DutyLogRecord()
            record.id = services.newID()
            record.shiftDate = date!.description
            record.shiftTemplateID = shiftTemplateID
            record.leaderID = staff.id
            record.leaderName = staff.displayName
            record.summary = summary
            record.incidents = incidents
            record.instructions = instructions
            record.createdAt = services.now().roundedToMilliseconds
            record.version = 1
            try await record.create(on: db)
            try await WorkforceAudit(db: db, services: services).record(record.id!, "duty_log", staff, "duty_log.created", record.shiftDate, ruleKey: nil)
            return record
        }
    }
}
