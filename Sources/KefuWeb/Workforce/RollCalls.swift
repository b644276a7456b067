import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The roll call (点名点评, SHF-01/07, QA-06): the leader of a shift marks who is present, writes the
/// comments, and the quality inspection's common problems of the last days are saved with it.
struct RollCalls {
    let db: any Database
    let services: AppServices
    let language: UILanguage

    func save(_ input: RollCallRequest, by staff: StaffUser) async throws -> RollCallRecord {
        var errors = FieldErrors()
        let templateID = errors.require(input.shiftTemplateID, "shift_template_id")
        let date = input.date.flatMap(LocalDate.init)
        if date == nil { errors.add("date", input.date == nil ? "error.field.required" : "error.field.invalid_value") }
        let comments = errors.optional(input.comments, "comments", limit: 4_000) ?? ""
        try errors.check()
        let problems = try await QualityReports(db: db, services: services, language: language).commonProblems(days: nil)
        let summary = problems.criteria.prefix(5).map { "\($0.label) \($0.count)" }.joined(separator: "；")
        let present = Set(input.presentUserIDs ?? [])
        return try await db.transaction { db in
            let repository = RosterRepository(db: db)
            guard try await repository.template(templateID!) != nil else {
                throw DomainError.validation(fields: ["shift_template_id": "error.roster.unknown_template"])
            }
            let record = try await repository.rollCall(date: date!.description, templateID: templateID!) ?? RollCallRecord()
            if record.id == nil { record.id = services.newID(); record.createdAt = services.now().roundedToMilliseconds }
            record.shiftDate = date!.description
            record.shiftTemplateID = templateID!
            record.leaderID = staff.id
            record.comments = comments
            record.commonProblems = summary
            try await record.save(on: db)
            let entries = try await repository.entries(from: date!.description, to: date!.description).filter { $0.shiftTemplateID == templateID }
            for attendance in try await repository.attendance(rosterEntryIDs: entries.compactMap(\.id)) {
                attendance.rollCallPresent = present.contains(attendance.userID)
                attendance.version += 1
                try await attendance.save(on: db)
            }
            try await WorkforceAudit(db: db, services: services).record(record.id!, "roll_call", staff, "roll_call.saved",
                                                                       "\(present.count) present", ruleKey: "attendance.early_arrival_minutes")
            return record
        }
    }
}
