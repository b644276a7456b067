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

@Suite("Service job pages: register, dispatch, voucher with signature, printable voucher")
struct ServicePagesTests {
    @Test("SRV-04 SRV-05 through the case page: registered, dispatched, signed on screen, countersigned and printed")
    func fullFlow() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let manager = try await app.staff("manager", roles: [.deptManager])
            let id = try await app.openCase(as: lina, type: "service_request", subject: "申请上门安装")["id"] as! String
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let page = try await agent.get("/cases/\(id)")
            #expect(page.body.string.contains("service-register-form"))
            let missing = try await agent.post("/cases/\(id)/service", ["category": "paid", "product_model": ""])
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("flash-error"))
            #expect(try await agent.post("/cases/\(id)/service", ["category": "paid", "product_model": "E2 电热水器",
                                                                   "purchase_date": "2026-03-01", "address": "深圳市南山区"]).status == .seeOther)
            let registered = try await agent.get("/cases/\(id)")
            #expect(registered.body.string.contains("E2 电热水器"))
            #expect(registered.body.string.contains("2026-03-01"))
            var boss = WebSession(app)
            try await boss.logIn("manager", manager.password)
            let queue = try await boss.get("/service/dispatch")
            #expect(queue.body.string.contains("E2 电热水器"))
            _ = try await boss.get("/cases/\(id)")
            #expect(try await boss.post("/cases/\(id)/service/dispatch", ["assignee_id": lina.id.uuidString]).status == .seeOther)
            _ = try await agent.get("/cases/\(id)")
            #expect(try await agent.post("/cases/\(id)/service/start", [:]).status == .seeOther)
            clock.now = Date.t0.addingTimeInterval(3 * 3_600)
            let voucherPage = try await agent.get("/cases/\(id)")
            #expect(voucherPage.body.string.contains("signature-pad"))
            let signed = try await agent.post("/cases/\(id)/service/voucher", [
                "service_start": "2026-11-23T10:30", "service_end": "2026-11-23T11:45", "content": "安装热水器并试机",
                "fee": "150", "signature_png": "data:image/png;base64," + ServiceJobsAPITests.png])
            #expect(signed.status == .seeOther, "\(signed.body.string.prefix(300))")
            _ = try await boss.get("/cases/\(id)")
            #expect(try await boss.post("/cases/\(id)/service/countersign", [:]).status == .seeOther)
            let printed = try await agent.get("/cases/\(id)/service/voucher")
            #expect(printed.status == .ok)
            #expect(printed.body.string.contains("安装热水器并试机"))
            #expect(printed.body.string.contains("data:image/png;base64,"))
            #expect(printed.body.string.contains("150.00"))
        }
    }
}
