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

/// Outsiders in restricted areas (FDV-08/09, FDA-06): only a pre-registered visit goes there, after the
/// rulebook's approver agreed in advance.
@Suite("Front desk restricted areas (FDV-08/09)")
struct VisitorAreasTests {
    struct People { let desk: TestStaff, host: TestStaff, manager: TestStaff, otherManager: TestStaff, boss: TestStaff }

    func people(_ app: Application) async throws -> People {
        let it = try await app.department("信息中心"), sales = try await app.department("销售部")
        return People(desk: try await app.staff("qiantai", roles: [.frontDesk]),
                      host: try await app.staff("lina", roles: [.agent], departmentID: it),
                      manager: try await app.staff("zhuren", roles: [.deptManager], departmentID: it),
                      otherManager: try await app.staff("xiaoshou", roles: [.deptManager], departmentID: sales),
                      boss: try await app.staff("lingdao", roles: [.leadership]))
    }

    func expect(_ app: Application, _ p: People, area: String) async throws -> (id: String, approval: String?) {
        let response = try await app.send(.POST, "api/v1/visitors/expected", as: p.host, json: [
            "name": "维修工程师", "organization": "华为", "phone": "13900000009", "purpose": "更换交换机", "area": area,
            "expected_at": "2026-11-24T02:00:00Z"])
        #expect(response.status == .created, "\(response.body.string)")
        let object = try response.object()
        return (try #require(object["id"] as? String), object["area_approval_id"] as? String)
    }

    @Test("FDV-09 an outsider enters the machine room only after the host's superior approved it in advance")
    func machineRoom() async throws {
        try await withTestApp { app in
            let p = try await people(app)
            let walkIn = try await app.send(.POST, "api/v1/visitors", as: p.desk, json: [
                "name": "维修工程师", "phone": "13900000009", "purpose": "维修", "host_user_id": p.host.id.uuidString, "area": "machine_room"])
            #expect(walkIn.status == .unprocessableEntity)
            #expect(try walkIn.error()["rule"] as? String == "front_desk.machine_room_approver")
            let (id, approval) = try await expect(app, p, area: "machine_room")
            let approvalID = try #require(approval)
            let early = try await app.send(.POST, "api/v1/visitors/\(id)/arrive", as: p.desk)
            #expect(early.status == .unprocessableEntity)
            #expect(try early.error()["rule"] as? String == "front_desk.machine_room_approver")
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: p.otherManager, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: p.manager, json: [:]).status == .ok)
            let arrived = try await app.send(.POST, "api/v1/visitors/\(id)/arrive", as: p.desk)
            #expect(arrived.status == .ok, "\(arrived.body.string)")
            #expect(try arrived.object()["badge_no"] as? String == "V001")
        }
    }

    @Test("FDV-08 FDA-06 entry to the offices needs company leadership's prior approval; a refusal keeps the visitor out")
    func offices() async throws {
        try await withTestApp { app in
            let p = try await people(app)
            let (id, approval) = try await expect(app, p, area: "office")
            let approvalID = try #require(approval)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/approve", as: p.manager, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approvalID)/reject", as: p.boss, json: ["comment": "非必要不进入办公区"]).status == .ok)
            let refused = try await app.send(.POST, "api/v1/visitors/\(id)/arrive", as: p.desk)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error()["rule"] as? String == "front_desk.office_entry_approver")
            #expect(try await app.send(.GET, "api/v1/notifications", as: p.host).items().contains { $0["kind"] as? String == "visitor.area_decided" })
            let reception = try await expect(app, p, area: "reception")
            #expect(reception.approval == nil)
            #expect(try await app.send(.POST, "api/v1/visitors/\(reception.id)/arrive", as: p.desk).status == .ok)
            #expect(try await app.send(.POST, "api/v1/visitors/expected", as: p.host, json: [
                "name": "x", "phone": "1", "purpose": "y", "area": "roof", "expected_at": "2026-11-24T02:00:00Z"]).status == .badRequest)
        }
    }
}
