import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// The agents' monthly evaluation, quarterly grades, titles and promotion (PRM-14..25, ORG-08/09).
@Suite("Evaluation and promotion (PRM)")
struct EvaluationTests {
    struct Center { let director: TestStaff, gm: TestStaff, hr: TestStaff, best: TestStaff, middle: TestStaff, weak: TestStaff, department: UUID }

    /// Also fixes the clock in November 2026: the tests close October, a finished month, and refuse November.
    func center(_ app: Application) async throws -> Center {
        app.services.now = { .t0 }
        let department = try await app.department("客服部")
        let c = Center(director: try await app.staff("zhuren", roles: [.csDirector], departmentID: department),
                       gm: try await app.staff("zongjingban", roles: [.gmOffice]), hr: try await app.staff("renshi", roles: [.hr]),
                       best: try await app.staff("chenjing", roles: [.agent], departmentID: department),
                       middle: try await app.staff("yangli", roles: [.agent], departmentID: department),
                       weak: try await app.staff("zhaolei", roles: [.agent], departmentID: department), department: department)
        for (who, grade) in [(c.best, Grade.junior), (c.middle, .junior), (c.weak, .junior)] {
            let user = try #require(try await UserRecord.find(who.id, on: app.db))
            user.grade = grade.rawValue; user.hiredOn = "2026-01-05"
            try await user.save(on: app.db)
        }
        return c
    }

    /// The month's QA average and survey ratings of an agent, as the QA and survey modules keep them.
    func inputs(_ app: Application, _ who: TestStaff, month: String, qa: Double, satisfaction: Int) async throws {
        let qaRow = QualityMonthlyRecord()
        qaRow.agentID = who.id; qaRow.month = month; qaRow.inspections = 2; qaRow.totalSum = qa * 2; qaRow.findings = 0; qaRow.updatedAt = app.services.now()
        try await qaRow.create(on: app.db)
        let survey = SurveyPersonMonthRecord()
        survey.personID = who.id; survey.month = month; survey.surveys = 4; survey.points = satisfaction; survey.maxPoints = 100; survey.poor = 0
        try await survey.create(on: app.db)
    }

    @Test("PRM-18 closing a finished month scores QA and satisfaction less deductions, ranks within the department and marks fails; once")
    func close() async throws {
        try await withTestApp { app in
            let c = try await center(app)
            try await inputs(app, c.best, month: "2026-10", qa: 95, satisfaction: 90)
            try await inputs(app, c.middle, month: "2026-10", qa: 80, satisfaction: 70)
            try await inputs(app, c.weak, month: "2026-10", qa: 50, satisfaction: 60)
            #expect(try await app.send(.POST, "api/v1/evaluations/close", as: c.best, json: ["month": "2026-10"]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/evaluations/close", as: c.director, json: ["month": "2026-11"]).status == .badRequest)
            let closed = try await app.send(.POST, "api/v1/evaluations/close", as: c.director, json: ["month": "2026-10"])
            #expect(closed.status == .ok, "\(closed.body.string)")
            let rows = try closed.items()
            #expect(rows.map { $0["name"] as? String } == ["Chenjing", "Yangli", "Zhaolei"])
            #expect(rows.map { $0["rank"] as? Int } == [1, 2, 3])
            #expect(rows.first?["score"] as? Double == 93.0)           // 95 × 0.6 + 90 × 0.4
            #expect(rows.last?["failed"] as? Bool == true)             // 54 < 60
            #expect(try await app.send(.POST, "api/v1/evaluations/close", as: c.director, json: ["month": "2026-10"]).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/evaluations", as: c.weak).items().count == 1)
        }
    }

