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

@Suite("Quality inspection (质检): scorecards, corrections, disputes, quota, sampler and summaries")
struct QualityInspectionTests {
    @Test("QA-03/QA-04 a call is scored on the 服务质量综合考评表 with weights; the agent is the case's handler; audited with the rule")
    func scoreCall() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await QualityCast.make(app)
            let card = try await app.inspect(cast, agent: cast.wang)
            #expect(card["form"] as? String == "call")
            #expect(card["agent_id"] as? String == cast.wang.id.uuidString)
            #expect(card["total"] as? Double == 92.5)
            #expect(card["findings"] as? Int == 1)
            #expect(card["month"] as? String == "2026-11")
            let scores = try #require(card["scores"] as? [[String: Any]])
            #expect(scores.map { $0["criterion"] as? String } == ["service_phrases", "service_attitude", "tone", "needs_summary", "adaptability"])
            #expect(scores[2]["finding"] as? Bool == true)
            #expect(scores[2]["label"] as? String == "语气语调")
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "qa.inspected").first()
            #expect(audit?.ruleKey == "quality.criteria")
        }
    }

    @Test("QA-11 a chat case is scored on the chat-log criteria")
    func scoreChat() async throws {
        try await withTestApp { app in
            let cast = try await QualityCast.make(app)
            let caseID = try #require(try await app.openCase(as: cast.wang, channel: "chat", phone: Application.uniquePhone())["id"] as? String)
            let chat = ["chat_greeting", "chat_closing", "chat_attitude", "chat_phrases", "chat_knowledge"].map { ["criterion": $0, "score": 8] }
            let wrong = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: ["case_id": caseID, "scores": Application.callScores()])
            #expect(wrong.status == .badRequest)
            let response = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: ["case_id": caseID, "scores": chat])
            #expect(response.status == .created, "\(response.body.string)")
            #expect(try response.object()["form"] as? String == "chat")
            #expect(try response.object()["total"] as? Double == 80)
        }
    }

    @Test("QA-03 a score outside the scale, an unknown criterion or a missing case is a 400 naming the field")
    func badInput() async throws {
        try await withTestApp { app in
            let cast = try await QualityCast.make(app)
            let caseID = try #require(try await app.openCase(as: cast.wang, phone: Application.uniquePhone())["id"] as? String)
            let outside = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: ["case_id": caseID, "scores": Application.callScores(tone: 11)])
            #expect(outside.status == .badRequest)
            #expect(outside.errorCode == "validation_failed")
            #expect((try outside.error()["fields"] as? [String: Any])?["scores.tone"] as? String != nil)
            var unknown = Application.callScores()
            unknown.append(["criterion": "smile", "score": 3])
            let bad = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: ["case_id": caseID, "scores": unknown])
            #expect(bad.status == .badRequest)
            #expect((try bad.error()["fields"] as? [String: Any])?["scores.smile"] != nil)
            let negative = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: ["case_id": caseID, "scores": Application.callScores(tone: -1)])
            #expect(negative.status == .badRequest)
            let missing = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: ["scores": Application.callScores()])
            #expect(missing.status == .badRequest)
            let noCase = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: ["case_id": UUID().uuidString, "scores": Application.callScores()])
            #expect(noCase.status == .badRequest)
            let badMonth = try await app.send(.GET, "api/v1/qa/monthly?month=2026-13", as: cast.inspector)
            #expect(badMonth.status == .badRequest)
        }
    }

    @Test("QA-01 the agent gets the correction at once and acknowledges it once; someone else's scorecard is 404, scoring needs qa.inspect")
    func correction() async throws {
        try await withTestApp { app in
            let cast = try await QualityCast.make(app)
            let card = try await app.inspect(cast, agent: cast.wang)
            let id = try #require(card["id"] as? String)
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$userID == cast.wang.id).filter(\.$kind == "qa.inspected").all()
            #expect(notices.count == 1)
            #expect(notices.first?.titleKey == "notice.qa_correction")
            #expect(try await app.send(.GET, "api/v1/qa/inspections/\(id)", as: cast.li).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/acknowledge", as: cast.li).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/acknowledge", as: cast.inspector).status == .forbidden)
            let acknowledged = try await app.send(.POST, "api/v1/qa/inspections/\(id)/acknowledge", as: cast.wang)
            #expect(acknowledged.status == .ok)
            #expect(try acknowledged.object()["acknowledged_at"] as? String != nil)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/acknowledge", as: cast.wang).status == .conflict)
            // Agents cannot score, nor read the board.
            let caseID = try #require(card["case_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/qa/inspections", as: cast.li, json: ["case_id": caseID, "scores": Application.callScores()]).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/qa/quota", as: cast.li).status == .forbidden)
            // Lists: an agent sees only their own, whatever they ask for.
            #expect(try await app.send(.GET, "api/v1/qa/inspections?mine=true", as: cast.wang).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/qa/inspections", as: cast.li).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/qa/inspections?agent_id=\(cast.wang.id)", as: cast.li).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/qa/inspections?agent_id=\(cast.wang.id)&month=2026-11", as: cast.inspector).items().count
                    == (card["month"] as? String == "2026-11" ? 1 : 0))
        }
    }

    @Test("QA-04 the agent disputes once; the CS director corrects it and the monthly aggregate follows; a decided dispute is 409")
    func dispute() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await QualityCast.make(app)
            let id = try #require(try await app.inspect(cast, agent: cast.wang)["id"] as? String)
            _ = try await app.inspect(cast, agent: cast.wang, tone: 10)
            let before = try await app.send(.GET, "api/v1/qa/monthly?month=2026-11", as: cast.inspector).object()
            let row = try #require((before["items"] as? [[String: Any]])?.first)
            #expect(row["inspections"] as? Int == 2)
            #expect(row["average"] as? Double == 96.3)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute/decision", as: cast.director,
                                       json: ["outcome": "upheld", "reason": "x"]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute", as: cast.wang, json: ["reason": " "]).status == .badRequest)
            let disputed = try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute", as: cast.wang, json: ["reason": "客户先骂人，语气正常"])
            #expect(disputed.status == .ok)
            #expect((try disputed.object()["dispute"] as? [String: Any])?["state"] as? String == "disputed")
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute", as: cast.wang, json: ["reason": "再次"]).status == .conflict)
            let directorNotices = try await NotificationRecord.query(on: app.db).filter(\.$userID == cast.director.id).filter(\.$kind == "qa.disputed").count()
            #expect(directorNotices == 1)
            // Only the rulebook's decider (cs_director) decides.
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute/decision", as: cast.inspector,
                                       json: ["outcome": "upheld", "reason": "x"]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute/decision", as: cast.wang,
                                       json: ["outcome": "upheld", "reason": "x"]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute/decision", as: cast.director,
                                       json: ["outcome": "corrected", "reason": "复听录音"]).status == .badRequest)
            let decided = try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute/decision", as: cast.director,
                                             json: ["outcome": "corrected", "reason": "复听录音，语气正常", "scores": Application.callScores(tone: 10)])
            #expect(decided.status == .ok, "\(decided.body.string)")
            let body = try decided.object()
            #expect(body["total"] as? Double == 100)
            #expect(body["findings"] as? Int == 0)
            #expect((body["dispute"] as? [String: Any])?["state"] as? String == "corrected")
            #expect((body["dispute"] as? [String: Any])?["original_total"] as? Double == 92.5)
            let after = try await app.send(.GET, "api/v1/qa/monthly?month=2026-11", as: cast.inspector).object()
            let updated = try #require((after["items"] as? [[String: Any]])?.first)
            #expect(updated["inspections"] as? Int == 2)
            #expect(updated["average"] as? Double == 100)
            #expect(updated["findings"] as? Int == 0)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute/decision", as: cast.director,
                                       json: ["outcome": "upheld", "reason": "x"]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/qa/inspections/\(id)/dispute", as: cast.wang, json: ["reason": "又一次"]).status == .conflict)
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "qa.dispute_decided").first()
            #expect(audit?.ruleKey == "quality.dispute_decided_by")
        }
    }

    @Test("QA-02 an agent below the monthly quota shows on the board until inspected often enough")
    func quotaBoard() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await QualityCast.make(app)
            for _ in 0..<3 { _ = try await app.inspect(cast, agent: cast.wang) }
            let board = try await app.send(.GET, "api/v1/qa/quota", as: cast.inspector)
            #expect(board.status == .ok)
            let body = try board.object()
            #expect(body["quota"] as? Int == 3)
            #expect(body["month"] as? String == "2026-11")
            let items = try #require(body["items"] as? [[String: Any]])
            let li = try #require(items.first { $0["agent_id"] as? String == cast.li.id.uuidString })
            let wang = try #require(items.first { $0["agent_id"] as? String == cast.wang.id.uuidString })
            #expect(li["below"] as? Bool == true)
            #expect(li["remaining"] as? Int == 3)
            #expect(wang["below"] as? Bool == false)
            #expect(wang["inspections"] as? Int == 3)
            #expect(items.first?["agent_id"] as? String == cast.li.id.uuidString)
            let other = try await app.send(.GET, "api/v1/qa/quota?month=2026-10", as: cast.inspector).object()
            #expect((other["items"] as? [[String: Any]])?.allSatisfy { $0["below"] as? Bool == true } == true)
        }
    }

    @Test("QA-02 the sampler proposes a closed case of an agent below quota, every complaint and every flagged case, until inspected")
    func sampler() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await QualityCast.make(app)
            let closed = try #require(try await app.openCase(as: cast.li, phone: Application.uniquePhone())["id"] as? String)
            try await app.close(closed, as: cast.li)
            let complaint = try #require(try await app.openCase(as: cast.wang, type: "complaint", phone: Application.uniquePhone(), extra: [
                "complaint": ["category": "non_quality", "customer_request": "尽快回复"]])["id"] as? String)
            let flagged = try #require(try await app.openCase(as: cast.wang, phone: Application.uniquePhone())["id"] as? String)
            // The seam: another module (surveys) flags a case with a poor rating.
            try await QualityRepository(db: app.db).flag(caseID: UUID(uuidString: flagged)!, reason: "poor_survey", at: .t0)
            try await QualityRepository(db: app.db).flag(caseID: UUID(uuidString: flagged)!, reason: "poor_survey", at: .t0)
            let samples = try await app.send(.GET, "api/v1/qa/samples", as: cast.inspector).items()
            let reasons = Dictionary(samples.map { ($0["case_id"] as? String ?? "", $0["reason"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
            #expect(reasons[closed] == "random")
            #expect(reasons[complaint] == "complaint")
            #expect(reasons[flagged] == "flagged")
            #expect(samples.first { $0["case_id"] as? String == flagged }?["flag_reason"] as? String == "poor_survey")
            #expect(samples.first { $0["case_id"] as? String == closed }?["agent_id"] as? String == cast.li.id.uuidString)
            for id in [closed, complaint, flagged] {
                let scored = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector, json: ["case_id": id, "scores": Application.callScores()])
                #expect(scored.status == .created, "\(scored.body.string)")
            }
            let after = try await app.send(.GET, "api/v1/qa/samples", as: cast.inspector).items().compactMap { $0["case_id"] as? String }
            #expect(Set(after).isDisjoint(with: [closed, complaint, flagged]))
            #expect(try await QualityFlagRecord.query(on: app.db).filter(\.$inspectionID == nil).count() == 0)
        }
    }

    @Test("QA-05 the weekly summary lists each agent's findings and corrections, with a training plan submitted to the CS director")
    func weekly() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await QualityCast.make(app)
            _ = try await app.inspect(cast, agent: cast.wang)
            _ = try await app.inspect(cast, agent: cast.li, tone: 10)
            let plan = try await app.send(.POST, "api/v1/qa/training-plans", as: cast.inspector, json: ["week": "2026-11-25", "plan": "语气语调专项培训"])
            #expect(plan.status == .created, "\(plan.body.string)")
            let individual = try await app.send(.POST, "api/v1/qa/training-plans", as: cast.inspector,
                                                json: ["week": "2026-11-25", "agent_id": cast.wang.id.uuidString, "plan": "一对一辅导"])
            #expect(individual.status == .created)
            let again = try await app.send(.POST, "api/v1/qa/training-plans", as: cast.inspector, json: ["week": "2026-11-23", "plan": "全员：语气语调"])
            #expect(again.status == .ok)
            #expect(try await app.send(.POST, "api/v1/qa/training-plans", as: cast.inspector, json: ["plan": ""]).status == .badRequest)
            let summary = try await app.send(.GET, "api/v1/qa/weekly?week=2026-11-24", as: cast.inspector).object()
            #expect(summary["week_start"] as? String == "2026-11-23")
            #expect(summary["week_end"] as? String == "2026-11-29")
            #expect(summary["inspections"] as? Int == 2)
            let agents = try #require(summary["agents"] as? [[String: Any]])
            let wang = try #require(agents.first { $0["agent_id"] as? String == cast.wang.id.uuidString })
            #expect((wang["findings"] as? [[String: Any]])?.first?["criterion"] as? String == "tone")
            #expect((wang["corrections"] as? [String]) == ["注意语气"])
            let plans = try #require(summary["training_plans"] as? [[String: Any]])
            #expect(plans.count == 2)
            #expect(plans.first?["plan"] as? String == "全员：语气语调")
            #expect(plans.first?["target"] as? String == "all")
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$userID == cast.director.id).filter(\.$kind == "qa.training_plan").count()
            #expect(notices >= 1)
        }
    }

    @Test("QA-06 the common problems of the last days list the most frequent findings with their notes")
    func commonProblems() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await QualityCast.make(app)
            _ = try await app.inspect(cast, agent: cast.wang)
            _ = try await app.inspect(cast, agent: cast.li)
            let caseID = try #require(try await app.openCase(as: cast.li, phone: Application.uniquePhone())["id"] as? String)
            let scored = try await app.send(.POST, "api/v1/qa/inspections", as: cast.inspector,
                                            json: ["case_id": caseID, "scores": Application.callScores(tone: 10, phrases: 2)])
            #expect(scored.status == .created)
            let problems = try await app.send(.GET, "api/v1/qa/common-problems", as: cast.inspector).object()
            #expect(problems["days"] as? Int == 7)
            let criteria = try #require(problems["criteria"] as? [[String: Any]])
            #expect(criteria.map { $0["criterion"] as? String } == ["tone", "service_phrases"])
            #expect(criteria.first?["count"] as? Int == 2)
            let notes = try #require(problems["notes"] as? [[String: Any]])
            #expect(notes.contains { $0["note"] as? String == "语气生硬" })
            // The window: the last 7 calendar days including today (t0 is 2026-11-23 in Asia/Shanghai).
            #expect(problems["since"] as? String == "2026-11-16T16:00:00Z")
            #expect(try await app.send(.GET, "api/v1/qa/common-problems?days=0", as: cast.inspector).status == .badRequest)
        }
    }
}
