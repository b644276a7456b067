import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The accountability use cases (问责, REQUIREMENTS §20): opening a case against persons or a department
/// (ACC-03…06 triggers, ACC-12 several persons and evidence, ACC-28 the investigator is not a person
/// concerned) and every later step (`perform`), each in one transaction, under optimistic locking and
/// audited with the rule that decided it.
struct AccountabilityCases {
    let db: any Database
    let services: AppServices

    var rules: AccountabilityRules { services.rulebook.accountability }

    static let subjectType = "accountability_case"
    static let maxPersons = 20
    static let textLimit = 4_000

    func open(_ input: OpenAccountabilityRequest, by staff: StaffUser) async throws -> AccountabilityFile {
        var errors = FieldErrors()
        let title = errors.text(input.title, "title", limit: 200)
        let facts = errors.text(input.facts, "facts", limit: Self.textLimit)
        let origin = errors.require(input.origin, "origin")
        let trigger = errors.require(input.trigger, "trigger")
        let persons = input.personIDs ?? []
        let investigator = input.investigatorID ?? staff.id
        if persons.isEmpty, input.departmentID == nil { errors.add("person_ids", "error.accountability.person_or_department") }
        if persons.count > Self.maxPersons { errors.add("person_ids", "error.field.too_many") }
        if Set(persons).count != persons.count { errors.add("person_ids", "error.field.invalid_value") }
        if persons.contains(staff.id) { errors.add("person_ids", "error.accountability.own_case") }
        // ACC-28: whoever investigates must have no stake in the case.
        if persons.contains(investigator) { errors.add("investigator_id", "error.accountability.investigator_conflict") }
        let sourceType = errors.optional(input.sourceType, "source_type", limit: 32)
        if let sourceType, sourceType.range(of: #"^[a-z_]+$"#, options: .regularExpression) == nil { errors.add("source_type", "error.field.invalid_value") }
        if (sourceType == nil) != (input.sourceID == nil) { errors.add(sourceType == nil ? "source_type" : "source_id", "error.field.required") }
        let circumstances = try self.circumstances(input.circumstances, errors: &errors)
        if (input.evidence?.count ?? 0) > 50 { errors.add("evidence", "error.field.too_many") }
        try errors.check()
        let users = try await UserRepository(db: db).find(ids: persons + [investigator])
        let known = Dictionary(users.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        if persons.contains(where: { known[$0] == nil }) { errors.add("person_ids", "error.field.invalid_value") }
        if known[investigator] == nil { errors.add("investigator_id", "error.field.invalid_value") }
        if let department = input.departmentID, try await DepartmentRecord.find(department, on: db) == nil {
            errors.add("department_id", "error.field.invalid_value")
        }
        if sourceType == "case", let source = input.sourceID, try await CaseRepository(db: db).find(source) == nil {
            errors.add("source_id", "error.field.invalid_value")
        }
        try errors.check()
        let evidence = try await evidenceEntries(input.evidence ?? [], caseID: nil, by: staff)
        let now = services.now().roundedToMilliseconds
        let day = services.rulebook.calendar.localDate(of: now)
        let key = String(format: "ACC-%04d%02d%02d", day.year, day.month, day.day)
        let sequence = try await CaseSearchIndex(db: db).nextSequence(key: key)
        let record = AccountabilityCaseRecord()
        record.id = services.newID()
        record.number = key + String(format: "-%04d", sequence)
        record.title = title
        record.origin = origin!.rawValue
        record.trigger = trigger!.rawValue
        record.facts = facts
        record.sourceType = sourceType
        record.sourceID = input.sourceID
        record.departmentID = input.departmentID ?? persons.first.flatMap { known[$0]?.departmentID }
        record.jointLiability = input.jointLiability ?? false
        record.investigatorID = investigator
        record.state = AccountabilityState.opened.rawValue
        record.openedBy = staff.id
        record.openedAt = now
        record.updatedAt = now
        record.version = 1
        let caseID = record.id!
        let entries = (evidence + circumstances).map { entry in
            entry.caseID = caseID; entry.authorID = staff.id; entry.createdAt = now
            return entry
        }
        try await db.transaction { db in
            try await AccountabilityRepository(db: db).insert(record, persons: persons.map { AccountabilityPersonRecord(caseID: caseID, userID: $0) },
                                                              entries: entries)
            try await audit(caseID, staff, "accountability.opened", "\(record.number) \(record.trigger) (\(trigger!.ruleID)), \(persons.count) person(s)",
                            ruleKey: nil, db: db)
        }
        return try await AccountabilityFile.load(record, db: db)
    }

    /// ACC-32: mitigating and aggravating circumstances, as entries to be filed.
    func circumstances(_ input: [OpenAccountabilityRequest.Circumstance]?, errors: inout FieldErrors) throws -> [AccountabilityEntryRecord] {
        guard let input else { return [] }
        if input.count > 20 { errors.add("circumstances", "error.field.too_many") }
        return input.enumerated().map { index, item in
            let text = errors.text(item.description, "circumstances.\(index).description", limit: 2_000)
            return AccountabilityEntryRecord(caseID: UUID(), kind: "circumstance", personID: nil, authorID: UUID(), body: text,
                                             qualifier: item.kind.rawValue, at: services.now())
        }
    }

    /// ACC-12: evidence links to cases (工单) and audit-trail entries that exist.
    func evidenceEntries(_ input: [OpenAccountabilityRequest.Evidence], caseID: UUID?, by staff: StaffUser) async throws -> [AccountabilityEntryRecord] {
        var errors = FieldErrors()
        var entries: [AccountabilityEntryRecord] = []
        for (index, item) in input.enumerated() {
            let exists = switch item.type {
            case .case: try await CaseRepository(db: db).find(item.id) != nil
            case .auditEvent: try await AuditEventRecord.find(item.id, on: db) != nil
            }
            if !exists { errors.add("evidence.\(index).id", "error.field.invalid_value") }
            let note = errors.optional(item.note, "evidence.\(index).note", limit: 500)
            entries.append(AccountabilityEntryRecord(caseID: caseID ?? UUID(), kind: "evidence", personID: nil, authorID: staff.id, body: note ?? "",
                                                     qualifier: item.type.rawValue, refID: item.id, at: services.now()))
        }
        try errors.check()
        return entries
    }

    func audit(_ caseID: UUID, _ staff: StaffUser?, _ action: String, _ summary: String, ruleKey: String?, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: Self.subjectType,
            subjectID: caseID, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
