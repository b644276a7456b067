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

/// Internal notices (FDN): publishing to a recipient list, confirmations by a deadline, reminders, the
/// report to the issuer, printed hand-overs and archiving.
@Suite("Front desk notices (FDN)")
struct NoticesTests {
    struct Office { let desk: TestStaff, lina: TestStaff, wang: TestStaff, zhao: TestStaff, leader: TestStaff, team: UUID, department: UUID }

    func office(_ app: Application) async throws -> Office {
        let department = try await app.department("客服部")
        let leader = try await app.staff("banzhang", roles: [.teamLeader], departmentID: department)
        let team = try await app.team("一班", departmentID: department, leaderID: leader.id)
        return Office(desk: try await app.staff("qiantai", roles: [.frontDesk]),
                      lina: try await app.staff("lina", roles: [.agent], departmentID: department, teamID: team),
                      wang: try await app.staff("wang", roles: [.agent], departmentID: department, teamID: team),
                      zhao: try await app.staff("zhao", roles: [.agent]), leader: leader, team: team, department: department)
    }

    func publish(_ app: Application, as who: TestStaff, _ extra: [String: Any]) async throws -> [String: Any] {
        var body: [String: Any] = ["title": "春节值班安排", "body": "请各班组按排班表到岗。", "channel": "in_app"]
        body.merge(extra) { $1 }
        let response = try await app.send(.POST, "api/v1/notices", as: who, json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.object()
    }

    @Test("FDN-02 a notice goes to the people of the chosen teams and departments, once each, and only they see it")
    func recipientList() async throws {
        try await withTestApp { app in
            let o = try await office(app)
            let notice = try await publish(app, as: o.desk, ["recipients": ["team_ids": [o.team.uuidString], "user_ids": [o.lina.id.uuidString]]])
            #expect(notice["recipient_count"] as? Int == 2)
            let id = try #require(notice["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/notices", as: o.lina).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/notices", as: o.zhao).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/notices/\(id)", as: o.zhao).status == .notFound)
            #expect(try await app.send(.GET, "api/v1/notifications", as: o.wang).items().contains { $0["kind"] as? String == "notice" })
            let everyone = try await publish(app, as: o.desk, ["recipients": ["everyone": true]])
            #expect(everyone["recipient_count"] as? Int == 5)
        }
    }

    @Test("FDN-02 a notice without recipients, with an unknown team, or from someone who may not publish is refused")
    func badNotices() async throws {
        try await withTestApp { app in
            let o = try await office(app)
            let none = try await app.send(.POST, "api/v1/notices", as: o.desk, json: ["title": "x", "body": "y", "channel": "in_app"])
            #expect(none.status == .badRequest && none.body.string.contains("recipients"))
            #expect(try await app.send(.POST, "api/v1/notices", as: o.desk, json: [
                "title": "x", "body": "y", "channel": "in_app", "recipients": ["team_ids": [UUID().uuidString]]]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/notices", as: o.desk, json: [
                "title": "x", "body": "y", "channel": "fax", "recipients": ["everyone": true]]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/notices", as: o.lina, json: [
                "title": "x", "body": "y", "channel": "in_app", "recipients": ["everyone": true]]).status == .forbidden)
            let past = try await app.send(.POST, "api/v1/notices", as: o.desk, json: [
                "title": "x", "body": "y", "channel": "in_app", "requires_confirmation": true, "confirm_by": "2020-01-01T00:00:00Z",
                "recipients": ["everyone": true]])
            #expect(past.status == .badRequest && past.body.string.contains("confirm_by"))
            #expect(try await NoticeRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("FDN-05 recipients confirm by the deadline; someone who did not receive it cannot confirm; the issuer sees who did not")
    func confirmations() async throws {
        try await withTestApp { app in
            let o = try await office(app)
            let deadline = ISO8601DateFormatter().string(from: app.services.now().addingTimeInterval(86_400))
            let notice = try await publish(app, as: o.leader, ["requires_confirmation": true, "confirm_by": deadline,
                                                               "recipients": ["user_ids": [o.lina.id.uuidString, o.wang.id.uuidString]]])
            let id = try #require(notice["id"] as? String)
            let stranger = try await app.send(.POST, "api/v1/notices/\(id)/acknowledge", as: o.zhao)
            #expect(stranger.status == .forbidden)
            let confirmed = try await app.send(.POST, "api/v1/notices/\(id)/acknowledge", as: o.lina)
            #expect(confirmed.status == .ok)
            #expect(try confirmed.object()["confirmed_at"] is String)
            #expect(try await app.send(.POST, "api/v1/notices/\(id)/acknowledge", as: o.lina).status == .conflict)
            let waiting = try await app.send(.GET, "api/v1/notices/\(id)/recipients?confirmed=false", as: o.leader).items()
            #expect(waiting.map { $0["name"] as? String } == ["Wang"])
            #expect(try await app.send(.GET, "api/v1/notices/\(id)", as: o.leader).object()["confirmed_count"] as? Int == 1)
            #expect(try await app.send(.GET, "api/v1/notices/\(id)/recipients", as: o.lina).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/notices?scope=mine&unconfirmed=true", as: o.wang).items().count == 1)
        }
    }

    @Test("FDN-05 unconfirmed recipients are reminded before the deadline once, and the issuer gets the report after it")
    func remindersAndReport() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let o = try await office(app)
            let deadline = ISO8601DateFormatter().string(from: Date.t0.addingTimeInterval(6 * 3_600))
            let notice = try await publish(app, as: o.desk, ["requires_confirmation": true, "confirm_by": deadline,
                                                             "recipients": ["user_ids": [o.lina.id.uuidString, o.wang.id.uuidString]]])
            let id = try #require(notice["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/notices/\(id)/acknowledge", as: o.lina).status == .ok)
            let jobs = NoticeReminders(db: app.db, services: app.services)
            #expect(try await jobs.runDue(now: Date.t0.addingTimeInterval(3 * 3_600)).reminded == 0)   // 3 h left > 2 h
            #expect(try await jobs.runDue(now: Date.t0.addingTimeInterval(4.5 * 3_600)).reminded == 1)
            #expect(try await jobs.runDue(now: Date.t0.addingTimeInterval(5 * 3_600)).reminded == 0)
            let reminders = { (who: TestStaff) in try await app.send(.GET, "api/v1/notifications", as: who).items().filter { $0["kind"] as? String == "notice.reminder" }.count }
            #expect(try await reminders(o.wang) == 1)
            #expect(try await reminders(o.lina) == 0)
            #expect(try await jobs.runDue(now: Date.t0.addingTimeInterval(7 * 3_600)).reported == 1)
            #expect(try await jobs.runDue(now: Date.t0.addingTimeInterval(8 * 3_600)).reported == 0)
            let report = try await app.send(.GET, "api/v1/notifications", as: o.desk).items().first { $0["kind"] as? String == "notice.report" }
            #expect((report?["title"] as? String)?.contains("1/2") == true)
        }
    }

    @Test("FDN-03 a printed notice is handed over and recorded per recipient; a group notice goes to the group webhook")
    func channels() async throws {
        try await withTestApp { app in
            let o = try await office(app)
            let printed = try await publish(app, as: o.desk, ["channel": "printed", "recipients": ["user_ids": [o.lina.id.uuidString]]])
            let id = try #require(printed["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/notices/\(id)/deliveries", as: o.desk, json: ["user_id": o.zhao.id.uuidString]).status == .badRequest)
            let handed = try await app.send(.POST, "api/v1/notices/\(id)/deliveries", as: o.desk, json: ["user_id": o.lina.id.uuidString])
            #expect(handed.status == .ok)
            #expect(try handed.object()["delivered_by"] as? String == "Qiantai")
            #expect(try await app.send(.POST, "api/v1/notices/\(id)/deliveries", as: o.desk, json: ["user_id": o.lina.id.uuidString]).status == .conflict)
            let hook = WebhookRecord(name: "客服群", url: "https://qyapi.example.com/hook", format: "wecom", secret: nil, events: "notice.group", createdAt: app.services.now())
            try await hook.create(on: app.db)
            _ = try await publish(app, as: o.desk, ["channel": "group", "recipients": ["everyone": true]])
            #expect(try await WebhookDeliveryRecord.query(on: app.db).filter(\.$eventKind == "notice.group").count() == 1)
        }
    }

    @Test("FDN-06 notices are archived by hand or after the rulebook's days, and the archive keeps the confirmations")
    func archive() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let o = try await office(app)
            let first = try #require(try await publish(app, as: o.desk, ["recipients": ["everyone": true]])["id"] as? String)
            let second = try #require(try await publish(app, as: o.desk, ["recipients": ["everyone": true]])["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/notices/\(first)/archive", as: o.lina).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/notices/\(first)/archive", as: o.desk).status == .ok)
            #expect(try await app.send(.POST, "api/v1/notices/\(first)/archive", as: o.desk).status == .conflict)
            let jobs = NoticeReminders(db: app.db, services: app.services)
            #expect(try await jobs.runDue(now: Date.t0.addingTimeInterval(29 * 86_400)).archived == 0)
            #expect(try await jobs.runDue(now: Date.t0.addingTimeInterval(31 * 86_400)).archived == 1)
            let archived = try await app.send(.GET, "api/v1/notices?scope=all&archived=true", as: o.desk).items()
            #expect(Set(archived.compactMap { $0["id"] as? String }) == [first, second])
            #expect(try await app.send(.GET, "api/v1/notices?scope=all", as: o.desk).items().isEmpty)
        }
    }

    @Test("KB-13 a shift-start notice waits on the agent's dashboard until read; the publish form re-renders a refusal")
    func shiftStartOnDashboard() async throws {
        try await withTestApp { app in
            let o = try await office(app)
            var leader = WebSession(app)
            try await leader.logIn("banzhang", "secret-pass-1")
            try await leader.get("/notices/new")
            let refused = try await leader.post("/notices", ["title": "今日优惠政策", "body": "宽带包年八折。", "channel": "in_app", "shift_start": "1"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("今日优惠政策") && refused.body.string.contains("请选择接收人"))
            let published = try await leader.post("/notices", ["title": "今日优惠政策", "body": "宽带包年八折。", "channel": "in_app", "shift_start": "1",
                                                               "team_ids[]": o.team.uuidString])
            #expect(published.status == .seeOther)
            var agent = WebSession(app)
            try await agent.logIn("lina", "secret-pass-1")
            let dashboard = try await agent.get("/")
            #expect(dashboard.body.string.contains("notices-to-read") && dashboard.body.string.contains("今日优惠政策"))
            let id = try #require(try await NoticeRecord.query(on: app.db).first()?.id)
            try await agent.get("/notices/\(id)")
            #expect(try await agent.post("/notices/\(id)/acknowledge", [:]).status == .seeOther)
            #expect(try await agent.get("/").body.string.contains("notices-to-read") == false)
            let report = try await leader.get("/notices/\(id)")
            #expect(report.body.string.contains("1 / 2"))
        }
    }
}
