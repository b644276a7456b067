import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// The agents' monthly evaluation (PRM-18): closing a finished month reads each agent's QA average
/// (qa_monthly, QA-04), survey satisfaction (survey_person_months, SAT-03), violations and breached case
/// deadlines, scores them by the rulebook's `evaluation`, ranks within the department and marks fails.
/// Once per month and agent; typing speed and the business exam (ORG-08/09) are added afterwards.
struct MonthlyEvaluations {
    let db: any Database
    let services: AppServices

    func close(month: String, departmentID: UUID?, by staff: StaffUser) async throws -> [MonthlyEvaluationRecord] {
        guard let first = QualityPeriod.firstDay(ofMonth: month) else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
        let calendar = services.rulebook.calendar
        guard calendar.startOfDay(QualityPeriod.nextMonth(first)) <= services.now() else {
            throw DomainError.validation(fields: ["month": "error.evaluation.month_open"])
        }
        var agents = try await UserRepository(db: db).active(withRole: .agent, departmentID: departmentID, limit: 2_000)
        let closed = Set(try await MonthlyEvaluationRecord.query(on: db).filter(\.$month == month).all().map(\.userID))
        agents = agents.filter { !closed.contains($0.id!) }
        guard !agents.isEmpty else { throw DomainError.conflict(reason: "error.evaluation.already_closed") }
        // The month's rows of each source (one per person), not an IN list of every agent.
        let qa = Dictionary(try await QualityMonthlyRecord.query(on: db).filter(\.$month == month).all()
            .map { ($0.agentID, $0.inspections > 0 ? $0.totalSum / Double($0.inspections) : nil) }, uniquingKeysWith: { a, _ in a })
        let surveys = Dictionary(try await SurveyPersonMonthRecord.query(on: db).filter(\.$month == month).all()
            .map { ($0.personID, $0.maxPoints > 0 ? Double($0.points) * 100 / Double($0.maxPoints) : nil) }, uniquingKeysWith: { a, _ in a })
        var violations: [UUID: Int] = [:]
        for v in try await ViolationRecord.query(on: db).filter(\.$month == month).all() { violations[v.userID, default: 0] += 1 }
        let breaches = try await breachesByAgent(month: month)
        let chat = try await ChatEvaluationFigures(db: db, services: services).of(month: month)  // issue 9: ratings, chat breaches, typing
        let rules = services.rulebook.evaluation, now = services.now()
        let rows = agents.map { agent -> MonthlyEvaluationRecord in
            let id = agent.id!, row = MonthlyEvaluationRecord()
            row.userID = id; row.userName = agent.displayName; row.departmentID = agent.departmentID; row.month = month
            row.qaPercent = qa[id] ?? nil; row.satisfactionPercent = surveys[id] ?? nil
            row.violations = violations[id] ?? 0; row.breaches = breaches[id] ?? 0
            ChatEvaluationFigures.apply(chat[id], to: row)
            row.score = rules.score(qaPercent: row.qaPercent, satisfactionPercent: row.satisfactionPercent, violations: row.violations, breaches: row.breaches)
            row.failed = row.score < Double(rules.passScore); row.closedBy = staff.id; row.closedAt = now
            return row
        }
        // PRM-08: the ranking is within the department.
        for group in Dictionary(grouping: rows.indices, by: { rows[$0].departmentID }).values {
            let ranks = EvaluationRules.ranks(group.map { rows[$0].score })
            for (index, rank) in zip(group, ranks) { rows[index].rank = rank }
        }
        let finished = rows
        do {
            try await db.transaction { db in
                for row in finished { try await row.create(on: db) }
                try await AuditRepository(db: db).append(AuditEntry(
                    at: now, actorID: staff.id, actorName: staff.username, action: "evaluation.closed", subjectType: "monthly_evaluation",
                    subjectID: finished[0].id!, summary: "\(month): \(finished.count) agents", ruleKey: "evaluation.pass_score",
                    rulebookVersion: services.rulebook.versionShort))
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.evaluation.already_closed")
        }
        return finished
    }

    /// Breached case deadlines per agent in the month, from the reports' daily aggregate (RPT).
    private func breachesByAgent(month: String) async throws -> [UUID: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.select().column("agent_id").column(SQLRaw("CAST(SUM(breached) AS BIGINT)"), as: "n")  // PostgreSQL sums BIGINT as NUMERIC
            .from("case_day_agents").where("day", .greaterThanOrEqual, SQLBind("\(month)-01")).where("day", .lessThanOrEqual, SQLBind("\(month)-31"))
            .groupBy("agent_id").all()
        var result: [UUID: Int] = [:]
        for row in rows { result[try row.decode(column: "agent_id", as: UUID.self)] = (try? row.decode(column: "n", as: Int.self)) ?? 0 }
        return result
    }

    /// ORG-08/09: the month's typing speed and business exam of an evaluated agent.
    func recordSkills(userID: UUID, month: String, typingSpeed: Int?, examScore: Int?) async throws -> MonthlyEvaluationRecord {
        if let typingSpeed, !(0...500).contains(typingSpeed) { throw DomainError.validation(fields: ["typing_speed": "error.field.invalid_value"]) }
        if let examScore, !(0...100).contains(examScore) { throw DomainError.validation(fields: ["exam_score": "error.field.invalid_value"]) }
        guard let row = try await MonthlyEvaluationRecord.query(on: db).filter(\.$userID == userID).filter(\.$month == month).first() else {
            throw DomainError.notFound(subject: "monthly_evaluation")
        }
        if let typingSpeed { row.typingSpeed = typingSpeed }
        if let examScore { row.examScore = examScore }
        try await row.save(on: db)
        return row
    }
}
