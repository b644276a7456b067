import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The roster (排班表, SHF-19): the supervisor puts one person on one shift on one day, removes entries and
/// copies a week onto another. One person never has two overlapping shifts (409 `error.roster.overlap`).
struct Rosters {
    let db: any Database
    let services: AppServices

    static let subjectType = "roster_entry"
    var calendar: BusinessCalendar { services.rulebook.calendar }

    func add(_ input: CreateRosterEntryRequest, by staff: StaffUser) async throws -> RosterEntryRecord {
        var errors = FieldErrors()
        let userID = errors.require(input.userID, "user_id")
        let templateID = errors.require(input.shiftTemplateID, "shift_template_id")
        let date = input.date.flatMap(LocalDate.init)
        if date == nil { errors.add("date", input.date == nil ? "error.field.required" : "error.field.invalid_value") }
        try errors.check()
        let leads = input.leads ?? false
        return try await db.transaction { db in
            let (user, template) = try await Self.check(userID: userID!, templateID: templateID!, db: db)
            let record = try await insert(user: user, template: template, date: date!, leads: leads, by: staff.id, db: db)
            try await WorkforceAudit(db: db, services: services).record(record.id!, Self.subjectType, staff, "roster.added",
                                                                       "\(user.username) \(date!) \(template.name)", ruleKey: nil)
            return record
        }
    }

    /// Refuses an unknown or inactive person or template with the field that names it.
    static func check(userID: UUID, templateID: UUID, db: any Database) async throws -> (UserRecord, ShiftTemplateRecord) {
        var errors = FieldErrors()
        let user = try await UserRepository(db: db).find(userID)
        if user == nil { errors.add("user_id", "error.field.unknown_user") } else if user?.active == false { errors.add("user_id", "error.roster.inactive_user") }
        let template = try await RosterRepository(db: db).template(templateID)
        if template == nil || template?.active == false { errors.add("shift_template_id", "error.roster.unknown_template") }
        try errors.check()
        return (user!, template!)
    }

    /// Inserts an entry after the overlap check (one shift at a time per person).
    func insert(user: UserRecord, template: ShiftTemplateRecord, date: LocalDate, leads: Bool, by creator: UUID, db: any Database) async throws -> RosterEntryRecord {
        guard let times = ShiftTemplates.times(of: template) else { throw DomainError.validation(fields: ["shift_template_id": "error.roster.unknown_template"]) }
        let window = times.interval(on: date, calendar: calendar)
        if try await RosterRepository(db: db).overlapping(userID: user.id!, start: window.start, end: window.end) != nil {
            throw DomainError.conflict(reason: "error.roster.overlap")
        }
        let record = RosterEntryRecord()
        record.id = services.newID()
        record.userID = user.id!
        record.teamID = user.teamID
        record.shiftDate = date.description
        record.shiftTemplateID = template.id!
        record.startsAt = window.start
        record.endsAt = window.end
        record.leads = leads
        record.createdBy = creator
        record.createdAt = services.now().roundedToMilliseconds
        record.version = 1
        try await record.create(on: db)
        return record
    }

    func remove(_ id: UUID, by staff: StaffUser) async throws {
        try await db.transaction { db in
            guard let record = try await RosterRepository(db: db).entry(id) else { throw DomainError.notFound(subject: "roster_entry") }
            if try await RosterRepository(db: db).attendance(of: id) != nil { throw DomainError.conflict(reason: "error.roster.signed_in") }
            try await record.delete(on: db)
            try await WorkforceAudit(db: db, services: services).record(id, Self.subjectType, staff, "roster.removed", record.shiftDate, ruleKey: nil)
        }
    }

    struct CopyResult: Sendable {
        let copied: Int
        /// Entries left out because the person already has a shift then (or is no longer active).
        let skipped: [(entry: RosterEntryRecord, reason: String)]
    }

    /// Copies the week starting on the Monday of `from` onto the week of `to`. An entry whose person already
    /// has an overlapping shift in the target week is skipped and reported (never replaced).
    func copyWeek(_ input: CopyWeekRequest, by staff: StaffUser) async throws -> CopyResult {
        let from = input.fromWeek.flatMap(LocalDate.init), to = input.toWeek.flatMap(LocalDate.init)
        var errors = FieldErrors()
        if from == nil { errors.add("from_week", input.fromWeek == nil ? "error.field.required" : "error.field.invalid_value") }
        if to == nil { errors.add("to_week", input.toWeek == nil ? "error.field.required" : "error.field.invalid_value") }
        try errors.check()
        let source = QualityPeriod.weekStart(of: from!), target = QualityPeriod.weekStart(of: to!)
        guard source != target else { throw DomainError.validation(fields: ["to_week": "error.roster.same_week"]) }
        let shift = Self.days(from: source, to: target)
        let teamID = input.teamID
        return try await db.transaction { db in
            let entries = try await RosterRepository(db: db).entries(from: source.description, to: QualityPeriod.adding(6, to: source).description,
                                                                     teamID: teamID)
            let users = Dictionary(try await UserRepository(db: db).find(ids: entries.map(\.userID)).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            var templates: [UUID: ShiftTemplateRecord] = [:]
            for template in try await RosterRepository(db: db).templates() { templates[template.id!] = template }
            var copied = 0
            var skipped: [(entry: RosterEntryRecord, reason: String)] = []
            for entry in entries {
                guard let user = users[entry.userID], user.active, let template = templates[entry.shiftTemplateID], template.active,
                      let day = LocalDate(entry.shiftDate) else { skipped.append((entry, "inactive")); continue }
                do {
                    _ = try await insert(user: user, template: template, date: QualityPeriod.adding(shift, to: day), leads: entry.leads, by: staff.id, db: db)
                    copied += 1
                } catch DomainError.conflict {
                    skipped.append((entry, "exists"))
                }
            }
            try await WorkforceAudit(db: db, services: services).record(staff.id, Self.subjectType, staff, "roster.week_copied",
                                                                       "\(source) → \(target): \(copied) copied, \(skipped.count) skipped", ruleKey: nil)
            return CopyResult(copied: copied, skipped: skipped)
        }
    }

    /// Whole days from `a` to `b`.
    static func days(from a: LocalDate, to b: LocalDate) -> Int {
        let utc = BusinessCalendar(timeZone: TimeZone(identifier: "UTC")!, weeklySpans: [:], holidays: [], makeUpWorkdays: [])
        return Int((utc.startOfDay(b).timeIntervalSince(utc.startOfDay(a)) / 86_400).rounded())
    }
}
