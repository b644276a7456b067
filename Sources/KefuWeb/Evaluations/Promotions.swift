import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Promotion (PRM-02..17): a person's history from the closed evaluations, quarterly grades, titles and the
/// violations of the assessment period; the ladder's check (`PromotionLadder`); a nomination that meets every
/// criterion goes to the company's approval (PRM-14 → HR's regularization flow, PRM-15/16 → 总经办) and,
/// approved, changes the person's grade and pay grade (PRM-17). A nomination that does not is refused with
/// the unmet criteria listed.
struct Promotions {
    let db: any Database
    let services: AppServices

    static let subjectType = "promotion"

    func history(of user: UserRecord) async throws -> PromotionHistory {
        let id = user.id!
        let grade = user.grade.flatMap(Grade.init(rawValue:)) ?? .probation
        let today = services.rulebook.calendar.localDate(of: services.now())
        let hired = user.hiredOn.flatMap(LocalDate.init) ?? today
        let months = max(0, (today.year - hired.year) * 12 + today.month - hired.month - (today.day < hired.day ? 1 : 0))
        let evaluations = try await MonthlyEvaluationRecord.query(on: db).filter(\.$userID == id).sort(\.$month).limit(240).all()
        let grades = try await QuarterlyGradeRecord.query(on: db).filter(\.$userID == id).sort(\.$quarter).limit(80).all()
        let titles = try await ExcellentTitleRecord.query(on: db).filter(\.$userID == id).count()
        // PRM-06 (a): no disciplinary violation within the assessment period (the target's months of service, at least 3).
        let window = evaluations.suffix(3).first?.month ?? FinesLedger.month(of: services.now(), services: services)
        let violations = try await ViolationRecord.query(on: db).filter(\.$userID == id).filter(\.$month >= window).count()
        return PromotionHistory(grade: grade, monthsOfService: months, excellentTitles: titles, quarterlyGrades: grades.map(\.grade),
                                monthlyRanks: evaluations.map { Optional($0.rank) }, failedMonths: evaluations.map(\.failed), violations: violations)
    }

    func check(_ user: UserRecord, to target: Grade) async throws -> (PromotionHistory, [PromotionCriterionResult]) {
        let history = try await history(of: user)
        guard let pay = services.rulebook.payGrades[target] else { throw DomainError.validation(fields: ["to_grade": "error.field.choice"]) }
        return (history, PromotionLadder.check(history, to: target, pay: pay, rules: services.rulebook.promotion))
    }

    func nominate(userID: UUID?, to raw: String, reason raw2: String, by staff: StaffUser) async throws -> PromotionRecord {
        guard let target = Grade(rawValue: raw) else { throw DomainError.validation(fields: ["to_grade": "error.field.choice"]) }
        let reason = raw2.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 2_000 else { throw DomainError.validation(fields: ["reason": reason.isEmpty ? "error.field.required" : "error.field.too_long"]) }
        guard let userID, let user = try await UserRepository(db: db).find(userID), user.active else {
            throw DomainError.validation(fields: ["user_id": "error.field.unknown"])
        }
        let (history, results) = try await check(user, to: target)
        let unmet = results.filter { !$0.met }
        guard unmet.isEmpty else {
            throw Failure(status: .unprocessableEntity, code: "rule_violation", messageKey: "error.promotion.unmet",
                          messageArguments: ["\(unmet.count)"],
                          fields: Dictionary(uniqueKeysWithValues: unmet.map { ($0.criterion.rawValue, "error.promotion.criterion.\($0.criterion.rawValue)") }),
                          rule: "pay_grades.\(target.rawValue)")
        }
        let record = PromotionRecord()
        record.userID = userID; record.userName = user.displayName; record.fromGrade = history.grade.rawValue; record.toGrade = target.rawValue
        record.state = "pending"; record.reason = reason; record.nominatedBy = staff.id; record.nominatedAt = services.now()
        // PRM-14: regularization goes through HR's flow; PRM-15/16: the 总经办 decides the higher rungs.
        let approver: Role = target == .junior ? .hr : .gmOffice
        do {
            try await db.transaction { db in
                try await record.create(on: db)
                let approval = try await ApprovalEngine(db: db, services: services).start(
                    chain: ApprovalChain(steps: [ApprovalStepSpec(role: approver)], ruleKey: "pay_grades.\(target.rawValue)"),
                    subjectType: Self.subjectType, subjectID: record.id!, requestedBy: staff.id, requesterName: staff.username)
                record.approvalID = approval.id
                try await record.save(on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.promotion.pending")
        }
        return record
    }

    /// The approval's outcome: approved → the grade changes (and with it the pay grade, PRM-17).
    static func register(in services: inout AppServices) {
        services.approvalOutcomes.register(subjectType: subjectType) { outcome in
            guard let record = try await PromotionRecord.find(outcome.approval.subjectID, on: outcome.db), record.state == "pending" else { return }
            let now = outcome.services.now()
            switch outcome.approval.state {
            case .approved:
                record.state = "approved"
                if let user = try await UserRecord.find(record.userID, on: outcome.db) {
                    user.grade = record.toGrade
                    user.version += 1
                    try await user.save(on: outcome.db)
                }
            case .rejected, .withdrawn: record.state = "rejected"
            case .pending: return
            }
            record.decidedAt = now
            try await record.save(on: outcome.db)
            try await AuditRepository(db: outcome.db).append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: "promotion.\(record.state)", subjectType: subjectType, subjectID: record.id!,
                summary: "\(record.userName): \(record.fromGrade) → \(record.toGrade)", ruleKey: outcome.approval.ruleKey,
                rulebookVersion: outcome.services.rulebook.versionShort))
        }
    }
}
