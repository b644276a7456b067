import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Recording violations (违规登记, ATT-05..31, conflicts C5–C9): managers and QA record them by hand, the
/// attendance module through the same function with `recordedBy == nil` (the system). The amount comes
/// from the rulebook's catalogue by the occurrence number of the code for the person in the month
/// (repeat escalation, monthly reset); past the catalogue's list it may mean dismissal, which is flagged
/// to the 客服部主任 rather than executed. Objections are not part of the flow (ATT-25), so a record is final.
struct Violations {
    let db: any Database
    let services: AppServices

    static let subjectType = "violation"
    static let noteLimit = 1_000
    /// Who hears of a dismissal outcome: the manager decides on it (ATT-10, ATT-24).
    static let dismissalDecidedBy = Role.csDirector

    var rules: FineRules { services.rulebook.fines }

    @discardableResult
    func record(code: String, userID: UUID, at occurredAt: Date, recordedBy: StaffUser?, note: String?) async throws -> ViolationRecord {
        var errors = FieldErrors()
        let note = errors.optional(note, "note", limit: Self.noteLimit)
        try errors.check()
        guard let violation = rules.catalogue[code] else {
            throw DomainError.ruleViolation(rule: FineAssessment.catalogueKey, reason: "error.fines.unknown_code")
        }
        return try await db.transaction { db in
            let person = try await Self.activePerson(userID, db: db)
            let month = FinesLedger.month(of: occurredAt, services: services)
            var prior = ViolationRecord.query(on: db).filter(\.$userID == userID).filter(\.$code == code)
            if rules.monthlyReset { prior = prior.filter(\.$month == month) }
            let assessment = try FineAssessment.assess(code: code, priorOccurrences: try await prior.count(), rules: rules)
            let record = ViolationRecord()
            record.id = services.newID()
            record.userID = userID
            record.code = code
            record.nameZh = violation.nameZh
            record.occurredAt = occurredAt.roundedToMilliseconds
            record.month = month
            record.occurrence = assessment.occurrence
            record.outcome = assessment.isDismissal ? "dismissal" : "fine"
            record.amount = assessment.amount.map(MoneyInput.text)
            record.note = note
            record.recordedByID = recordedBy?.id
            record.recordedByName = recordedBy?.displayName ?? FinesLedger.systemName
            record.rulebookVersion = services.rulebook.versionShort
            record.createdAt = services.now()
            try await record.create(on: db)
            if let amount = assessment.amount, amount > 0 {
                try await FinesLedger(db: db, services: services).append(
                    staffID: userID, amount: -amount, reason: "\(violation.nameZh) #\(assessment.occurrence)\(note.map { " · \($0)" } ?? "")",
                    sourceType: Self.subjectType, sourceID: record.id!, month: month,
                    recordedByID: recordedBy?.id, recordedByName: record.recordedByName)
            }
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: recordedBy?.id, actorName: recordedBy?.username ?? FinesLedger.systemName,
                action: "fines.violation_recorded", subjectType: Self.subjectType, subjectID: record.id!,
                summary: "\(person.username) \(code) #\(assessment.occurrence) \(record.outcome) \(record.amount ?? "")",
                ruleKey: FineAssessment.catalogueKey, rulebookVersion: services.rulebook.versionShort))
            if assessment.isDismissal {
                try await Notifier(db: db, services: services).notify(role: Self.dismissalDecidedBy, departmentID: nil, Notifier.Notice(
                    kind: "fines.dismissal", titleKey: "notice.fines_dismissal", titleArgument: person.displayName,
                    link: "/fines/statement?user_id=\(userID)&month=\(month)", subjectType: Self.subjectType, subjectID: record.id!,
                    dedupeKey: "fines.dismissal.\(record.id!)"))
            }
            return record
        }
    }

    /// ATT-05: the fine is paid (罚款当天交完). Only a fine can be paid, and only once (else 409).
    func markPaid(_ id: UUID, by staff: StaffUser) async throws -> ViolationRecord {
        try await db.transaction { db in
            guard let record = try await ViolationRecord.find(id, on: db) else { throw DomainError.notFound(subject: "violation") }
            guard record.outcome == "fine", record.paidAt == nil else {
                throw DomainError.invalidTransition(from: record.paidAt == nil ? record.outcome : "paid", to: "paid")
            }
            record.paidAt = services.now().roundedToMilliseconds
            record.paidRecordedByID = staff.id
            try await record.save(on: db)
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: staff.id, actorName: staff.username, action: "fines.violation_paid", subjectType: Self.subjectType,
                subjectID: id, summary: "\(record.code) \(record.amount ?? "") paid", ruleKey: "fines.paid_same_day",
                rulebookVersion: services.rulebook.versionShort))
            return record
        }
    }

    /// The person a violation or reward is for: they must exist and be active.
    static func activePerson(_ userID: UUID, db: any Database) async throws -> UserRecord {
        guard let person = try await UserRepository(db: db).find(userID) else {
            throw DomainError.validation(fields: ["user_id": "error.field.unknown_user"])
        }
        guard person.active else { throw DomainError.validation(fields: ["user_id": "error.fines.inactive_person"]) }
        return person
    }

    /// Violations of a month, newest first, optionally of one person.
    func list(month: String, userID: UUID?) async throws -> [ViolationRecord] {
        var query = ViolationRecord.query(on: db).filter(\.$month == month)
        if let userID { query = query.filter(\.$userID == userID) }
        return try await query.sort(\.$occurredAt, .descending).limit(500).all()
    }
}
