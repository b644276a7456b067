import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Quarterly grades on the rulebook's scale (PRM-25) and 优秀客服 titles (PRM-10/12), each audited.
struct EvaluationRecords {
    let db: any Database
    let services: AppServices

    func grade(userID: UUID?, quarter: String, grade: String, by staff: StaffUser) async throws -> QuarterlyGradeRecord {
        var fields: [String: String] = [:]
        if quarter.range(of: #"^\d{4}-Q[1-4]$"#, options: .regularExpression) == nil { fields["quarter"] = "error.field.invalid_value" }
        if !services.rulebook.promotion.quarterlyGrades.contains(grade) { fields["grade"] = "error.field.choice" }
        guard fields.isEmpty, let userID else { throw DomainError.validation(fields: fields.isEmpty ? ["user_id": "error.field.required"] : fields) }
        guard try await UserRepository(db: db).find(userID) != nil else { throw DomainError.validation(fields: ["user_id": "error.field.unknown"]) }
        let record = QuarterlyGradeRecord()
        record.userID = userID; record.quarter = quarter; record.grade = grade; record.gradedBy = staff.id; record.gradedAt = services.now()
        do {
            try await db.transaction { db in
                try await record.create(on: db)
                try await audit(db, record.id!, staff, "evaluation.quarterly_grade", "\(quarter): \(grade)", ruleKey: "promotion.quarterly_grades")
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.evaluation.quarter_graded")
        }
        return record
    }

    func award(userID: UUID?, note raw: String, by staff: StaffUser) async throws -> ExcellentTitleRecord {
        let note = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let userID, try await UserRepository(db: db).find(userID) != nil else { throw DomainError.validation(fields: ["user_id": "error.field.unknown"]) }
        guard !note.isEmpty, note.count <= 500 else { throw DomainError.validation(fields: ["note": note.isEmpty ? "error.field.required" : "error.field.too_long"]) }
        let record = ExcellentTitleRecord()
        record.userID = userID; record.note = note; record.awardedBy = staff.id; record.awardedAt = services.now()
        try await db.transaction { db in
            try await record.create(on: db)
            try await audit(db, record.id!, staff, "evaluation.excellent_title", note, ruleKey: nil)
        }
        return record
    }

    private func audit(_ db: any Database, _ id: UUID, _ staff: StaffUser, _ action: String, _ summary: String, ruleKey: String?) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "evaluation", subjectID: id,
            summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
