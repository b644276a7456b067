import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 21 §11: a print page carries the form, filled from everything the system knows.
@Suite("Print pages: the complaint form with the approvers' opinions")
struct PrintPagesTests {
    @Test("CMP-32 the printed complaint form shows the vice president's comment in 副总经理批示 and the approver's name")
    func vicePresidentCommentPrints() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let vp = try await app.staff("heyong", roles: [.vp])
            let id = try #require(try await app.openCase(as: lina, type: "complaint", subject: "外壳破裂", extra: ["complaint": [
                "category": "quality", "defective_qty": 1, "customer_request": "赔偿"]])["id"] as? String)
            let decided = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: lina,
                                             json: ["method": "compensation", "amount": 3000, "reason": "质量问题属实"]).object()
            let approval = try #require(((decided["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["approval_id"] as? String)
            let approved = try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: vp, json: ["comment": "同意按3000元赔付，并追踪改善"])
            #expect(approved.status == .ok, "\(approved.body.string)")
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let form = try await web.get("/cases/\(id)/complaint/print").body.string
            let label = app.services.localization.text("complaint.instruction", .zhHans)
            let row = try #require(form.range(of: "<th>\(label)</th>"))
            #expect(form[row.upperBound...].prefix(200).contains("同意按3000元赔付，并追踪改善"))
            #expect(form.contains("Heyong"))
        }
    }
}
