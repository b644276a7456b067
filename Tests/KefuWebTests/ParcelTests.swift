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

/// Mail and parcels at the front desk (FDM): the register, notices, signed pickup, delegation, clearance.
@Suite("Front desk mail and parcels (FDM)")
struct ParcelTests {
    struct Desk { let desk: TestStaff, lina: TestStaff, wang: TestStaff, zhao: TestStaff }

    func desk(_ app: Application) async throws -> Desk {
        let department = try await app.department("客服部")
        return Desk(desk: try await app.staff("qiantai", roles: [.frontDesk]),
                    lina: try await app.staff("lina", roles: [.agent], departmentID: department),
                    wang: try await app.staff("wang", roles: [.agent], departmentID: department),
                    zhao: try await app.staff("zhao", roles: [.agent]))
    }

    func parcel(_ d: Desk, to recipient: TestStaff, important: Bool = false, extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["tracking_no": "SF1234567890", "courier": "顺丰", "sender_name": "张先生", "sender_organization": "华信公司",
                                   "sender_contact": "13900000001", "recipient_user_id": recipient.id.uuidString, "recipient_contact": "8001",
                                   "content": "合同文件", "important": important]
        body.merge(extra) { _, new in new }
        return body
    }

    @Test("FDM-04 the register records tracking number, sender name/organization/contact, recipient with department and contact, content; missing fields are 400")
    func register() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let missing = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: ["sender_name": " ", "content": ""])
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("sender_name") && missing.body.string.contains("content") && missing.body.string.contains("recipient_user_id"))
            #expect(try await app.send(.POST, "api/v1/parcels", as: d.lina, json: parcel(d, to: d.wang)).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.wang, extra: ["direction": "sideways"])).status == .badRequest)
            let created = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina))
            #expect(created.status == .created, "\(created.body.string)")
            let body = try created.object()
            #expect(body["tracking_no"] as? String == "SF1234567890" && body["sender_organization"] as? String == "华信公司")
            #expect(body["recipient_name"] as? String == "Lina" && body["recipient_department"] as? String == "客服部")
            #expect(body["recipient_contact"] as? String == "8001" && body["state"] as? String == "waiting" && body["content"] as? String == "合同文件")
            let inbox = try await app.send(.GET, "api/v1/notifications", as: d.lina).items()
            #expect(inbox.contains { $0["kind"] as? String == "parcel" })
        }
    }

    @Test("FDM-02 damaged packaging is recorded with what was seen and whether the courier was contacted")
    func damaged() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let unexplained = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina, extra: ["damaged": true]))
            #expect(unexplained.status == .badRequest && unexplained.body.string.contains("damage_note"))
            let saved = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina, extra: [
                "damaged": true, "damage_note": "外箱一角压破", "courier_contacted": true]))
            #expect(saved.status == .created)
            let body = try saved.object()
            #expect(body["damaged"] as? Bool == true && body["damage_note"] as? String == "外箱一角压破" && body["courier_contacted"] as? Bool == true)
        }
    }

    @Test("FDM-03 an important item's recipient gets an important notice and the item heads the waiting shelf")
    func important() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            _ = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.wang, extra: ["content": "普通包裹"]))
            _ = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina, important: true, extra: ["content": "法院传票"]))
            let inbox = try await app.send(.GET, "api/v1/notifications", as: d.lina).items()
            #expect(inbox.contains { $0["kind"] as? String == "parcel.important" })
            let shelf = try await ParcelQueries(db: app.db, services: app.services).waiting()
            #expect(shelf.map(\.content) == ["法院传票", "普通包裹"])
            var desk = WebSession(app)
            try await desk.logIn("qiantai", d.desk.password)
            let console = try await desk.get("/front-desk").body.string
            #expect(console.contains("id=\"parcels-waiting-panel\"") && console.contains("法院传票") && console.contains("/parcels\""))
            let page = try await desk.get("/parcels").body.string
            let first = try #require(page.range(of: "法院传票")), second = try #require(page.range(of: "普通包裹"))
            #expect(first.lowerBound < second.lowerBound)
        }
    }

    @Test("FDM-05 the recipient signs for the item (name and time), once; a pickup by someone else without a delegation is refused")
    func pickup() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let id = try #require(try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina)).object()["id"] as? String)
            let stranger = try await app.send(.POST, "api/v1/parcels/\(id)/pickup", as: d.desk, json: ["collected_by": d.zhao.id.uuidString])
            #expect(stranger.status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/parcels/\(id)/pickup", as: d.desk, json: [:]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/parcels/\(id)/pickup", as: d.lina, json: ["collected_by": d.lina.id.uuidString]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/parcels/\(id)/pickup", as: d.desk, json: [
                "collected_by": d.lina.id.uuidString, "signature": "javascript:alert(1)"]).status == .badRequest)
            async let a = app.send(.POST, "api/v1/parcels/\(id)/pickup", as: d.desk, json: ["collected_by": d.lina.id.uuidString, "signature": "data:image/png;base64,iVBORw0KGgo="])
            async let b = app.send(.POST, "api/v1/parcels/\(id)/pickup", as: d.desk, json: ["collected_by": d.lina.id.uuidString])
            let statuses = [try await a.status, try await b.status].map(\.code).sorted()
            #expect(statuses == [200, 409])
            let shown = try await app.send(.GET, "api/v1/parcels/\(id)", as: d.lina).object()
            #expect(shown["state"] as? String == "collected" && shown["collected_by_name"] as? String == "Lina" && shown["collected_at"] is String)
            #expect(try await app.send(.GET, "api/v1/parcels/\(id)", as: d.zhao).status == .notFound)
        }
    }

    @Test("FDM-05 a recipient names a colleague, who may then collect; only the recipient delegates; the rulebook can forbid it")
    func delegation() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let id = try #require(try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina)).object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/parcels/\(id)/delegate", as: d.wang, json: ["user_id": d.wang.id.uuidString]).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/parcels/\(id)/delegate", as: d.lina, json: ["user_id": UUID().uuidString]).status == .badRequest)
            let named = try await app.send(.POST, "api/v1/parcels/\(id)/delegate", as: d.lina, json: ["user_id": d.wang.id.uuidString])
            #expect(try named.status == .ok && (try named.object()["delegate_name"] as? String) == "Wang")
            #expect(try await app.send(.GET, "api/v1/notifications", as: d.wang).items().contains { $0["kind"] as? String == "parcel.delegated" })
            #expect(try await app.send(.GET, "api/v1/parcels", as: d.wang).items().count == 1)
            #expect(try await app.send(.POST, "api/v1/parcels/\(id)/pickup", as: d.desk, json: ["collected_by": d.zhao.id.uuidString]).status == .forbidden)
            let collected = try await app.send(.POST, "api/v1/parcels/\(id)/pickup", as: d.desk, json: ["collected_by": d.wang.id.uuidString])
            #expect(try collected.status == .ok && (try collected.object()["collected_by_name"] as? String) == "Wang")
            app.services.rulebook.mailRoom.allowDelegation = false
            let other = try #require(try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina)).object()["id"] as? String)
            let refused = try await app.send(.POST, "api/v1/parcels/\(other)/delegate", as: d.lina, json: ["user_id": d.wang.id.uuidString])
            #expect(try refused.status == .unprocessableEntity && (try refused.error()["rule"] as? String) == "mail_room.allow_delegation")
        }
    }

    @Test("FDM-06 an item uncollected past mail_room.uncollected_after is listed for clearance and announced once; clearing earlier is 422")
    func overdue() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let d = try await desk(app)
            let id = try #require(try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina)).object()["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/parcels?overdue=true", as: d.desk).items().isEmpty)
            let early = try await app.send(.POST, "api/v1/parcels/\(id)/clear", as: d.desk, json: ["note": "退回寄件人"])
            #expect(try early.status == .unprocessableEntity && (try early.error()["rule"] as? String) == "mail_room.uncollected_after")
            clock.now = clock.now.addingTimeInterval(15 * 86_400)
            let listed = try await app.send(.GET, "api/v1/parcels?overdue=true", as: d.desk).items()
            #expect(listed.count == 1 && listed.first?["overdue"] as? Bool == true)
            #expect(try await app.send(.GET, "api/v1/parcels?overdue=true", as: d.lina).status == .forbidden)
            let jobs = ParcelQueries(db: app.db, services: app.services)
            #expect(try await jobs.remindOverdue(now: clock.now) == 1)
            #expect(try await jobs.remindOverdue(now: clock.now) == 0)
            #expect(try await app.send(.GET, "api/v1/notifications", as: d.lina).items().filter { $0["kind"] as? String == "parcel.overdue" }.count == 1)
            #expect(try await app.send(.GET, "api/v1/notifications", as: d.desk).items().contains { $0["kind"] as? String == "parcel.overdue" })
            #expect(try await app.send(.POST, "api/v1/parcels/\(id)/clear", as: d.desk, json: ["note": ""]).status == .badRequest)
            let cleared = try await app.send(.POST, "api/v1/parcels/\(id)/clear", as: d.desk, json: ["note": "退回寄件人"])
            #expect(try cleared.status == .ok && (try cleared.object()["state"] as? String) == "cleared")
            #expect(try await app.send(.POST, "api/v1/parcels/\(id)/clear", as: d.desk, json: ["note": "x"]).status == .conflict)
        }
    }

    @Test("FDM-01 outgoing mail is registered as sent; staff list only their own items; filters by state, recipient and department (FDM-03 sorting)")
    func outgoing() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let missing = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: ["direction": "outgoing", "content": "发票"])
            #expect(missing.status == .badRequest && missing.body.string.contains("sender_user_id") && missing.body.string.contains("recipient_name"))
            let sent = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: [
                "direction": "outgoing", "sender_user_id": d.wang.id.uuidString, "recipient_name": "李经理", "recipient_department": "华信公司",
                "recipient_contact": "13900000009", "content": "发票", "courier": "EMS", "tracking_no": "EMS001"])
            #expect(sent.status == .created, "\(sent.body.string)")
            #expect(try sent.object()["state"] as? String == "sent" && (try sent.object()["sender_name"] as? String) == "Wang")
            _ = try await app.send(.POST, "api/v1/parcels", as: d.desk, json: parcel(d, to: d.lina))
            #expect(try await app.send(.GET, "api/v1/parcels?direction=outgoing", as: d.desk).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/parcels?state=waiting&recipient_id=\(d.lina.id.uuidString)", as: d.desk).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/parcels?state=nope", as: d.desk).status == .badRequest)
            let department = try #require(try await UserRecord.find(d.lina.id, on: app.db)?.departmentID)
            #expect(try await app.send(.GET, "api/v1/parcels?department_id=\(department.uuidString)", as: d.desk).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/parcels", as: d.wang).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/parcels", as: d.zhao).items().isEmpty)
            let page = try await app.send(.GET, "api/v1/parcels?limit=1", as: d.desk).object()
            let cursor = try #require(page["next_cursor"] as? String)
            #expect(try await app.send(.GET, "api/v1/parcels?limit=1&cursor=\(cursor)", as: d.desk).items().count == 1)
        }
    }

    @Test("FDM-05 on the web the desk registers an item and hands it over with a drawn signature; a refused form keeps what was typed")
    func pages() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            var desk = WebSession(app)
            try await desk.logIn("qiantai", d.desk.password)
            let refused = try await desk.post("/parcels", ["direction": "incoming", "content": "文件<script>", "recipient_user_id": d.lina.id.uuidString])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("文件&lt;script&gt;") && refused.body.string.contains("id=\"parcel-form\""))
            let saved = try await desk.post("/parcels", ["direction": "incoming", "content": "文件", "sender_name": "张先生",
                                                         "recipient_user_id": d.lina.id.uuidString, "important": "1"])
            #expect(saved.status == .seeOther)
            let id = try #require(try await ParcelRecord.query(on: app.db).first()?.id)
            let form = try await desk.get("/parcels/\(id)/pickup")
            #expect(form.status == .ok && form.body.string.contains("signature-pad"))
            #expect(try await desk.post("/parcels/\(id)/pickup", ["collected_by": d.zhao.id.uuidString]).status == .forbidden)
            #expect(try await desk.post("/parcels/\(id)/pickup", ["collected_by": d.lina.id.uuidString, "signature": "data:image/png;base64,iVBORw0KGgo="]).status == .seeOther)
            let record = try #require(try await ParcelRecord.find(id, on: app.db))
            #expect(record.state == "collected" && record.signature != nil)
            var lina = WebSession(app)
            try await lina.logIn("lina", d.lina.password)
            let mine = try await lina.get("/parcels")
            #expect(mine.status == .ok && mine.body.string.contains("id=\"parcels-mine\"") && !mine.body.string.contains("id=\"parcel-form\""))
        }
    }
}
