import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Safety inspections (SEC-06): every checklist item passes or has a finding; a finding gets an owner and a
/// due date (`safety.finding_due_days`) and is closed with a note. The fire-equipment custodian is recorded on
/// each inspection. SEC-11: the day's closing round by the last person to leave.
struct Inspections {
    let db: any Database
    let services: AppServices

    struct Line: Sendable { var item: String, result: String, note: String?, ownerID: UUID? }

    func record(custodianID: UUID?, lines: [Line], note: String?, by staff: StaffUser) async throws -> SafetyInspectionRecord {
        var fields: [String: String] = [:]
        if custodianID == nil { fields["custodian_id"] = "error.field.required" }
        var parsed: [InspectionItem: (InspectionResult, String?, UUID?)] = [:]
        for line in lines {
            guard let item = InspectionItem(rawValue: line.item) else { fields["items"] = "error.field.unknown"; continue }
            guard parsed[item] == nil else { fields["items.\(item.rawValue)"] = "error.inspection.duplicate_item"; continue }
            guard let result = InspectionResult(rawValue: line.result) else { fields["items.\(item.rawValue)"] = "error.field.choice"; continue }
            let text = line.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
            if let text, text.count > 1_000 { fields["items.\(item.rawValue)"] = "error.field.too_long" }
            if result == .finding, text == nil { fields["items.\(item.rawValue)"] = "error.inspection.finding_needs_note" }
            if result == .finding, line.ownerID == nil { fields["items.\(item.rawValue).owner_id"] = "error.inspection.finding_needs_owner" }
            parsed[item] = (result, text, line.ownerID)
        }
        // SEC-06: the whole checklist is gone through every time.
        for item in InspectionItem.allCases where parsed[item] == nil && fields["items"] == nil { fields["items.\(item.rawValue)"] = "error.field.required" }
        guard fields.isEmpty, let custodianID else { throw DomainError.validation(fields: fields) }
        let users = UserRepository(db: db)
        guard let custodian = try await users.find(custodianID), custodian.active else { throw DomainError.validation(fields: ["custodian_id": "error.field.unknown"]) }
        let ownerIDs = Array(Set(parsed.values.compactMap { $0.0 == .finding ? $0.2 : nil }))
        let owners = ownerIDs.isEmpty ? [] : try await UserRecord.query(on: db).filter(\.$id ~~ ownerIDs).filter(\.$active == true).all()
        guard owners.count == ownerIDs.count else { throw DomainError.validation(fields: ["owner_id": "error.field.unknown"]) }
        let names = Dictionary(owners.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let now = services.now()
        let due = services.rulebook.calendar.addingNaturalDays(services.rulebook.safety.findingDueDays, to: now)
        let results = parsed
        return try await db.transaction { db in
            let inspection = SafetyInspectionRecord()
            inspection.inspectedOn = services.rulebook.calendar.localDate(of: now).description; inspection.inspectedAt = now
            inspection.inspectorID = staff.id; inspection.inspectorName = staff.displayName
            inspection.custodianID = custodianID; inspection.custodianName = custodian.displayName
            inspection.findings = results.values.filter { $0.0 == .finding }.count
            inspection.note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
            try await inspection.create(on: db)
            for item in InspectionItem.allCases {
                let (result, text, owner) = results[item]!
                let row = SafetyInspectionItemRecord()
                row.inspectionID = inspection.id!; row.item = item.rawValue; row.result = result.rawValue; row.note = text
                try await row.create(on: db)
                guard result == .finding, let owner else { continue }
                let finding = SafetyFindingRecord()
                finding.inspectionID = inspection.id!; finding.item = item.rawValue; finding.details = text ?? ""
                finding.ownerID = owner; finding.ownerName = names[owner] ?? ""; finding.dueAt = due; finding.state = "open"; finding.createdAt = now
                try await finding.create(on: db)
                try await Notifier(db: db, services: services).notify([owner], .init(
                    kind: "safety.finding", titleKey: "notice.safety_finding", titleArgument: text ?? item.rawValue, link: "/inspections",
                    subjectType: "safety_finding", subjectID: finding.id!, dedupeKey: "safety_finding:\(finding.id!)"))
            }
            try await audit(db, inspection.id!, "safety_inspection", staff, "safety.inspected",
                            "\(inspection.findings) finding(s); custodian \(custodian.username)", rule: "safety.inspection_every_days")
            return inspection
        }
    }

    /// The finding's owner or a manager closes it once, with a note (a second close → 409).
    func closeFinding(_ id: UUID, note: String?, by staff: StaffUser) async throws -> SafetyFindingRecord {
        guard let note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank else {
            throw DomainError.validation(fields: ["note": "error.field.required"])
        }
        guard note.count <= 1_000 else { throw DomainError.validation(fields: ["note": "error.field.too_long"]) }
        guard let finding = try await SafetyFindingRecord.find(id, on: db) else { throw DomainError.notFound(subject: "safety_finding") }
        guard finding.ownerID == staff.id || staff.has(.safetyManage) else { throw DomainError.forbidden(reason: "error.inspection.not_owner") }
        return try await db.transaction { db in
            guard try await VersionGuard.setIfNull(db, table: SafetyFindingRecord.schema, column: "closed_at", id: id, to: services.now()) else {
                throw DomainError.conflict(reason: "error.inspection.finding_closed")
            }
            finding.closedAt = services.now(); finding.state = "closed"; finding.closedByName = staff.displayName; finding.closeNote = note
            try await finding.save(on: db)
            try await audit(db, id, "safety_finding", staff, "safety.finding_closed", note, rule: "safety.finding_due_days")
            return finding
        }
    }

    /// SEC-11: every closing item ticked, once a day (a second record of the day → 409).
    func recordClosing(ticked: Set<String>, note: String?, by staff: StaffUser) async throws -> ClosingCheckRecord {
        let unknown = ticked.subtracting(ClosingItem.allCases.map(\.rawValue))
        guard unknown.isEmpty else { throw DomainError.validation(fields: ["items": "error.field.unknown"]) }
        var fields: [String: String] = [:]
        for item in ClosingItem.allCases where !ticked.contains(item.rawValue) { fields["items.\(item.rawValue)"] = "error.closing.not_ticked" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let record = ClosingCheckRecord()
        record.checkDate = services.rulebook.calendar.localDate(of: services.now()).description; record.checkedAt = services.now()
        record.userID = staff.id; record.userName = staff.displayName
        record.items = ClosingItem.allCases.map(\.rawValue).joined(separator: ",")
        record.note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank.map { String($0.prefix(500)) }
        do {
            try await db.transaction { db in
                try await record.create(on: db)
                try await audit(db, record.id!, "closing_check", staff, "safety.closing_checked", record.checkDate, rule: nil)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.closing.already_recorded")
        }
        return record
    }

    /// SEC-06: a finding still open at its due date is flagged once; its owner and the inspector are told.
    func flagOverdueFindings(now: Date) async throws -> Int {
        let late = try await SafetyFindingRecord.query(on: db).filter(\.$state == "open").filter(\.$dueAt < now)
            .filter(\.$overdueAt == nil).sort(\.$dueAt).limit(200).all()
        let inspectionIDs = Array(Set(late.map(\.inspectionID)))
        let inspectors = inspectionIDs.isEmpty ? [:] : Dictionary(try await SafetyInspectionRecord.query(on: db).filter(\.$id ~~ inspectionIDs).all()
            .map { ($0.id!, $0.inspectorID) }, uniquingKeysWith: { a, _ in a })
        var flagged = 0
        for finding in late {
            guard try await VersionGuard.setIfNull(db, table: SafetyFindingRecord.schema, column: "overdue_at", id: finding.id!, to: now) else { continue }
            flagged += 1
            try await Notifier(db: db, services: services).notify([finding.ownerID] + (inspectors[finding.inspectionID].map { [$0] } ?? []), .init(
                kind: "safety.finding_overdue", titleKey: "notice.safety_finding_overdue", titleArgument: finding.details, link: "/inspections",
                subjectType: "safety_finding", subjectID: finding.id!, dedupeKey: "safety_finding:\(finding.id!):overdue"))
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: "safety.finding_overdue", subjectType: "safety_finding", subjectID: finding.id!,
                summary: "\(finding.item): \(finding.ownerName)", ruleKey: "safety.finding_due_days", rulebookVersion: services.rulebook.versionShort))
        }
        return flagged
    }

    /// SEC-06: when the next regular inspection is due (`safety.inspection_every_days` after the last one).
    func nextDue() async throws -> (last: SafetyInspectionRecord?, due: Date) {
        let last = try await SafetyInspectionRecord.query(on: db).sort(\.$inspectedAt, .descending).first()
        let days = services.rulebook.safety.inspectionEveryDays
        return (last, last.map { services.rulebook.calendar.addingNaturalDays(days, to: $0.inspectedAt) } ?? services.now())
    }

    func audit(_ db: any Database, _ id: UUID, _ subject: String, _ staff: StaffUser, _ action: String, _ summary: String, rule: String?) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: subject, subjectID: id,
            summary: summary, ruleKey: rule, rulebookVersion: services.rulebook.versionShort))
    }
}
