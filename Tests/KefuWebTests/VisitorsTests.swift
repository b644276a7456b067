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

/// The visitor register at the front desk (FDV, FDA-03..05).
@Suite("Front desk visitors (FDV, FDA)")
struct VisitorsTests {
    struct Desk { let desk: TestStaff, host: TestStaff, agent: TestStaff }

    func desk(_ app: Application) async throws -> Desk {
        Desk(desk: try await app.staff("qiantai", roles: [.frontDesk]), host: try await app.staff("wangjingli", roles: [.deptManager]),
             agent: try await app.staff("lina", roles: [.agent]))
    }

    func visitor(_ d: Desk, name: String = "周先生", phone: String = "13900000001", extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["name": name, "organization": "华信公司", "phone": phone, "purpose": "商谈合同", "host_user_id": d.host.id.uuidString]
        body.merge(extra) { _, new in new }
        return body
    }

    @Test("FDV-03 FDV-02 FDA-03 a visitor is registered with the register's fields, the host told at once, a card issued from the pool")
    func register() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let missing = try await app.send(.POST, "api/v1/visitors", as: d.desk, json: ["name": "", "phone": "", "host_user_id": d.host.id.uuidString])
            #expect(missing.status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/visitors", as: d.agent, json: visitor(d)).status == .forbidden)
            let first = try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d))
            #expect(first.status == .created, "\(first.body.string)")
            #expect(try first.object()["badge_no"] as? String == "V001" && first.object()["state"] as? String == "in")
            let second = try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, name: "吴女士", phone: "13900000002"))
            #expect(try second.object()["badge_no"] as? String == "V002")
            let inbox = try await app.send(.GET, "api/v1/notifications", as: d.host).items()
            #expect(inbox.filter { $0["kind"] as? String == "visitor.registered" }.count == 2)
            #expect(try await app.send(.GET, "api/v1/visitors?state=in", as: d.desk).items().count == 2)
            #expect(try await app.send(.GET, "api/v1/visitors?state=gone", as: d.desk).status == .badRequest)
        }
    }

    @Test("FDA-04 checkout recovers the card for the next visitor; a visitor already gone is 409")
    func checkout() async throws {
        try await withTestApp { app in
            app.services.rulebook.frontDesk.badgePool = ["V001"]
            let d = try await desk(app)
            let id = try #require(try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d)).object()["id"] as? String)
            // FDA-03: the pool is empty — the next visitor cannot get a card.
            let full = try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, phone: "13900000009"))
            #expect(full.status == .unprocessableEntity)
            #expect(try full.error()["rule"] as? String == "front_desk.badge_pool")
            #expect(try await app.send(.POST, "api/v1/visitors/\(id)/checkout", as: d.desk, json: [:]).status == .badRequest)
            let left = try await app.send(.POST, "api/v1/visitors/\(id)/checkout", as: d.desk, json: ["badge_returned": true])
            #expect(left.status == .ok)
            #expect(try left.object()["left_at"] is String)
            #expect(try await app.send(.POST, "api/v1/visitors/\(id)/checkout", as: d.desk, json: ["badge_returned": true]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, phone: "13900000009")).object()["badge_no"] as? String == "V001")
        }
    }

    @Test("FDA-05 a card not returned is charged and stays out of the pool until found; returning a card that is not out is 409")
    func lostCard() async throws {
        try await withTestApp { app in
            app.services.rulebook.frontDesk.badgePool = ["V001", "V002"]
            let d = try await desk(app)
            let id = try #require(try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d)).object()["id"] as? String)
            let lost = try await app.send(.POST, "api/v1/visitors/\(id)/checkout", as: d.desk, json: ["badge_returned": false])
            #expect(try lost.object()["badge_lost"] as? Bool == true && lost.object()["compensation"] as? String == "20")
            #expect(try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, phone: "13900000003")).object()["badge_no"] as? String == "V002")
            #expect(try await app.send(.POST, "api/v1/visitors/\(id)/card-found", as: d.desk).status == .ok)
            #expect(try await app.send(.POST, "api/v1/visitors/\(id)/card-found", as: d.desk).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, phone: "13900000004")).object()["badge_no"] as? String == "V001")
        }
    }

    @Test("FDV-04 when the host is out the visitor leaves a message for the host (no card), or must wait")
    func hostOut() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            #expect(try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, extra: ["host_in": false])).status == .badRequest)
            let message = try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, extra: ["host_in": false, "message": "明天再来，请回电"]))
            #expect(try message.object()["state"] as? String == "message_left" && message.object()["badge_no"] == nil)
            let inbox = try await app.send(.GET, "api/v1/notifications", as: d.host).items()
            #expect(inbox.contains { $0["kind"] as? String == "visitor.message_left" })
        }
    }

    @Test("FDV-08 FDA-06 a blocked visitor is refused; a host pre-registers an expected visitor who then arrives")
    func blockAndExpected() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            #expect(try await app.send(.POST, "api/v1/visitor-blocklist", as: d.desk, json: ["phone": "13900000666", "name": "推销", "reason": "多次强行推销"]).status == .created)
            #expect(try await app.send(.POST, "api/v1/visitor-blocklist", as: d.desk, json: ["phone": "13900000666", "reason": "again"]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, phone: "13900000666")).status == .forbidden)
            let expected = try await app.send(.POST, "api/v1/visitors/expected", as: d.agent, json: [
                "name": "客户陈总", "phone": "13900000007", "purpose": "参观", "expected_at": "2026-11-24T02:00:00Z"])
            #expect(expected.status == .created, "\(expected.body.string)")
            #expect(try expected.object()["host_user_id"] as? String == d.agent.id.uuidString && expected.object()["badge_no"] == nil)
            let id = try #require(try expected.object()["id"] as? String)
            let arrived = try await app.send(.POST, "api/v1/visitors/\(id)/arrive", as: d.desk)
            #expect(try arrived.object()["badge_no"] as? String == "V001")
            #expect(try await app.send(.POST, "api/v1/visitors/\(id)/arrive", as: d.desk).status == .conflict)
        }
    }

    @Test("FDA-03 two concurrent check-ins for the last card: exactly one gets it")
    func lastCardRace() async throws {
        try await withTestApp { app in
            app.services.rulebook.frontDesk.badgePool = ["V001"]
            let d = try await desk(app)
            async let a = app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, phone: "13900000011"))
            async let b = app.send(.POST, "api/v1/visitors", as: d.desk, json: visitor(d, phone: "13900000012"))
            let statuses = [try await a.status, try await b.status]
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 1, "\(statuses)")
            #expect(try await VisitorRecord.query(on: app.db).filter(\.$cardOut == true).count() == 1)
        }
    }

    @Test("FDA-04 a double click on arrive or checkout acts once: the second is 409 and no second card goes out")
    func doubleClick() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let id = try #require(try await app.send(.POST, "api/v1/visitors/expected", as: d.agent, json: [
                "name": "客户陈总", "phone": "13900000007", "purpose": "参观", "expected_at": "2026-11-24T02:00:00Z"]).object()["id"] as? String)
            async let a = app.send(.POST, "api/v1/visitors/\(id)/arrive", as: d.desk)
            async let b = app.send(.POST, "api/v1/visitors/\(id)/arrive", as: d.desk)
            let arrived = [try await a.status, try await b.status]
            #expect(arrived.filter { $0 == .ok }.count == 1 && arrived.filter { $0 == .conflict }.count == 1, "\(arrived)")
            #expect(try await VisitorRecord.query(on: app.db).filter(\.$cardOut == true).count() == 1)
            async let c = app.send(.POST, "api/v1/visitors/\(id)/checkout", as: d.desk, json: ["badge_returned": true])
            async let e = app.send(.POST, "api/v1/visitors/\(id)/checkout", as: d.desk, json: ["badge_returned": true])
            let left = [try await c.status, try await e.status]
            #expect(left.filter { $0 == .ok }.count == 1 && left.filter { $0 == .conflict }.count == 1, "\(left)")
        }
    }

    @Test("FDV-03 the console registers a visitor and prints the card; a refused form keeps what was typed")
    func console() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            var desk = WebSession(app)
            try await desk.logIn("qiantai", d.desk.password)
            #expect(try await desk.get("/front-desk").body.string.contains("id=\"visitor-form\""))
            let refused = try await desk.post("/front-desk/visitors", ["name": "周<b>", "phone": "", "purpose": "x", "host_user_id": d.host.id.uuidString, "host_in": "1"])
            #expect(refused.status == .badRequest && refused.body.string.contains("周&lt;b&gt;"))
            let saved = try await desk.post("/front-desk/visitors", ["name": "周先生", "phone": "13900000001", "purpose": "送货", "host_user_id": d.host.id.uuidString, "host_in": "1"])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers.first(name: .location))
            let badge = try await desk.get(location)
            #expect(badge.body.string.contains("V001") && badge.body.string.contains("Wangjingli"))
            let board = try await desk.get("/front-desk")
            #expect(board.body.string.contains("周先生") && board.body.string.contains("checkout-"))
        }
    }
}
