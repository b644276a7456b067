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

@Suite("Accountability (问责): opening, hearing, written decision, appeal and review")
struct AccountabilityRulesTests {
    @Test("ACC-03/ACC-12 a case against several persons, with the trigger's rule and links to a case and an audit entry as evidence")
    func openWithEvidence() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await AccountabilityCast.make(app)
            let source = try #require(try await app.openCase(as: cast.wang, type: "complaint", extra: [
                "complaint": ["category": "non_quality", "customer_request": "尽快回复"]])["id"] as? String)
            let audit = try #require(try await AuditEventRecord.query(on: app.db).first()?.id)
            let opened = try await app.openAccountability(cast, persons: [cast.wang, cast.li], extra: [
                "joint_liability": true, "source_type": "case", "source_id": source,
                "evidence": [["type": "case", "id": source, "note": "投诉工单"], ["type": "audit_event", "id": audit.uuidString]]])
            #expect(opened["state"] as? String == "opened")
            #expect(opened["trigger_rule"] as? String == "ACC-03")
            #expect(opened["joint_liability"] as? Bool == true)
            #expect(opened["version"] as? Int == 1)
            #expect((opened["number"] as? String)?.hasPrefix("ACC-20261123-") == true)
            #expect((opened["persons"] as? [[String: Any]])?.count == 2)
            let evidence = try #require(opened["evidence"] as? [[String: Any]])
            #expect(Set(evidence.compactMap { $0["type"] as? String }) == ["case", "audit_event"])
            let bad = try await app.send(.POST, "api/v1/accountability-cases", as: cast.director, json: [
                "title": "x", "origin": "manual", "trigger": "dereliction", "facts": "x", "person_ids": [cast.wang.id.uuidString],
                "evidence": [["type": "case", "id": UUID().uuidString]]])
            #expect(bad.status == .badRequest)
            #expect((try bad.error()["fields"] as? [String: Any])?["evidence.0.id"] != nil)
        }
    }

    @Test("ACC-08 a decision before every person concerned is heard is refused with the rule key")
    func hearingFirst() async throws {
        try await withTestApp { app in
            let cast = try await AccountabilityCast.make(app)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang, cast.li])["id"] as? String)
            let decision: [String: Any] = ["facts": "三天未回复", "reasons": "违反首问负责制", "basis": "客服问责制度", "sanctions": ["admonishment_talk"]]
            let early = try await app.send(.POST, "api/v1/accountability-cases/\(id)/decision", as: cast.director, json: decision)
            #expect(early.status == .unprocessableEntity)
            #expect(try early.error()["rule"] as? String == "accountability.statement_before_decision")
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/statements", as: cast.wang, json: ["body": "我的申辩"]).status == .ok)
            let half = try await app.send(.POST, "api/v1/accountability-cases/\(id)/decision", as: cast.director, json: decision)
            #expect(half.status == .unprocessableEntity)
            // The investigator records li's hearing on li's behalf.
            let recorded = try await app.send(.POST, "api/v1/accountability-cases/\(id)/statements", as: cast.investigator,
                                              json: ["body": "当面听取的申辩", "person_id": cast.li.id.uuidString])
            #expect(try recorded.object()["state"] as? String == "heard")
            let decided = try await app.send(.POST, "api/v1/accountability-cases/\(id)/decision", as: cast.director, json: decision)
            #expect(decided.status == .ok, "\(decided.body.string)")
            #expect(try decided.object()["state"] as? String == "decided")
        }
    }

    @Test("ACC-09 the written decision needs facts, reasons, basis and sanctions, and states the appeal right and deadline")
    func writtenDecision() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await AccountabilityCast.make(app)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang])["id"] as? String)
            _ = try await app.send(.POST, "api/v1/accountability-cases/\(id)/statements", as: cast.wang, json: ["body": "申辩"])
            let empty = try await app.send(.POST, "api/v1/accountability-cases/\(id)/decision", as: cast.director, json: ["facts": " "])
            #expect(empty.status == .badRequest)
            #expect(empty.errorCode == "validation_failed")
            let fields = try #require(try empty.error()["fields"] as? [String: Any])
            #expect(Set(fields.keys) == ["facts", "reasons", "basis", "sanctions"])
            let decided = try await app.decideAccountability(cast, id, persons: [])
            let decision = try #require(decided["decision"] as? [String: Any])
            #expect(decision["appeal_right"] as? Bool == true)
            #expect(decision["appeal_to"] as? String == "hr")
            #expect(decision["appeal_within"] as? String == "3 natural_days")
            #expect(decision["appeal_deadline"] as? String == "2026-11-26T02:00:00Z")
            #expect(decision["rule"] as? String == "accountability.appeal_within")
            let events = try await AuditEventRecord.query(on: app.db).filter(\.$subjectType == "accountability_case").all()
            #expect(events.contains { $0.action == "accountability.decided" && $0.ruleKey == "accountability.sanctions" })
            #expect(events.contains { $0.action == "accountability.appeal_deadline" && $0.ruleKey == "accountability.appeal_within" })
            // Delivery: the person acknowledges receipt.
            let delivered = try await app.send(.POST, "api/v1/accountability-cases/\(id)/acknowledge", as: cast.wang, json: [:])
            #expect(try delivered.object()["state"] as? String == "delivered")
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/acknowledge", as: cast.wang, json: [:]).status == .conflict)
        }
    }

    @Test("ACC-07/ACC-36 sanctions come from the rulebook's catalogue and combine only when it allows")
    func sanctionsCatalogue() async throws {
        try await withTestApp { app in
            let cast = try await AccountabilityCast.make(app)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang])["id"] as? String)
            _ = try await app.send(.POST, "api/v1/accountability-cases/\(id)/statements", as: cast.wang, json: ["body": "申辩"])
            func decide(_ sanctions: [String], fine: Any? = nil) async throws -> TestingHTTPResponse {
                var body: [String: Any] = ["facts": "f", "reasons": "r", "basis": "b", "sanctions": sanctions]
                if let fine { body["fine_amount"] = fine }
                return try await app.send(.POST, "api/v1/accountability-cases/\(id)/decision", as: cast.director, json: body)
            }
            let outside = try await decide(["transfer"])
            #expect(outside.status == .unprocessableEntity)
            #expect(try outside.error()["rule"] as? String == "accountability.sanctions")
            #expect(try await decide(["flogging"]).status == .unprocessableEntity)
            app.services.rulebook.accountability.sanctionsCombinable = false
            let combined = try await decide(["admonishment_talk", "circulated_criticism"])
            #expect(combined.status == .unprocessableEntity)
            #expect(try combined.error()["rule"] as? String == "accountability.sanctions_combinable")
            #expect(try await decide(["fine"]).status == .badRequest)
            app.services.rulebook.accountability.sanctionsCombinable = true
            let fined = try await decide(["admonishment_talk", "fine"], fine: 200)
            #expect(fined.status == .ok, "\(fined.body.string)")
            let decision = try #require(try fined.object()["decision"] as? [String: Any])
            #expect(decision["sanctions"] as? [String] == ["admonishment_talk", "fine"])
            #expect(decision["fine_amount"] as? String == "200.00")
        }
    }

    @Test("ACC-10 an appeal within 3 days of the decision is accepted; after that it is refused with the rule key")
    func appealWindow() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await AccountabilityCast.make(app)
            let late = try #require(try await app.openAccountability(cast, persons: [cast.wang])["id"] as? String)
            let inTime = try #require(try await app.openAccountability(cast, persons: [cast.li])["id"] as? String)
            _ = try await app.decideAccountability(cast, late, persons: [cast.wang])
            _ = try await app.decideAccountability(cast, inTime, persons: [cast.li])
            clock.now = Date.t0.addingTimeInterval(2 * 86_400)
            let accepted = try await app.send(.POST, "api/v1/accountability-cases/\(inTime)/appeal", as: cast.li, json: ["reason": "事实认定有误"])
            #expect(accepted.status == .ok, "\(accepted.body.string)")
            let appeal = try #require(try accepted.object()["appeal"] as? [String: Any])
            #expect(appeal["reviewer_role"] as? String == "hr")
            #expect(appeal["decision_in_force"] as? Bool == true)
            clock.now = Date.t0.addingTimeInterval(3 * 86_400 + 60)
            let refused = try await app.send(.POST, "api/v1/accountability-cases/\(late)/appeal", as: cast.wang, json: ["reason": "事实认定有误"])
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error()["rule"] as? String == "accountability.appeal_within")
            // Only a person held to account appeals.
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(late)/appeal", as: cast.director, json: ["reason": "x"]).status == .forbidden)
        }
    }

    @Test("ACC-26/ACC-35 with a 15-day window an appeal on day 10 is accepted, the decision stays in force, and the reviewer upholds or corrects it")
    func fifteenDayVariant() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            app.services.rulebook.accountability.appealWithin = DurationSpec(value: 15, unit: .naturalDays)
            let cast = try await AccountabilityCast.make(app)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang])["id"] as? String)
            let decided = try await app.decideAccountability(cast, id, persons: [cast.wang])
            #expect((decided["decision"] as? [String: Any])?["appeal_deadline"] as? String == "2026-12-08T02:00:00Z")
            clock.now = Date.t0.addingTimeInterval(10 * 86_400)
            let appealed = try await app.send(.POST, "api/v1/accountability-cases/\(id)/appeal", as: cast.wang, json: ["reason": "处罚过重"])
            #expect(appealed.status == .ok, "\(appealed.body.string)")
            #expect((try appealed.object()["appeal"] as? [String: Any])?["decision_in_force"] as? Bool == true)
            let events = try await AuditEventRecord.query(on: app.db).filter(\.$action == "accountability.decision_in_force").all()
            #expect(events.first?.ruleKey == "accountability.appeal_suspends_decision")
            // Review: only the appeal_to role (hr) may decide it.
            let review: [String: Any] = ["outcome": "corrected", "comment": "情节较轻，改为诫勉谈话", "sanctions": ["admonishment_talk"]]
            let wrong = try await app.send(.POST, "api/v1/accountability-cases/\(id)/review", as: cast.director, json: review)
            #expect(wrong.status == .forbidden)
            let reviewed = try await app.send(.POST, "api/v1/accountability-cases/\(id)/review", as: cast.hr, json: review)
            #expect(reviewed.status == .ok, "\(reviewed.body.string)")
            let body = try reviewed.object()
            #expect(body["state"] as? String == "reviewed")
            #expect((body["appeal"] as? [String: Any])?["outcome"] as? String == "corrected")
            #expect((body["appeal"] as? [String: Any])?["corrected_sanctions"] as? [String] == ["admonishment_talk"])
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/review", as: cast.hr, json: review).status == .conflict)
        }
    }

    @Test("ACC-35 when the rulebook suspends the decision during review, the appeal records it")
    func suspendedDuringReview() async throws {
        try await withTestApp { app in
            app.services.rulebook.accountability.appealSuspendsDecision = true
            let cast = try await AccountabilityCast.make(app)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang])["id"] as? String)
            _ = try await app.decideAccountability(cast, id, persons: [cast.wang])
            let appealed = try await app.send(.POST, "api/v1/accountability-cases/\(id)/appeal", as: cast.wang, json: ["reason": "不服"])
            #expect((try appealed.object()["appeal"] as? [String: Any])?["decision_in_force"] as? Bool == false)
            let upheld = try await app.send(.POST, "api/v1/accountability-cases/\(id)/review", as: cast.hr, json: ["outcome": "upheld", "comment": "维持原决定"])
            #expect((try upheld.object()["appeal"] as? [String: Any])?["outcome"] as? String == "upheld")
        }
    }

    @Test("ACC-11 the responsible person files cause, solution and contingency plan; the case is filed only with every analysis, after the window")
    func causeAnalysis() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await AccountabilityCast.make(app)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang, cast.li])["id"] as? String)
            _ = try await app.decideAccountability(cast, id, persons: [cast.wang, cast.li])
            for person in [cast.wang, cast.li] { _ = try await app.send(.POST, "api/v1/accountability-cases/\(id)/acknowledge", as: person, json: [:]) }
            let partial = try await app.send(.POST, "api/v1/accountability-cases/\(id)/cause-analysis", as: cast.wang, json: ["cause": "未设提醒"])
            #expect(partial.status == .badRequest)
            #expect(Set(((try partial.error()["fields"] as? [String: Any]) ?? [:]).keys) == ["solution", "contingency_plan"])
            let filed = try await app.send(.POST, "api/v1/accountability-cases/\(id)/cause-analysis", as: cast.wang, json: [
                "cause": "未设提醒", "solution": "工单加到期提醒", "contingency_plan": "系统故障时改用纸质登记并报班长"])
            #expect(filed.status == .ok)
            #expect((try filed.object()["persons"] as? [[String: Any]])?.first { $0["user_id"] as? String == cast.wang.id.uuidString }?["cause_analysis_filed"] as? Bool == true)
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/cause-analysis", as: cast.director,
                                       json: ["cause": "x", "solution": "x", "contingency_plan": "x"]).status == .forbidden)
            let early = try await app.send(.POST, "api/v1/accountability-cases/\(id)/close", as: cast.director, json: [:])
            #expect(try early.error()["rule"] as? String == "accountability.appeal_within")
            clock.now = Date.t0.addingTimeInterval(4 * 86_400)
            let missing = try await app.send(.POST, "api/v1/accountability-cases/\(id)/close", as: cast.director, json: [:])
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.error()["rule"] as? String == "accountability.cause_analysis")
            _ = try await app.send(.POST, "api/v1/accountability-cases/\(id)/cause-analysis", as: cast.li, json: [
                "cause": "交接遗漏", "solution": "交接表", "contingency_plan": "双人复核"])
            let closed = try await app.send(.POST, "api/v1/accountability-cases/\(id)/close", as: cast.director, json: [:])
            #expect(try closed.object()["state"] as? String == "final")
        }
    }

    @Test("ACC-28 a person concerned may not investigate; the investigator steps aside and is replaced")
    func recusal() async throws {
        try await withTestApp { app in
            let cast = try await AccountabilityCast.make(app)
            let conflict = try await app.send(.POST, "api/v1/accountability-cases", as: cast.director, json: [
                "title": "x", "origin": "manual", "trigger": "dereliction", "facts": "x",
                "person_ids": [cast.wang.id.uuidString], "investigator_id": cast.wang.id.uuidString])
            #expect(conflict.status == .badRequest)
            #expect((try conflict.error()["fields"] as? [String: Any])?["investigator_id"] != nil)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang])["id"] as? String)
            let toPerson = try await app.send(.POST, "api/v1/accountability-cases/\(id)/recusal", as: cast.investigator,
                                              json: ["reason": "与当事人是亲属", "replacement_id": cast.wang.id.uuidString])
            #expect(toPerson.status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/recusal", as: cast.investigator, json: ["reason": "亲属"]).status == .badRequest)
            let stepped = try await app.send(.POST, "api/v1/accountability-cases/\(id)/recusal", as: cast.investigator,
                                             json: ["reason": "与当事人是亲属", "replacement_id": cast.bystander.id.uuidString])
            #expect(stepped.status == .ok, "\(stepped.body.string)")
            let body = try stepped.object()
            #expect(body["investigator_id"] as? String == cast.bystander.id.uuidString)
            #expect((body["recusals"] as? [[String: Any]])?.first?["investigator_id"] as? String == cast.investigator.id.uuidString)
            // The former investigator no longer sees the case; the new one does.
            #expect(try await app.send(.GET, "api/v1/accountability-cases/\(id)", as: cast.investigator).status == .notFound)
            #expect(try await app.send(.GET, "api/v1/accountability-cases/\(id)", as: cast.bystander).status == .ok)
        }
    }

    @Test("ACC-32 mitigating and aggravating circumstances are recorded on the case and with the decision")
    func circumstances() async throws {
        try await withTestApp { app in
            let cast = try await AccountabilityCast.make(app)
            let id = try #require(try await app.openAccountability(cast, persons: [cast.wang], extra: [
                "circumstances": [["kind": "mitigating", "description": "主动挽回损失"]]])["id"] as? String)
            let recorded = try await app.send(.POST, "api/v1/accountability-cases/\(id)/circumstances", as: cast.investigator,
                                              json: ["circumstances": [["kind": "aggravating", "description": "隐瞒结果逃避责任"]]])
            #expect(recorded.status == .ok)
            let decided = try await app.decideAccountability(cast, id, persons: [cast.wang], extra: [
                "circumstances": [["kind": "mitigating", "description": "积极配合、承认错误"]]])
            let kinds = (decided["circumstances"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
            #expect(kinds == ["mitigating", "aggravating", "mitigating"])
            #expect(try await app.send(.POST, "api/v1/accountability-cases/\(id)/circumstances", as: cast.investigator,
                                       json: ["circumstances": [["kind": "lenient", "description": "x"]]]).status == .badRequest)
        }
    }
}
