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

@Suite("After-sales service (SRV): register, off-site approval, dispatch, voucher, countersign, costs")
struct ServiceJobsAPITests {
    /// A 1×1 PNG.
    static let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    let iso = ISO8601DateFormatter()

    func serviceCase(_ app: Application, _ staff: TestStaff, category: String = "paid", offsite: Bool = false) async throws -> String {
        // Bought about half a year before "now", whatever date the suite runs at (a future purchase date is refused).
        let bought = app.services.rulebook.calendar.localDate(of: app.services.now().addingTimeInterval(-180 * 86_400)).description
        let opened = try await app.openCase(as: staff, type: "service_request", subject: "申请上门维修", extra: [
            "service": ["category": category, "product_model": "KF-200", "specification": "200L", "purchase_date": bought,
                        "purchase_place": "深圳华强北门店", "address": "深圳市福田区华强北路1号", "offsite": offsite]])
        return try #require(opened["id"] as? String)
    }

    @Test("SRV-02 a service request registers model, specification, purchase date and place with the case; SRV-01 category letters")
    func register() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await serviceCase(app, lina, category: "contract")
            let job = try await app.send(.GET, "api/v1/cases/\(id)/service", as: lina).object()
            #expect(job["status"] as? String == "registered")
            #expect(job["category"] as? String == "contract")
            #expect(job["product_model"] as? String == "KF-200")
            #expect(job["purchase_place"] as? String == "深圳华强北门店")
            #expect(ServiceCategory.allCases.map(\.letter) == ["a", "b", "c", "d"])
            let bad = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "service_request", "channel": "phone", "subject": "x", "description": "上门维修", "customer": ["name": "王", "phone": "13900001111"],
                "service": ["category": "paid", "product_model": "", "purchase_date": "2099-01-01"]])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("product_model"))
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("SRV-03 only the department manager dispatches; SRV-11 an off-site job waits for its approved application")
    func offsiteDispatch() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let manager = try await app.staff("manager", roles: [.deptManager])
            let engineer = try await app.staff("engineer", roles: [.agent])
            let id = try await serviceCase(app, lina, offsite: true)
            let qa = try await app.staff("zhoujie", roles: [.qaInspector])
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/service/cancel", as: qa, json: ["reason": "x"]).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/cases/\(id)/service", as: qa).status == .ok)
            let byAgent = try await app.send(.POST, "api/v1/cases/\(id)/service/dispatch", as: lina, json: ["assignee_id": engineer.id.uuidString])
            #expect(byAgent.status == .forbidden)
            let early = try await app.send(.POST, "api/v1/cases/\(id)/service/dispatch", as: manager, json: ["assignee_id": engineer.id.uuidString])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("\"rule\":\"service.offsite_requires_approval\""))
            let job = try await app.send(.GET, "api/v1/cases/\(id)/service", as: manager).object()
            let approval = try #require(job["approval_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: lina, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: manager, json: [:]).status == .ok)
            let dispatched = try await app.send(.POST, "api/v1/cases/\(id)/service/dispatch", as: manager, json: ["assignee_id": engineer.id.uuidString])
            #expect(try dispatched.object()["status"] as? String == "dispatched")
        }
    }

    @Test("SRV-05 SRV-08 SRV-09 the voucher needs the customer's signature, actual time and content; the manager countersigns it")
    func voucher() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let manager = try await app.staff("manager", roles: [.deptManager])
            let engineer = try await app.staff("engineer", roles: [.agent])
            let id = try await serviceCase(app, lina, category: "free")
            _ = try await app.send(.POST, "api/v1/cases/\(id)/service/dispatch", as: manager, json: ["assignee_id": engineer.id.uuidString])
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/service/start", as: lina).status == .forbidden)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/service/start", as: engineer)
            clock.now = Date.t0.addingTimeInterval(7_200)
            var body: [String: Any] = ["service_start": iso.string(from: .t0.addingTimeInterval(600)),
                                       "service_end": iso.string(from: .t0.addingTimeInterval(4_200)), "content": "更换滤芯，清洗水箱"]
            let unsigned = try await app.send(.POST, "api/v1/cases/\(id)/service/voucher", as: engineer, json: body)
            #expect(unsigned.status == .badRequest)
            #expect(unsigned.body.string.contains("error.service.signature_required") || unsigned.body.string.contains("signature"))
            body["signature_png"] = "bm90IGEgcG5n"
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/service/voucher", as: engineer, json: body).status == .badRequest)
            body["signature_png"] = Self.png
            let signed = try await app.send(.POST, "api/v1/cases/\(id)/service/voucher", as: engineer, json: body)
            #expect(try signed.object()["status"] as? String == "voucher_signed", "\(signed.body.string)")
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/service/countersign", as: engineer).status == .forbidden)
            let countersigned = try await app.send(.POST, "api/v1/cases/\(id)/service/countersign", as: manager)
            #expect(try countersigned.object()["status"] as? String == "countersigned")
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/service/file", as: manager).status == .ok)
        }
    }

    @Test("SRV-06 SRV-07 a low fee is collected on site, a higher one is invoiced by finance (threshold from the rulebook)")
    func fees() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let manager = try await app.staff("manager", roles: [.deptManager])
            for (fee, expected) in [("200", "collected_on_site"), ("200.01", "invoice_requested")] {
                clock.now = .t0
                let id = try await serviceCase(app, lina)
                _ = try await app.send(.POST, "api/v1/cases/\(id)/service/dispatch", as: manager, json: ["assignee_id": lina.id.uuidString])
                _ = try await app.send(.POST, "api/v1/cases/\(id)/service/start", as: lina)
                clock.now = Date.t0.addingTimeInterval(3_600)
                let response = try await app.send(.POST, "api/v1/cases/\(id)/service/voucher", as: lina, json: [
                    "service_start": iso.string(from: .t0), "service_end": iso.string(from: .t0.addingTimeInterval(1_800)),
                    "content": "上门维修", "signed_on_paper_by": "王先生", "fee": fee])
                let settled = try #require(try response.object()["fee"] as? [String: Any], "\(response.body.string)")
                #expect(settled["settlement"] as? String == expected)
            }
        }
    }

    @Test("SRV-12 travel costs are booked on off-site jobs only")
    func costs() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let manager = try await app.staff("manager", roles: [.deptManager])
            let local = try await serviceCase(app, lina)
            _ = try await app.send(.POST, "api/v1/cases/\(local)/service/dispatch", as: manager, json: ["assignee_id": lina.id.uuidString])
            let refused = try await app.send(.POST, "api/v1/cases/\(local)/service/costs", as: lina, json: ["kind": "travel", "amount": "80.00"])
            #expect(refused.status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/cases/\(local)/service/costs", as: lina, json: ["kind": "material", "amount": 35.5]).status == .ok)
            let job = try await app.send(.GET, "api/v1/cases/\(local)/service", as: lina).object()
            #expect(job["cost_total"] as? String == "35.50")
        }
    }

    @Test("SRV-10 a job not dispatched on its day is flagged for priority dispatch the next day, once")
    func priorityDispatch() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let manager = try await app.staff("manager", roles: [.deptManager])
            _ = try await serviceCase(app, lina)
            #expect(try await FlagPriorityDispatch(db: app.db, services: app.services).run(now: clock.now) == 0)
            clock.now = Date.t0.addingTimeInterval(86_400)
            #expect(try await FlagPriorityDispatch(db: app.db, services: app.services).run(now: clock.now) == 1)
            #expect(try await FlagPriorityDispatch(db: app.db, services: app.services).run(now: clock.now) == 0)
            let queue = try await app.send(.GET, "api/v1/service-jobs", as: manager).items()
            #expect(queue.first?["priority_dispatch"] as? Bool == true)
            let notices = try await NotificationRepository(db: app.db).inbox(userID: manager.id, unreadOnly: true, after: nil, limit: 10)
            #expect(notices.items.contains { $0.kind == "service.priority_dispatch" })
            #expect(try await app.send(.GET, "api/v1/service-jobs", as: lina).status == .forbidden)
        }
    }
}
