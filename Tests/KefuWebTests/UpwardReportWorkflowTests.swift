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

/// Reports to a superior: one level at a time (ESC-06), the proposal and the instruction record (ESC-07).
@Suite("Upward reports: skipping, instruction and objection (ESC-06/07)")
struct UpwardReportWorkflowTests {
    @Test("ESC-06 a skip without an emergency is refused naming escalation.chain; an emergency skips one level and the skipped leader is told")
    func skip() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let flagged = try await app.fileUpward(as: org.lina, extra: ["skip_level": true])
            #expect(flagged.status == .unprocessableEntity)
            #expect(try flagged.error()["rule"] as? String == "escalation.chain")
            let chosen = try await app.fileUpward(as: org.lina, extra: ["superior_id": org.shiftLeader.id.uuidString])
            #expect(chosen.status == .unprocessableEntity)
            #expect(try chosen.error()["rule"] as? String == "escalation.chain")
            let tooFar = try await app.fileUpward(as: org.lina, extra: ["superior_id": org.director.id.uuidString, "emergency": true])
            #expect(tooFar.status == .unprocessableEntity)
            #expect(try await UpwardReportRecord.query(on: app.db).count() == 0)
            let skipped = try await app.fileUpward(as: org.lina, category: "safety_danger", extra: ["skip_level": true, "emergency": true])
            #expect(skipped.status == .created, "\(skipped.body.string)")
            let report = try skipped.object()
            let id = try #require(report["id"] as? String)
            #expect(report["superior_id"] as? String == org.shiftLeader.id.uuidString)
            #expect(report["skipped_id"] as? String == org.leaderA.id.uuidString)
            #expect(try await app.upwardInbox(org.leaderA).contains { $0.kind == "upward_report.skipped" })
            #expect(try await app.upwardInbox(org.shiftLeader).contains { $0.kind == "upward_report.filed" })
            #expect(try await app.upwardAudit(id).contains { $0.action == "upward_report.skipped_informed" && $0.ruleKey == "escalation.chain" })
            #expect(try await app.send(.GET, "api/v1/upward-reports/\(id)", as: org.leaderA).status == .ok)
            #expect(try await app.send(.GET, "api/v1/upward-reports?box=addressed", as: org.leaderA).items().count == 1)
        }
    }

    @Test("ESC-07 a report without a proposed handling is refused naming the rule key; bad fields and a wrong superior are 400")
    func proposalRequired() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            for proposal in ["", "  ", "好"] {
                let refused = try await app.fileUpward(as: org.lina, proposal: proposal)
                #expect(refused.status == .unprocessableEntity)
                #expect(try refused.error()["rule"] as? String == "upward_reports.proposal_min_chars")
            }
            let missing = try await app.send(.POST, "api/v1/upward-reports", as: org.lina, json: ["category": "nonsense", "proposal": "建议退费处理"])
            #expect(missing.status == .badRequest)
            let fields = Set(((try missing.error()["fields"] as? [String: Any]) ?? [:]).keys)
            #expect(fields == ["category", "summary", "details"])
            for wrong in [org.zhao.id, org.leaderB.id, UUID()] {
                let refused = try await app.fileUpward(as: org.lina, extra: ["superior_id": wrong.uuidString])
                #expect(refused.status == .badRequest)
                #expect((try refused.error()["fields"] as? [String: Any])?["superior_id"] != nil)
            }
            #expect(try await UpwardReportRecord.query(on: app.db).count() == 0)
            #expect(try await app.fileUpward(as: org.lina, extra: ["superior_id": org.leaderA.id.uuidString]).status == .created)
        }
    }

    @Test("ESC-07 only the addressed superior records the instruction, in detail and once; concurrent instructions: exactly one wins")
    func instruction() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let id = try #require(try await app.fileUpward(as: org.lina).object()["id"] as? String)
            let path = "api/v1/upward-reports/\(id)/instruction"
            #expect(try await app.send(.POST, path, as: org.leaderB, json: ["instruction": "同意退费"]).status == .notFound)
            #expect(try await app.send(.POST, path, as: org.shiftLeader, json: ["instruction": "同意按规定退费"]).status == .forbidden)
            #expect(try await app.send(.POST, path, as: org.lina, json: ["instruction": "同意按规定退费"]).status == .forbidden)
            #expect(try await app.send(.POST, path, as: org.leaderA, json: ["instruction": " "]).status == .badRequest)
            let short = try await app.send(.POST, path, as: org.leaderA, json: ["instruction": "行"])
            #expect(short.status == .unprocessableEntity)
            #expect(try short.error()["rule"] as? String == "upward_reports.instruction_min_chars")
            let done = try await app.send(.POST, path, as: org.leaderA, json: ["instruction": "同意退还一个月月租，其余报技术部核实"])
            #expect(done.status == .ok)
            #expect(try done.object()["status"] as? String == "instructed")
            #expect(try await app.send(.POST, path, as: org.leaderA, json: ["instruction": "再次批示内容不应生效"]).status == .conflict)
            #expect(try await app.upwardInbox(org.lina).contains { $0.kind == "upward_report.instructed" })

            let other = try #require(try await app.fileUpward(as: org.lina).object()["id"] as? String)
            async let first = app.send(.POST, "api/v1/upward-reports/\(other)/instruction", as: org.leaderA, json: ["instruction": "第一条指示：按规定退费"])
            async let second = app.send(.POST, "api/v1/upward-reports/\(other)/instruction", as: org.leaderA, json: ["instruction": "第二条指示：暂不退费"])
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.filter { $0 == .conflict }.count == 1)
            let steps = try await UpwardReportStepRecord.query(on: app.db).filter(\.$reportID == UUID(uuidString: other)!).filter(\.$kind == "instructed").count()
            #expect(steps == 1)
        }
    }

    @Test("ESC-07 an objection the superior insists on: execute first, then the objection goes one level above the superior")
    func executeFirst() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let id = try #require(try await app.fileUpward(as: org.lina).object()["id"] as? String)
            let base = "api/v1/upward-reports/\(id)"
            _ = try await app.send(.POST, "\(base)/instruction", as: org.leaderA, json: ["instruction": "不予退费，向客户解释资费规定"])
            #expect(try await app.send(.POST, "\(base)/objection", as: org.leaderA, json: ["objection": "x"]).status == .forbidden)
            #expect(try await app.send(.POST, "\(base)/objection", as: org.lina, json: ["objection": ""]).status == .badRequest)
            #expect(try await app.send(.POST, "\(base)/execution", as: org.lina, json: ["execution": "已解释"]).status == .conflict)
            let objected = try await app.send(.POST, "\(base)/objection", as: org.lina, json: ["objection": "客户确实三个月无法上网，应退费"])
            #expect(try objected.object()["status"] as? String == "objected")
            #expect(try await app.send(.POST, "\(base)/instruction", as: org.leaderA, json: ["instruction": "坚持原指示，不予退费", "insist": true]).status == .ok)
            #expect(try await app.send(.POST, "\(base)/acknowledge", as: org.lina).status == .conflict)
            let waiting = try await app.send(.GET, base, as: org.lina).object()
            #expect(waiting["status"] as? String == "insisted" && (waiting["forwarded_to_id"] as? String) == nil)
            let executed = try await app.send(.POST, "\(base)/execution", as: org.lina, json: ["execution": "已按指示向客户解释，客户暂时接受"])
            #expect(executed.status == .ok)
            let report = try executed.object()
            #expect(report["status"] as? String == "forwarded" && report["forwarded_to_id"] as? String == org.shiftLeader.id.uuidString)
            #expect(try await app.upwardInbox(org.shiftLeader).contains { $0.kind == "upward_report.forwarded" })
            let steps = (try await app.send(.GET, base, as: org.shiftLeader).object()["steps"] as? [[String: Any]]) ?? []
            #expect(steps.compactMap { $0["kind"] as? String } == ["filed", "instructed", "objected", "insisted", "executed", "forwarded"])
            let audit = try await app.upwardAudit(id)
            #expect(audit.count == 6 && audit.allSatisfy { $0.ruleKey != nil })
            #expect(audit.contains { $0.action == "upward_report.forwarded" && $0.ruleKey == "escalation.chain" })
        }
    }

    @Test("ESC-07 an acknowledged instruction is executed and the report closes; lists filter mine, addressed and open, keyset-paginated")
    func acknowledgeAndLists() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try #require(try await app.fileUpward(as: org.lina).object()["id"] as? String)) }
            let base = "api/v1/upward-reports/\(ids[0])"
            _ = try await app.send(.POST, "\(base)/instruction", as: org.leaderA, json: ["instruction": "同意退还一个月月租"])
            #expect(try await app.send(.POST, "\(base)/acknowledge", as: org.leaderA).status == .forbidden)
            #expect(try await app.send(.POST, "\(base)/acknowledge", as: org.lina).object()["status"] as? String == "acknowledged")
            #expect(try await app.send(.POST, "\(base)/execution", as: org.lina, json: ["execution": "已办理退费"]).object()["status"] as? String == "executed")
            #expect(try await app.send(.GET, "api/v1/upward-reports?box=mine&open=true", as: org.lina).items().count == 2)
            let page = try await app.send(.GET, "api/v1/upward-reports?box=addressed&limit=2", as: org.leaderA).object()
            let cursor = try #require(page["next_cursor"] as? String)
            let second = try await app.send(.GET, "api/v1/upward-reports?box=addressed&limit=2&cursor=\(cursor)", as: org.leaderA)
            let firstIDs = Set(((page["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
            #expect(try second.items().count == 1 && firstIDs.union(try second.items().compactMap { $0["id"] as? String }) == Set(ids), "\(second.body.string)")
            #expect(try await app.send(.GET, "api/v1/upward-reports?cursor=garbage", as: org.leaderA).status == .badRequest)
        }
    }

    @Test("ESC-07 a report not instructed in time reminds its superior once, audited with upward_reports.instruct_within")
    func overdue() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let org = try await UpwardOrg.make(app)
            let id = try #require(try await app.fileUpward(as: org.lina, category: "safety_danger", extra: ["emergency": true]).object()["id"] as? String)
            let answered = try #require(try await app.fileUpward(as: org.zhao, extra: ["emergency": true]).object()["id"] as? String)
            _ = try await app.send(.POST, "api/v1/upward-reports/\(answered)/instruction", as: org.leaderB, json: ["instruction": "立即切断电源并报修"])
            let reminders = UpwardReportReminders(db: app.db, services: app.services)
            #expect(try await reminders.remindDue(now: Date.t0.addingTimeInterval(14 * 60)) == 0)
            #expect(try await reminders.remindDue(now: Date.t0.addingTimeInterval(16 * 60)) == 1)
            #expect(try await reminders.remindDue(now: Date.t0.addingTimeInterval(30 * 60)) == 0)
            #expect(try await app.upwardInbox(org.leaderA).filter { $0.kind == "upward_report.overdue" }.count == 1)
            #expect(try await app.upwardInbox(org.leaderB).allSatisfy { $0.kind != "upward_report.overdue" })
            #expect(try await app.upwardAudit(id).contains { $0.action == "upward_report.overdue" && $0.ruleKey == "upward_reports.instruct_within" })
        }
    }

    @Test("ESC-06 data scope: the reporter, the addressed superior and those above read a report; another team's agent or leader does not")
    func scope() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let id = try #require(try await app.fileUpward(as: org.lina).object()["id"] as? String)
            for reader in [org.lina, org.leaderA, org.shiftLeader, org.director, org.centerDirector] {
                #expect(try await app.send(.GET, "api/v1/upward-reports/\(id)", as: reader).status == .ok)
                #expect(try await app.send(.GET, "api/v1/upward-reports", as: reader).items().count == 1)
            }
            let admin = try await app.staff("xitong", roles: [.admin])
            #expect(try await app.send(.GET, "api/v1/upward-reports?box=sent", as: org.lina).items().count == 1)
            for outsider in [org.zhao, org.leaderB, org.inspector, admin] {
                #expect(try await app.send(.GET, "api/v1/upward-reports/\(id)", as: outsider).status == .notFound)
                #expect(try await app.send(.GET, "api/v1/upward-reports", as: outsider).items().isEmpty)
                #expect(try await app.send(.POST, "api/v1/upward-reports/\(id)/acknowledge", as: outsider).status == .notFound)
            }
        }
    }
}
