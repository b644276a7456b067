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

/// Phone messages taken at the front desk (FDP): the record, passing it on, confirming, escalation.
@Suite("Front desk phone messages (FDP)")
struct PhoneMessagesTests {
    struct Desk { let desk: TestStaff, lina: TestStaff, manager: TestStaff, other: TestStaff }

    func desk(_ app: Application) async throws -> Desk {
        let department = try await app.department("客服部")
        return Desk(desk: try await app.staff("qiantai", roles: [.frontDesk]), lina: try await app.staff("lina", roles: [.agent], departmentID: department),
                    manager: try await app.staff("jingli", roles: [.deptManager], departmentID: department),
                    other: try await app.staff("zhao", roles: [.agent]))
    }

    @Test("FDP-05 the message record holds caller, organization, contact and content for one addressee; missing fields are 400")
    func record() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let missing = try await app.send(.POST, "api/v1/messages", as: d.desk, json: ["caller_name": " ", "content": "请回电", "for_user_id": d.lina.id.uuidString])
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("caller_name") && missing.body.string.contains("contact"))
            #expect(try await app.send(.POST, "api/v1/messages", as: d.desk, json: ["caller_name": "张先生", "contact": "13900000001", "content": "x",
                                                                              "for_user_id": UUID().uuidString]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/messages", as: d.lina, json: ["caller_name": "张先生", "contact": "1", "content": "x",
                                                                              "for_user_id": d.other.id.uuidString]).status == .forbidden)
            let taken = try await app.send(.POST, "api/v1/messages", as: d.desk, json: [
                "caller_name": "张先生", "organization": "华信公司", "contact": "13900000001", "content": "合同事宜请回电", "for_user_id": d.lina.id.uuidString])
            #expect(taken.status == .created, "\(taken.body.string)")
            #expect(try taken.object()["organization"] as? String == "华信公司")
            let mine = try await app.send(.GET, "api/v1/messages", as: d.lina).items()
            #expect(mine.count == 1 && mine.first?["content"] as? String == "合同事宜请回电")
            #expect(try await app.send(.GET, "api/v1/messages", as: d.other).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/messages?scope=all", as: d.other).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/messages?scope=all", as: d.desk).items().count == 1)
            let inbox = try await app.send(.GET, "api/v1/notifications", as: d.lina).items()
            #expect(inbox.contains { $0["kind"] as? String == "phone_message" })
        }
    }

    @Test("FDP-04 only the addressee confirms reading a message, once")
    func confirm() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let id = try #require(try await app.send(.POST, "api/v1/messages", as: d.desk, json: [
                "caller_name": "李女士", "contact": "13900000002", "content": "快递到了", "for_user_id": d.lina.id.uuidString]).object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/messages/\(id)/read", as: d.other).status == .forbidden)
            let read = try await app.send(.POST, "api/v1/messages/\(id)/read", as: d.lina)
            #expect(read.status == .ok)
            #expect(try read.object()["read_at"] is String)
            #expect(try await app.send(.POST, "api/v1/messages/\(id)/read", as: d.lina).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/messages?unread=true", as: d.lina).items().isEmpty)
        }
    }

    @Test("FDP-06 an urgent message unread after the rulebook's time goes to the addressee's department manager, once")
    func escalation() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let d = try await desk(app)
            _ = try await app.send(.POST, "api/v1/messages", as: d.desk, json: [
                "caller_name": "王总", "contact": "13900000003", "content": "系统故障，速回电", "for_user_id": d.lina.id.uuidString, "urgent": true])
            _ = try await app.send(.POST, "api/v1/messages", as: d.desk, json: [
                "caller_name": "赵先生", "contact": "13900000004", "content": "不急", "for_user_id": d.lina.id.uuidString])
            let jobs = PhoneMessages(db: app.db, services: app.services)
            #expect(try await jobs.escalateDue(now: Date.t0.addingTimeInterval(29 * 60)) == 0)
            #expect(try await jobs.escalateDue(now: Date.t0.addingTimeInterval(31 * 60)) == 1)
            #expect(try await jobs.escalateDue(now: Date.t0.addingTimeInterval(40 * 60)) == 0)
            let inbox = try await app.send(.GET, "api/v1/notifications", as: d.manager).items()
            #expect(inbox.filter { $0["kind"] as? String == "phone_message.unread" }.count == 1)
            app.services.rulebook.frontDesk.urgentMessageEscalateAfter = DurationSpec(value: 5, unit: .minutes)
            _ = try await app.send(.POST, "api/v1/messages", as: d.desk, json: [
                "caller_name": "钱", "contact": "1", "content": "急", "for_user_id": d.lina.id.uuidString, "urgent": true])
            #expect(try await PhoneMessages(db: app.db, services: app.services).escalateDue(now: Date.t0.addingTimeInterval(6 * 60)) == 1)
        }
    }

    @Test("FDP-05 the desk's page takes a message; a refused form keeps what was typed; the addressee confirms on the page")
    func pages() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            var desk = WebSession(app)
            try await desk.logIn("qiantai", d.desk.password)
            let refused = try await desk.post("/messages", ["caller_name": "孙先生<script>", "contact": "", "content": "回电", "for_user_id": d.lina.id.uuidString])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("孙先生&lt;script&gt;") && refused.body.string.contains("id=\"message-form\""))
            let sent = try await desk.post("/messages", ["caller_name": "孙先生", "contact": "13900000005", "content": "回电", "for_user_id": d.lina.id.uuidString, "urgent": "1"])
            #expect(sent.status == .seeOther)
            var lina = WebSession(app)
            try await lina.logIn("lina", d.lina.password)
            let page = try await lina.get("/messages")
            #expect(page.body.string.contains("孙先生") && page.body.string.contains("class=\"urgent\""))
            #expect(!page.body.string.contains("id=\"message-form\""))
            let id = try #require(try await PhoneMessageRecord.query(on: app.db).first()?.id)
            #expect(try await lina.post("/messages/\(id)/read", [:]).status == .seeOther)
            #expect(try await PhoneMessageRecord.find(id, on: app.db)?.readAt != nil)
        }
    }
}
