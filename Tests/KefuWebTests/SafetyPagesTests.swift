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

/// The /duties, /inspections and /safety-requests pages: forms with CSRF, refusals re-rendered with the message.
@Suite("Duties and safety pages (SEC)")
struct SafetyPagesTests {
    @Test("SEC-16 on /duties the agent presses 完成, the supervisor fails it with a reason, the agent redoes it")
    func dutiesPage() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            try await cast.roster(app, cast.wang, "2026-11-23")
            var agent = WebSession(app)
            try await agent.logIn("wang", cast.wang.password)
            #expect(try await agent.get("/my-shifts").body.string.contains("href=\"/duties\""))
            #expect(try await agent.post("/duties/generate", [:]).status == .forbidden)
            var supervisor = WebSession(app)
            try await supervisor.logIn("zhuguan", cast.supervisor.password)
            #expect(try await supervisor.post("/duties/generate", [:]).status == .seeOther)
            let page = try await agent.get("/duties")
            #expect(page.status == .ok && page.body.string.contains("done-button") && page.body.string.contains("本周值日表"))
            let duty = try #require(try await DutyRecord.query(on: app.db).filter(\.$kind == "morning_zone").first())
            #expect(try await agent.post("/duties/\(duty.id!)/done", [:], withCSRF: false).status == .forbidden)
            #expect(try await agent.post("/duties/\(duty.id!)/done", [:]).status == .seeOther)
            let again = try await agent.post("/duties/\(duty.id!)/done", [:])
            #expect(again.status == .conflict && again.body.string.contains("该值日不在待完成状态"))
            let checks = try await supervisor.get("/duties")
            #expect(checks.body.string.contains("check-\(duty.id!)"))
            let noReason = try await supervisor.post("/duties/\(duty.id!)/check", ["result": "fail"])
            #expect(noReason.status == .badRequest)
            #expect(try await agent.post("/duties/\(duty.id!)/check", ["result": "pass"]).status == .forbidden)
            #expect(try await supervisor.post("/duties/\(duty.id!)/check", ["result": "fail", "note": "<b>地面有水渍</b>"]).status == .seeOther)
            let redo = try await agent.get("/duties")
            #expect(redo.body.string.contains("&lt;b&gt;地面有水渍") && !redo.body.string.contains("<b>地面有水渍"))
            #expect(try await agent.post("/duties/\(duty.id!)/done", [:]).status == .seeOther)
            // SEC-17: the supervisor hands an open duty to someone else from the day's list.
            let floor = try #require(try await DutyRecord.query(on: app.db).filter(\.$kind == "floor_after_work").first())
            #expect(try await supervisor.get("/duties").body.string.contains("/duties/\(floor.id!)/assign"))
            #expect(try await supervisor.post("/duties/\(floor.id!)/assign", ["assignee_id": "nobody"]).status == .badRequest)
            #expect(try await agent.post("/duties/\(floor.id!)/assign", ["assignee_id": cast.lili.id.uuidString]).status == .forbidden)
            #expect(try await supervisor.post("/duties/\(floor.id!)/assign", ["assignee_id": cast.lili.id.uuidString]).status == .seeOther)
            #expect(try await DutyRecord.find(floor.id, on: app.db)?.assigneeID == cast.lili.id)
        }
    }

    @Test("SEC-06 SEC-11 on /inspections the supervisor records the checklist, the owner closes the finding, the last person out records the closing round")
    func inspectionsPage() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            var admin = WebSession(app)
            try await admin.logIn("xingzheng", cast.admin.password)
            let page = try await admin.get("/inspections")
            #expect(page.status == .ok && page.body.string.contains("inspection-form") && page.body.string.contains("SEC-21"))
            var form = ["custodian_id": cast.lili.id.uuidString]
            for item in InspectionItem.allCases { form["result_\(item.rawValue)"] = "pass" }
            form["result_entrance_clear"] = "finding"
            let missing = try await admin.post("/inspections", form)
            #expect(missing.status == .badRequest)
            form["note_entrance_clear"] = "门口堆放纸箱"; form["owner_entrance_clear"] = cast.wang.id.uuidString
            #expect(try await admin.post("/inspections", form).status == .seeOther)
            var agent = WebSession(app)
            try await agent.logIn("wang", cast.wang.password)
            let mine = try await agent.get("/inspections")
            #expect(mine.body.string.contains("门口堆放纸箱") && !mine.body.string.contains("inspection-form"))
            let finding = try #require(try await SafetyFindingRecord.query(on: app.db).first())
            #expect(try await agent.post("/inspections/findings/\(finding.id!)/close", ["note": "已清理"]).status == .seeOther)
            let partial = try await agent.post("/inspections/closing", ["items[]": "computers"])
            #expect(partial.status == .badRequest)
            #expect(try await agent.post("/inspections", form).status == .forbidden)
        }
    }

    @Test("SEC-05 on /safety-requests an open-flame request is filed and cannot be started before approval")
    func requestsPage() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await DutyCast.make(app)
            var agent = WebSession(app)
            try await agent.logIn("wang", cast.wang.password)
            #expect(try await agent.get("/safety-requests").body.string.contains("safety-request-form"))
            let bad = try await agent.post("/safety-requests", ["kind": "open_flame", "purpose": "焊接", "starts_at": "2026-11-24T10:00", "ends_at": "2026-11-24T12:00"])
            #expect(bad.status == .badRequest && bad.body.string.contains("焊接"))
            #expect(try await agent.post("/safety-requests", ["kind": "open_flame", "purpose": "焊接", "measures": "灭火器就位",
                                                                "starts_at": "2026-11-24T10:00", "ends_at": "2026-11-24T12:00"]).status == .seeOther)
            let request = try #require(try await SafetyRequestRecord.query(on: app.db).first())
            let early = try await agent.post("/safety-requests/\(request.id!)/start", [:])
            #expect(early.status == .unprocessableEntity && early.body.string.contains("未经批准不得开始"))
        }
    }
}
