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

/// Reports to a superior (请示报告): what must be reported and to whom (ESC-01..05, ESC-08..12).
@Suite("Upward reports: categories and routing (ESC)")
struct UpwardReportRoutingTests {
    @Test("ESC-01 a political or confidentiality problem goes to the reporter's own team leader, notified and audited")
    func political() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let filed = try await app.fileUpward(as: org.lina, category: "political_confidentiality")
            #expect(filed.status == .created, "\(filed.body.string)")
            let report = try filed.object()
            #expect(report["superior_id"] as? String == org.leaderA.id.uuidString)
            #expect(report["rule_id"] as? String == "ESC-01" && report["status"] as? String == "awaiting_instruction")
            #expect(report["route_rule"] as? String == "escalation.chain")
            #expect(try await app.upwardInbox(org.leaderA).contains { $0.kind == "upward_report.filed" })
            #expect(try await app.upwardInbox(org.leaderB).isEmpty)
            let audit = try await app.upwardAudit(report["id"] as! String)
            #expect(audit.contains { $0.action == "upward_report.filed" && $0.ruleKey == "escalation.chain" && $0.summary.contains("ESC-01") })
        }
    }

    @Test("ESC-02 a team leader's report of a major error or breach of discipline goes to the shift leader")
    func majorError() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let report = try await app.fileUpward(as: org.leaderA, category: "major_error").object()
            #expect(report["superior_id"] as? String == org.shiftLeader.id.uuidString)
            #expect(report["superior_role"] as? String == "shift_leader" && report["rule_id"] as? String == "ESC-02")
        }
    }

    @Test("ESC-03 a danger to equipment or personal safety reported as an emergency gets the short instruction time")
    func safetyDanger() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let org = try await UpwardOrg.make(app)
            let urgent = try await app.fileUpward(as: org.lina, category: "safety_danger", extra: ["emergency": true]).object()
            #expect(urgent["rule_id"] as? String == "ESC-03" && urgent["emergency"] as? Bool == true)
            let by = try #require(ISO8601DateFormatter().date(from: urgent["instruct_by"] as? String ?? ""))
            #expect(by == Date.t0.addingTimeInterval(15 * 60))
            let normal = try await app.fileUpward(as: org.lina, category: "safety_danger").object()
            let later = try #require(ISO8601DateFormatter().date(from: normal["instruct_by"] as? String ?? ""))
            #expect(later >= Date.t0.addingTimeInterval(2 * 3600))
        }
    }

    @Test("ESC-04 a problem beyond one's remit goes one level up; nobody is above the top of the chain")
    func beyondRemit() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let report = try await app.fileUpward(as: org.zhao, category: "beyond_remit").object()
            #expect(report["superior_id"] as? String == org.leaderB.id.uuidString && report["rule_id"] as? String == "ESC-04")
            let top = try await app.fileUpward(as: org.centerDirector, category: "beyond_remit")
            #expect(top.status == .unprocessableEntity)
            #expect(try top.error()["rule"] as? String == "escalation.chain")
            let outside = try await app.staff("hr1", roles: [.hr])
            let none = try await app.fileUpward(as: outside)
            #expect(none.status == .unprocessableEntity)
            #expect(try none.error()["rule"] as? String == "upward_reports.role_routes")
        }
    }

    @Test("ESC-05 a customer deliberately making trouble goes to the team leader even where the chain has no team leaders")
    func troublesomeCustomer() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            app.services.rulebook.escalation.chain = [.agent, .shiftLeader, .csDirector, .centerDirector]
            let report = try await app.fileUpward(as: org.lina, category: "troublesome_customer").object()
            #expect(report["superior_id"] as? String == org.leaderA.id.uuidString)
            #expect(report["route_rule"] as? String == "upward_reports.category_routes" && report["rule_id"] as? String == "ESC-05")
            let other = try await app.fileUpward(as: org.lina, category: "beyond_remit").object()
            #expect(other["superior_id"] as? String == org.shiftLeader.id.uuidString)
        }
    }

    @Test("ESC-08 what an agent cannot handle (system, equipment) goes to the team leader, linked to its case; a case the agent cannot read is 400")
    func cannotHandle() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            app.services.rulebook.escalation.chain = [.agent, .shiftLeader, .csDirector, .centerDirector]
            let serviceCase = try await app.openCase(as: org.lina)
            let caseID = try #require(serviceCase["id"] as? String)
            let report = try await app.fileUpward(as: org.lina, category: "cannot_handle", extra: ["case_id": caseID]).object()
            #expect(report["superior_id"] as? String == org.leaderA.id.uuidString && report["rule_id"] as? String == "ESC-08")
            #expect(report["case_id"] as? String == caseID && report["case_number"] as? String == serviceCase["number"] as? String)
            #expect(try await app.send(.GET, "api/v1/upward-reports?case_id=\(caseID)", as: org.leaderA).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/upward-reports?case_id=\(UUID())", as: org.leaderA).items().isEmpty)
            // Agents see their department's unassigned queue: a reader outside the department cannot link the case.
            let outsider = try await app.staff("wang", roles: [.agent], departmentID: try await app.department("销售部", kind: .sales))
            let foreign = try await app.fileUpward(as: outsider, category: "cannot_handle", extra: ["case_id": caseID])
            #expect(foreign.status == .badRequest)
            #expect((try foreign.error()["fields"] as? [String: Any])?["case_id"] != nil)
        }
    }

    @Test("ESC-09 a senior seat reports difficult matters and emergencies to the duty manager; a junior seat to the team leader")
    func seniorSeat() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let lina = try #require(try await UserRecord.find(org.lina.id, on: app.db))
            lina.grade = Grade.senior.rawValue
            try await lina.update(on: app.db)
            let senior = try await app.fileUpward(as: org.lina, category: "difficult_or_emergency").object()
            #expect(senior["superior_id"] as? String == org.shiftLeader.id.uuidString)
            #expect(senior["route_rule"] as? String == "upward_reports.senior_seat_reports_to" && senior["rule_id"] as? String == "ESC-09")
            let junior = try await app.fileUpward(as: org.zhao, category: "difficult_or_emergency").object()
            #expect(junior["superior_id"] as? String == org.leaderB.id.uuidString)
            let seniorOther = try await app.fileUpward(as: org.lina, category: "beyond_remit").object()
            #expect(seniorOther["superior_id"] as? String == org.leaderA.id.uuidString)
        }
    }

    @Test("ESC-10 the shift leader reports difficult problems and emergencies to the CS director")
    func shiftLeader() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let report = try await app.fileUpward(as: org.shiftLeader, category: "difficult_or_emergency").object()
            #expect(report["superior_id"] as? String == org.director.id.uuidString && report["superior_role"] as? String == "cs_director")
            #expect(report["route_rule"] as? String == "upward_reports.role_routes")
        }
    }

    @Test("ESC-11 the CS director is told of every emergency report of the department and reads it")
    func emergencyHandler() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let id = try #require(try await app.fileUpward(as: org.lina, category: "difficult_or_emergency", extra: ["emergency": true]).object()["id"] as? String)
            _ = try await app.fileUpward(as: org.lina, category: "beyond_remit")
            let told = try await app.upwardInbox(org.director).filter { $0.kind == "upward_report.emergency" }
            #expect(told.count == 1 && told.first?.link == "/upward-reports/\(id)")
            #expect(try await app.send(.GET, "api/v1/upward-reports/\(id)", as: org.director).status == .ok)
            #expect(try await app.send(.POST, "api/v1/upward-reports/\(id)/instruction", as: org.director,
                                       json: ["instruction": "由我直接处理，先安抚客户"]).status == .forbidden)
        }
    }

    @Test("ESC-12 the QA inspector reports an emergency found in inspection to the 主任 (CS director)")
    func inspector() async throws {
        try await withTestApp { app in
            let org = try await UpwardOrg.make(app)
            let report = try await app.fileUpward(as: org.inspector, category: "difficult_or_emergency", extra: ["emergency": true]).object()
            #expect(report["superior_id"] as? String == org.director.id.uuidString)
            #expect(report["route_rule"] as? String == "upward_reports.role_routes")
        }
    }
}
