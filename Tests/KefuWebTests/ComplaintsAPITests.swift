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

@Suite("Complaints (first part): the form on the case, the settlement decision by amount, re-filing")
struct ComplaintsAPITests {
    func complaint(_ app: Application, _ staff: TestStaff, claim: Any = "3000") async throws -> String {
        let opened = try await app.openCase(as: staff, type: "complaint", subject: "投诉产品质量问题", extra: [
            "complaint": ["category": "quality", "order_no": "SO-2026-0815", "batch_no": "B-1107", "shipped_on": "2026-11-01",
                          "defective_qty": 12, "customer_request": "退货并赔偿运费", "claim_amount": claim, "severity": "important"]])
        let form = try #require(opened["complaint"] as? [String: Any])
        #expect(form["order_no"] as? String == "SO-2026-0815")
        #expect(form["claim_amount"] as? String == "3000.00")
        return try #require(opened["id"] as? String)
    }

    @Test("CMP-04 the complaint form records quality or non-quality with order, batch, shipped date and the customer's request")
    func form() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            _ = try await complaint(app, lina)
            let wrong = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "complaint", "channel": "phone", "subject": "x", "customer": ["name": "王", "phone": "13900001111"],
                "complaint": ["category": "weather", "customer_request": "x"]])
            #expect(wrong.status == .badRequest)
            let notComplaint = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "query", "channel": "phone", "subject": "x", "customer": ["name": "王", "phone": "13900002222"],
                "complaint": ["category": "quality", "customer_request": "x"]])
            #expect(notComplaint.status == .badRequest)
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("CMP-32 a settlement of 3000 needs the vice president: the sales manager may not approve it, the VP may")
    func settlementByAmount() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let salesManager = try await app.staff("xuqiang", roles: [.salesManager])
            let vp = try await app.staff("heyong", roles: [.vp])
            let id = try await complaint(app, lina)
            let decided = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: lina, json: [
                "method": "compensation", "amount": "3000", "reason": "确属质量问题，按合同赔偿"])
            #expect(decided.status == .ok, "\(decided.body.string)")
            let decision = try #require((try decided.object()["complaint"] as? [String: Any])?["decision"] as? [String: Any])
            #expect(decision["state"] as? String == "pending")
            let approval = try #require(decision["approval_id"] as? String)
            let detail = try await app.send(.GET, "api/v1/approvals/\(approval)", as: vp).object()
            #expect(((detail["steps"] as? [[String: Any]])?.first?["role"] as? String) == "vp")
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: salesManager, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: vp, json: ["comment": "同意"]).status == .ok)
            let after = try await app.send(.GET, "api/v1/cases/\(id)", as: lina).object()
            #expect(((after["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["state"] as? String == "approved")
            // Deciding twice: the approved conclusion stands (the customer's objection is a re-filing, CMP-34).
            let again = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: lina, json: ["method": "discount", "amount": 500, "reason": "x"])
            #expect(again.status == .conflict)
            let other = try await complaint(app, lina)
            #expect(try await app.send(.POST, "api/v1/cases/\(other)/complaint/decision", as: lina, json: ["method": "discount", "amount": 500, "reason": "x"]).status == .ok)
            let small = try await app.send(.GET, "api/v1/cases/\(other)", as: lina).object()
            let second = try #require(((small["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["approval_id"] as? String)
            let secondDetail = try await app.send(.GET, "api/v1/approvals/\(second)", as: salesManager).object()
            #expect(((secondDetail["steps"] as? [[String: Any]])?.first?["role"] as? String) == "sales_manager")
        }
    }

    @Test("CMP-34 when the customer rejects the conclusion the complaint is re-filed as a new linked case; the original stays readable")
    func refile() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let salesManager = try await app.staff("xuqiang", roles: [.salesManager])
            let id = try await complaint(app, lina)
            // An open complaint is still being handled: nothing to re-file yet.
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/refile", as: lina, json: ["reason": "客户不接受"]).status == .conflict)
            try await app.concludeAndClose(id, as: lina, approver: salesManager)
            let refiled = try await app.send(.POST, "api/v1/cases/\(id)/complaint/refile", as: lina, json: ["reason": "客户不接受处理结论"])
            #expect(refiled.status == .created, "\(refiled.body.string)")
            let body = try refiled.object()
            #expect((body["complaint"] as? [String: Any])?["refiled_from_id"] as? String == id)
            #expect(body["number"] as? String != nil)
            #expect(try await app.send(.GET, "api/v1/cases/\(id)", as: lina).status == .ok)
            #expect(try await CaseLinkRecord.query(on: app.db).count() == 2)
            // The original stays read-only: it is closed, and acting on its form is refused.
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/responsibility", as: lina, json: [
                "responsible_department_id": UUID().uuidString, "fault": "quality", "track_improvement": true]).status != .ok)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/refile", as: lina, json: ["reason": " "]).status == .badRequest)
        }
    }
}
