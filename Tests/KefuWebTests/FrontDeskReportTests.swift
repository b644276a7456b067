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

/// The front desk's workload counts (RPT-15) and monthly assessment (PRM-19..21).
@Suite("Front desk workload and assessment (RPT-15, PRM-19..21)")
struct FrontDeskReportTests {
    struct Desk { let desk: TestStaff, desk2: TestStaff, office: TestStaff, hr: TestStaff, agent: TestStaff }

    func desk(_ app: Application) async throws -> Desk {
        Desk(desk: try await app.staff("qiantai", roles: [.frontDesk]), desk2: try await app.staff("qiantai2", roles: [.frontDesk]),
             office: try await app.staff("xingzheng", roles: [.adminOffice]), hr: try await app.staff("renshi", roles: [.hr]),
             agent: try await app.staff("lina", roles: [.agent]))
    }

    @Test("RPT-15 the front desk's month counts visitors received and messages taken per person and in total")
    func workload() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            for (i, who) in [d.desk, d.desk, d.desk2].enumerated() {
                #expect(try await app.send(.POST, "api/v1/visitors", as: who, json: [
                    "name": "访客\(i)", "phone": "1390000000\(i)", "purpose": "来访", "host_user_id": d.agent.id.uuidString]).status == .created)
            }
            #expect(try await app.send(.POST, "api/v1/messages", as: d.desk2, json: [
                "caller_name": "张先生", "contact": "1", "content": "回电", "for_user_id": d.agent.id.uuidString]).status == .created)
            let month = FinesLedger.month(of: app.services.now(), services: app.services)
            let report = try await app.send(.GET, "api/v1/reports/front-desk?month=\(month)", as: d.office).object()
            let total = try #require(report["total"] as? [String: Any])
            #expect(total["visitors"] as? Int == 3 && total["messages"] as? Int == 1 && total["total"] as? Int == 4)
            let people = try #require(report["people"] as? [[String: Any]])
            let second = people.first { $0["name"] as? String == "Qiantai2" }?["workload"] as? [String: Any]
            #expect(second?["visitors"] as? Int == 1 && second?["messages"] as? Int == 1)
            let own = try await app.send(.GET, "api/v1/reports/front-desk?month=\(month)", as: d.desk).object()
            #expect((own["people"] as? [Any])?.count == 1)
            #expect(try await app.send(.GET, "api/v1/reports/front-desk", as: d.agent).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/reports/front-desk?month=13-2026", as: d.office).status == .badRequest)
        }
    }

    @Test("PRM-20 PRM-21 a month is assessed once with attitude, quality and one of four grades; a fail states its reasons and reaches HR")
    func assessment() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let month = FinesLedger.month(of: app.services.now(), services: app.services)
            func assess(_ who: TestStaff, _ body: [String: Any]) async throws -> TestingHTTPResponse {
                var json: [String: Any] = ["user_id": d.desk.id.uuidString, "month": month, "attitude": 4, "quality": 3, "grade": "good"]
                json.merge(body) { $1 }
                return try await app.send(.POST, "api/v1/front-desk/assessments", as: who, json: json)
            }
            #expect(try await assess(d.desk2, [:]).status == .forbidden)
            #expect(try await assess(d.office, ["grade": "outstanding"]).status == .badRequest)
            #expect(try await assess(d.office, ["attitude": 9]).status == .badRequest)
            #expect(try await assess(d.office, ["user_id": d.agent.id.uuidString]).status == .badRequest)
            #expect(try await assess(d.office, ["month": "2099-01"]).status == .badRequest)
            let noReason = try await assess(d.office, ["grade": "fail", "comment": " "])
            #expect(noReason.status == .badRequest && noReason.body.string.contains("comment"))
            let failed = try await assess(d.office, ["grade": "fail", "comment": "本月两次未按时收发快递"])
            #expect(failed.status == .created, "\(failed.body.string)")
            #expect(try await assess(d.hr, [:]).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/notifications", as: d.hr).items().contains { $0["kind"] as? String == "front_desk.admonishment_talk" })
            #expect(try await app.send(.GET, "api/v1/notifications", as: d.desk).items().contains { $0["kind"] as? String == "front_desk.assessed" })
            let excellent = try await assess(d.hr, ["user_id": d.desk2.id.uuidString, "grade": "excellent"])
            #expect(excellent.status == .created)
            #expect(try await app.send(.GET, "api/v1/notifications", as: d.hr).items().contains { $0["kind"] as? String == "front_desk.commendation" })
        }
    }

    @Test("PRM-19 PRM-24 the monthly page shows the counts and the form; the assessed person sees their own result")
    func page() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            var office = WebSession(app)
            try await office.logIn("xingzheng", "secret-pass-1")
            let month = FinesLedger.month(of: app.services.now(), services: app.services)
            let page = try await office.get("/reports/front-desk?month=\(month)")
            #expect(page.status == .ok && page.body.string.contains("assess-\(d.desk.id)"))
            let refused = try await office.post("/reports/front-desk/assessments", ["user_id": d.desk.id.uuidString, "month": month, "attitude": "3",
                                                                                    "quality": "3", "grade": "fail", "comment": ""])
            #expect(refused.status == .badRequest && refused.body.string.contains("front-desk-people"))
            #expect(try await office.post("/reports/front-desk/assessments", ["user_id": d.desk.id.uuidString, "month": month, "attitude": "5",
                                                                              "quality": "5", "grade": "excellent", "comment": "热情周到"]).status == .seeOther)
            var desk = WebSession(app)
            try await desk.logIn("qiantai", "secret-pass-1")
            let own = try await desk.get("/reports/front-desk?month=\(month)")
            #expect(own.body.string.contains("热情周到") && !own.body.string.contains("Qiantai2"))
        }
    }

    @Test("FDA-04 the day's visitor register prints visit and leaving times, host and card; a bad date is 400")
    func register() async throws {
        try await withTestApp { app in
            let d = try await desk(app)
            let id = try #require(try await app.send(.POST, "api/v1/visitors", as: d.desk, json: [
                "name": "周先生", "organization": "华信公司", "phone": "13900000001", "purpose": "商谈合同", "host_user_id": d.agent.id.uuidString]).object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/visitors/\(id)/checkout", as: d.desk, json: ["badge_returned": true]).status == .ok)
            var web = WebSession(app)
            try await web.logIn("qiantai", "secret-pass-1")
            let page = try await web.get("/front-desk/register")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("周先生") && page.body.string.contains("华信公司") && page.body.string.contains("V001") && page.body.string.contains("已离开"))
            #expect(try await web.get("/front-desk/register?date=2026-13-40").status == .badRequest)
            var agent = WebSession(app)
            try await agent.logIn("lina", "secret-pass-1")
            #expect(try await agent.get("/front-desk/register").status == .forbidden)
        }
    }

    @Test("RPT-15 parcels registered and supplies issued count for the desk person who handled them")
    func parcelsAndSupplies() async throws {
        try await withTestApp { app in
            let o = try await SupplyTests.office(app)
            let item = try await SupplyTests.item(app, o, stock: 10)
            let requisition = try await SupplyTests.approvedRequisition(app, o, item: item, quantity: 2)
            #expect(try await app.send(.POST, "api/v1/supply-requisitions/\(requisition)/issue", as: o.desk, json: ["collector_name": "Lina"]).status == .ok)
            let parcel = try await app.send(.POST, "api/v1/parcels", as: o.desk, json: [
                "tracking_no": "SF1", "courier": "顺丰", "sender_name": "张先生", "sender_contact": "1", "recipient_user_id": o.lina.id.uuidString,
                "recipient_contact": "8001", "content": "合同文件"])
            #expect(parcel.status == .created, "\(parcel.body.string)")
            let month = FinesLedger.month(of: app.services.now(), services: app.services)
            let report = try await app.send(.GET, "api/v1/reports/front-desk?month=\(month)", as: o.leader).object()
            let total = try #require(report["total"] as? [String: Any])
            #expect(total["parcels"] as? Int == 1 && total["supplies"] as? Int == 1)
            let desk = (report["people"] as? [[String: Any]])?.first { $0["user_id"] as? String == o.desk.id.uuidString }
            #expect((desk?["workload"] as? [String: Any])?["total"] as? Int == 2)
        }
    }
}