    @Test("ORG-08 ORG-09 the month's typing speed and business exam are kept with the evaluation; out-of-range values are 400")
    func skills() async throws {
        try await withTestApp { app in
            let c = try await center(app)
            try await inputs(app, c.best, month: "2026-10", qa: 95, satisfaction: 90)
            _ = try await app.send(.POST, "api/v1/evaluations/close", as: c.director, json: ["month": "2026-10"])
            #expect(try await app.send(.POST, "api/v1/evaluations/skills", as: c.director, json: [
                "user_id": c.best.id.uuidString, "month": "2026-10", "typing_speed": 900]).status == .badRequest)
            let ok = try await app.send(.POST, "api/v1/evaluations/skills", as: c.director, json: [
                "user_id": c.best.id.uuidString, "month": "2026-10", "typing_speed": 52, "exam_score": 88])
            #expect(try ok.object()["typing_speed"] as? Int == 52 && ok.object()["exam_score"] as? Int == 88)
        }
    }

    @Test("PRM-25 a quarterly grade is on the rulebook's scale, once per quarter")
    func quarterly() async throws {
        try await withTestApp { app in
            let c = try await center(app)
            #expect(try await app.send(.POST, "api/v1/quarterly-grades", as: c.director, json: ["user_id": c.best.id.uuidString, "quarter": "2026-Q3", "grade": "S"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/quarterly-grades", as: c.director, json: ["user_id": c.best.id.uuidString, "quarter": "Q3", "grade": "A"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/quarterly-grades", as: c.director, json: ["user_id": c.best.id.uuidString, "quarter": "2026-Q3", "grade": "A"]).status == .created)
            #expect(try await app.send(.POST, "api/v1/quarterly-grades", as: c.director, json: ["user_id": c.best.id.uuidString, "quarter": "2026-Q3", "grade": "B"]).status == .conflict)
        }
    }

    @Test("PRM-15 a promotion of someone who does not meet the criteria is refused with the unmet criteria; one who does goes to the 总经办 and gets the grade (PRM-17)")
    func promotion() async throws {
        try await withTestApp { app in
            let c = try await center(app)
            let fourth = try await app.staff("sunhui", roles: [.agent], departmentID: c.department)
            for month in ["2026-08", "2026-09", "2026-10"] {   // the intermediate grade's 3-month assessment period
                try await inputs(app, fourth, month: month, qa: 85, satisfaction: 85)
                try await inputs(app, c.best, month: month, qa: 95, satisfaction: 90)
                try await inputs(app, c.middle, month: month, qa: 80, satisfaction: 80)
                try await inputs(app, c.weak, month: month, qa: 50, satisfaction: 60)
                #expect(try await app.send(.POST, "api/v1/evaluations/close", as: c.director, json: ["month": month]).status == .ok)
            }
            let refused = try await app.send(.POST, "api/v1/promotions", as: c.director, json: [
                "user_id": c.weak.id.uuidString, "to_grade": "intermediate", "reason": "工作积极"])
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error()["rule"] as? String == "pay_grades.intermediate")
            let fields = try #require(try refused.error()["fields"] as? [String: Any])
            #expect(Set(fields.keys) == ["quarterly_a_grades", "top_rank"])   // rank 4 of 4 each month
            #expect(try refused.error()["message"] as? String != nil)
            let skip = try await app.send(.POST, "api/v1/promotions", as: c.director, json: ["user_id": c.best.id.uuidString, "to_grade": "senior", "reason": "优秀"])
            #expect(skip.status == .unprocessableEntity)
            #expect(try (skip.error()["fields"] as? [String: Any])?["one_level"] != nil)
            #expect(try await app.send(.POST, "api/v1/quarterly-grades", as: c.director, json: ["user_id": c.best.id.uuidString, "quarter": "2026-Q3", "grade": "A"]).status == .created)
            let check = try await app.send(.GET, "api/v1/promotions/check?user_id=\(c.best.id.uuidString)", as: c.best).object()
            #expect(check["eligible"] as? Bool == true && check["monthly_pay"] as? String == "2200")
            #expect(try await app.send(.GET, "api/v1/promotions/check?user_id=\(c.best.id.uuidString)", as: c.weak).status == .forbidden)
            let nominated = try await app.send(.POST, "api/v1/promotions", as: c.director, json: ["user_id": c.best.id.uuidString, "to_grade": "intermediate", "reason": "月度第一，季度A"])
            #expect(nominated.status == .created, "\(nominated.body.string)")
            #expect(try await app.send(.POST, "api/v1/promotions", as: c.director, json: ["user_id": c.best.id.uuidString, "to_grade": "intermediate", "reason": "again"]).status == .conflict)
            let approval = try #require(try nominated.object()["approval_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: c.hr, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: c.gm, json: [:]).status == .ok)
            #expect(try await UserRecord.find(c.best.id, on: app.db)?.grade == "intermediate")
            let after = try await app.send(.GET, "api/v1/promotions/check", as: c.best).object()
            #expect(after["grade"] as? String == "intermediate" && after["monthly_pay"] as? String == "2500")
        }
    }

    @Test("PRM-16 PRM-24 the evaluation pages: the director closes the month and sees the ranking; a refused nomination shows the unmet criteria; an agent sees only their own")
    func pages() async throws {
        try await withTestApp { app in
            let c = try await center(app)
            try await inputs(app, c.best, month: "2026-10", qa: 95, satisfaction: 90)
            var director = WebSession(app)
            try await director.logIn("zhuren", "secret-pass-1")
            try await director.get("/evaluations?month=2026-10")
            #expect(try await director.post("/evaluations/close", ["month": "2026-10"]).status == .seeOther)
            let ranking = try await director.get("/evaluations?month=2026-10")
            #expect(ranking.body.string.contains("Chenjing") && ranking.body.string.contains("93.0"))
            let person = try await director.get("/evaluations/people/\(c.best.id)")
            #expect(person.status == .ok && person.body.string.contains("nominate-form"))
            let refused = try await director.post("/evaluations/people/\(c.best.id)/nominate", ["to_grade": "intermediate", "reason": "表现突出"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("季度考核A等级次数不足") && refused.body.string.contains(app.ruleWords("pay_grades.intermediate")), "\(refused.body.string.components(separatedBy: "flash").dropFirst().first?.prefix(400) ?? "")")
            var agent = WebSession(app)
            try await agent.logIn("zhaolei", "secret-pass-1")
            let own = try await agent.get("/evaluations?month=2026-10")
            #expect(own.body.string.contains("Zhaolei") && !own.body.string.contains("Chenjing"))
            #expect(try await agent.get("/evaluations/people/\(c.best.id)").status == .forbidden)
        }
    }
}
