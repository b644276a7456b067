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

@Suite("Workbench pages: queue, new case by phone, case page actions, team board")
struct CasePagesTests {
    @Test("CHN-08 CHN-09 CHN-23 the phone-call form records the phone-record fields (with the read-back phrase as a hint); a known number reuses its customer")
    func newCaseByPhone() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let form = try await web.get("/cases/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("case-new-form"))
            #expect(form.body.string.contains("与您核对信息，请您确认"))
            let created = try await web.post("/cases", ["phone": "138 1234 5678", "name": "王先生", "type": "fault_report", "channel": "phone",
                                                          "subject": "宽带无法上网", "description": "我要退货", "caller_region": "深圳",
                                                          "contact": "13812345678", "feedback_result": "已派维修", "assign_to_me": "on"])
            #expect(created.status == .seeOther)
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            #expect(record.callerRegion == "深圳")
            #expect(record.feedbackResult == "已派维修")
            #expect(record.callAt != nil)
            #expect(record.assigneeID == lina.id && record.ownerID == lina.id)
            _ = try await web.post("/cases", ["phone": "13812345678", "type": "query", "channel": "phone", "subject": "再次来电"])
            #expect(try await CustomerRecord.query(on: app.db).count() == 1)
            #expect(try await CaseRecord.query(on: app.db).count() == 2)
            let customer = try #require(try await CustomerRecord.query(on: app.db).first())
            customer.isMember = true
            try await customer.save(on: app.db)
            let file = try await web.get("/customers/\(customer.id!)")
            #expect(file.body.string.contains("state-approved"), "the member badge is shown")
            let lookup = try await web.get("/cases/lookup?phone=5678")
            #expect(lookup.body.string.contains("王先生"))
        }
    }

    @Test("Bad form input re-renders the form with the messages and keeps what was typed; nothing is written")
    func formErrors() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            _ = try await web.get("/cases/new")
            let response = try await web.post("/cases", ["phone": "12", "name": "王", "type": "query", "channel": "phone", "subject": "",
                                                           "description": "<b>保留</b>"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("field-error"))
            #expect(response.body.string.contains("&lt;b&gt;保留&lt;/b&gt;"))
            let known = try await app.openCase(as: lina, phone: "13900007777")
            let customerID = try #require((known["customer"] as? [String: Any])?["id"] as? String)
            let kept = try await web.post("/cases", ["customer_id": customerID, "phone": "139****7777", "type": "query", "channel": "phone",
                                                      "subject": "", "caller_region": "东莞", "feedback_result": "待回电"])
            #expect(kept.status == .unprocessableEntity)
            for value in [customerID, "东莞", "待回电"] { #expect(kept.body.string.contains(value), "re-rendered form keeps \(value)") }
            let unknownType = try await web.post("/cases", ["phone": "13812345678", "name": "王", "type": "gossip", "channel": "phone", "subject": "x"])
            #expect(unknownType.status == .unprocessableEntity)
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            let noToken = try await web.post("/cases", ["phone": "13812345678", "name": "王", "type": "query", "channel": "phone", "subject": "x"],
                                             withCSRF: false)
            #expect(noToken.status == .forbidden)
        }
    }

    @Test("CHN-19 the case page works a case through its buttons; an illegal action re-renders the page with the reason")
    func caseActions() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.openCase(as: lina, subject: "<script>alert(1)</script>")["id"] as! String
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let page = try await web.get("/cases/\(id)")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("<script>alert(1)</script>"))
            #expect(page.body.string.contains("take-case"))
            #expect(try await web.post("/cases/\(id)/take", ["version": "1"]).status == .seeOther)
            #expect(try await web.post("/cases/\(id)/notes", ["body": "您好，已为您登记", "reply": "on"]).status == .seeOther)
            let stale = try await web.post("/cases/\(id)/resolve", ["resolution": "x", "version": "1"])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("flash-error"))
            #expect(try await web.post("/cases/\(id)/resolve", ["resolution": "重启后恢复"]).status == .seeOther)
            let closed = try await web.post("/cases/\(id)/close", [:])
            #expect(closed.status == .seeOther)
            let again = try await web.post("/cases/\(id)/resolve", ["resolution": "x"])
            #expect(again.status == .conflict)
            let shown = try await web.get("/cases/\(id)")
            #expect(shown.body.string.contains("case-timeline"))
            #expect(shown.body.string.contains(app.services.localization.text("event.case.closed", .zhHans)))
        }
    }

    @Test("CHN-14 the team board shows load per agent, unassigned and stuck cases; agents may not open it")
    func board() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cs = try await app.department("客服部")
            let leader = try await app.staff("leader", roles: [.teamLeader], departmentID: cs)
            let team = try await app.team("一班", departmentID: cs, leaderID: leader.id)
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs, teamID: team)
            _ = try await app.openCase(as: lina, extra: ["assignee_id": lina.id.uuidString])
            _ = try await app.openCase(as: lina, phone: "13900001111")
            clock.now = Date.t0.addingTimeInterval(3 * 86_400)
            var web = WebSession(app)
            try await web.logIn("leader", leader.password)
            let page = try await web.get("/cases/board")
            #expect(page.status == .ok)
            let load = try await CaseBoardQueries(db: app.db).load(scope: .all, stuckBefore: clock.now.addingTimeInterval(-86_400))
            #expect(load.first { $0.assigneeID == lina.id }?.open == 1)
            #expect(load.first { $0.assigneeID == nil }?.open == 1)
            #expect(load.map(\.stuck).reduce(0, +) == 2)
            #expect(page.body.string.contains("board-agents"))
            let stuck = try await app.send(.GET, "api/v1/cases?stuck=true", as: lina).items()
            #expect(stuck.count == 2)
            var agentHome = WebSession(app)
            try await agentHome.logIn("lina", lina.password)
            let home = try await agentHome.get("/")
            #expect(home.body.string.contains("my-work"))
            #expect(home.body.string.contains("dashboard-new-case"))
            #expect(page.body.string.contains("Lina"))
            var agentWeb = WebSession(app)
            try await agentWeb.logIn("lina", lina.password)
            #expect(try await agentWeb.get("/cases/board").status == .forbidden)
        }
    }

    @Test("CHN-14 a case is stuck after one working day untouched, counted back over the weekend")
    func stuckThreshold() {
        let calendar = (try? RulebookFiles.load(overrideFile: nil))?.calendar
        guard let calendar else { Issue.record("rulebook"); return }
        // Monday 2026-11-23 10:00 (+08:00): one working day back is Friday 10:00.
        let friday = Date.t0.addingTimeInterval(-3 * 86_400)
        let instant = CaseBoardWebController.instant(before: .t0, DurationSpec(value: 1, unit: .workingDays), calendar)
        #expect(abs(instant.timeIntervalSince(friday)) <= 60)
    }
}
