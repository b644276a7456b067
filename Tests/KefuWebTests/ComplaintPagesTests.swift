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

/// The complaint pages: intake on the new-case form, the complaint page and its forms, the printable
/// documents, the lists and the monthly review.
@Suite("Complaint pages: intake, the form page, documents, lists, the monthly review")
struct ComplaintPagesTests {
    @Test("CMP-04 CMP-12 a complaint is taken on the new-case form with its complaint fields; a bad amount re-renders the form")
    func intake() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let form = try await agent.get("/cases/new?type=complaint")
            #expect(form.body.string.contains("complaint-fields"))
            let base = ["phone": "13800138000", "name": "王先生", "type": "complaint", "channel": "phone", "subject": "收到的产品外壳破裂",
                        "complaint_category": "quality", "complaint_order_no": "SO-1", "complaint_defective_qty": "3",
                        "complaint_customer_request": "退货", "complaint_severity": "important", "complaint_marketing_opinion": "属实"]
            var bad = base
            bad["complaint_claim_amount"] = "三千"
            let refused = try await agent.post("/cases", bad)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("三千"))
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            var good = base
            good["complaint_claim_amount"] = "3000"
            let created = try await agent.post("/cases", good)
            #expect(created.status == .seeOther)
            let complaint = try #require(try await ComplaintRecord.query(on: app.db).first())
            #expect(complaint.claimAmount == "3000.00")
            #expect(complaint.marketingOpinion == "属实")
            #expect(complaint.severity == "important")
        }
    }

    @Test("CMP-19 the customer's reply letter carries the answer and never the internal form's judgements")
    func replyLetter() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let manager = try await app.staff("xuqiang", roles: [.salesManager])
            let rnd = try await app.department("研发部", kind: .rnd)
            let id = try await app.openCase(as: lina, type: "complaint", subject: "外壳破裂", extra: ["complaint": [
                "category": "quality", "customer_request": "退货", "marketing_opinion": "营销部内部意见ABC"]])["id"] as! String
            _ = try await app.send(.POST, "api/v1/cases/\(id)/complaint/responsibility", as: lina, json: [
                "responsible_department_id": rnd.uuidString, "fault": "quality", "track_improvement": true, "loss_basis": "产品成本", "loss_amount": 777])
            let decided = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: lina, json: ["method": "discount", "amount": 300, "reason": "内部理由XYZ"]).object()
            let approval = ((decided["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["approval_id"] as! String
            _ = try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: manager, json: [:])
            _ = try await app.send(.POST, "api/v1/cases/\(id)/complaint/reply", as: lina, json: ["kind": "conclusion", "channel": "letter", "content": "给予九折优惠。"])
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let letter = try await agent.get("/cases/\(id)/complaint/letter")
            #expect(letter.status == .ok)
            let text = letter.body.string
            #expect(text.contains("给予九折优惠。"))
            for secret in ["营销部内部意见ABC", "777.00", "内部理由XYZ"] { #expect(!text.contains(secret)) }
            let form = try await agent.get("/cases/\(id)/complaint/print")
            #expect(form.body.string.contains("营销部内部意见ABC"))
            #expect(form.body.string.contains("777.00"))
        }
    }

    @Test("The complaint page shows every part and its forms; a refused step shows the page again with the rule, never a 500")
    func formPage() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let vp = try await app.staff("heyong", roles: [.vp])
            _ = try await app.department("营销部", kind: .marketing)
            let id = try await app.openCase(as: lina, type: "complaint", subject: "外壳破裂", extra: ["complaint": [
                "category": "quality", "customer_request": "退货"]])["id"] as! String
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let casePage = try await agent.get("/cases/\(id)")
            #expect(casePage.body.string.contains("/cases/\(id)/complaint"))
            let page = try await agent.get("/cases/\(id)/complaint")
            #expect(page.status == .ok)
            for part in ["complaint-tasks", "complaint-report", "complaint-responsibility", "decision-form", "reply-form"] {
                #expect(page.body.string.contains(part))
            }
            #expect(try await agent.post("/cases/\(id)/complaint/tasks", ["kind": "verify_order", "owner_department_id": ""]).status == .seeOther)
            #expect(try await agent.get("/cases/\(id)/complaint").body.string.contains("核查订单资料"))
            let early = try await agent.post("/cases/\(id)/complaint/reply", ["kind": "conclusion", "channel": "phone", "content": "给您退货"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("flash-error"))
            let badAmount = try await agent.post("/cases/\(id)/complaint/decision", ["method": "return", "amount": "abc", "reason": "x"])
            #expect(badAmount.status == .badRequest)
            #expect(try await agent.post("/cases/\(id)/complaint/decision", ["method": "return", "amount": "1500", "reason": "质量问题", "return_qty": "5"]).status == .seeOther)
            #expect(try await agent.get("/cases/\(id)/complaint").body.string.contains("decision-state"))
            #expect(try await agent.post("/cases/\(id)/complaint/report", ["content": "调查结论：批次问题"]).status == .seeOther)
            var boss = WebSession(app)
            try await boss.logIn("heyong", vp.password)
            let report = try await boss.get("/cases/\(id)/complaint/report")
            #expect(report.body.string.contains("instruction-form"))
            #expect(try await boss.post("/cases/\(id)/complaint/instruction", ["instruction": "同意"]).status == .seeOther)
            #expect(try await boss.get("/cases/\(id)/complaint/report").body.string.contains("vp-instruction"))
            let list = try await agent.get("/complaints")
            #expect(list.body.string.contains("/cases/\(id)/complaint"))
            #expect(try await agent.get("/complaints?view=overdue").status == .ok)
            #expect(try await agent.get("/complaints?view=tasks").status == .ok)
        }
    }

    @Test("CMP-40 the monthly review page lets the GM office record outcomes and HR publish the announcement")
    func reviewPage() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)  // a complaint closed in October, reviewed in November
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let office = try await app.staff("gmo", roles: [.gmOffice])
            let hr = try await app.staff("renshi", roles: [.hr])
            let salesManager = try await app.staff("xuqiang", roles: [.salesManager])
            let id = try await app.openCase(as: lina, type: "complaint", subject: "外壳破裂", extra: ["complaint": ["category": "quality", "customer_request": "退货"]])["id"] as! String
            try await app.concludeAndClose(id, as: lina, approver: salesManager)
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            record.closedAt = clock.now.addingTimeInterval(-40 * 86_400)
            try await record.save(on: app.db)
            let review = try #require(try await ComplaintReviews(db: app.db, services: app.services).openDue(now: clock.now))
            var gmo = WebSession(app)
            try await gmo.logIn("gmo", office.password)
            let page = try await gmo.get("/complaints/reviews/\(review.id!)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(record.number))
            let item = try #require(try await ComplaintReviewItemRecord.query(on: app.db).first())
            let missing = try await gmo.post("/complaints/reviews/\(review.id!)/items/\(item.id!)/outcome", ["outcome": "administrative_penalty", "person_id": "", "note": ""])
            #expect(missing.status == .badRequest)
            #expect(try await gmo.post("/complaints/reviews/\(review.id!)/items/\(item.id!)/outcome", [
                "outcome": "administrative_penalty", "person_id": lina.id.uuidString, "note": "通报批评"]).status == .seeOther)
            var people = WebSession(app)
            try await people.logIn("renshi", hr.password)
            #expect(try await people.get("/complaints/reviews/\(review.id!)").body.string.contains("id=\"announce\""))
            #expect(try await people.post("/complaints/reviews/\(review.id!)/announce", [:]).status == .seeOther)
            let announcement = try await people.get("/complaints/reviews/\(review.id!)/announcement")
            #expect(announcement.body.string.contains("通报批评"))
            var stranger = WebSession(app)
            try await stranger.logIn("lina", lina.password)
            #expect(try await stranger.get("/complaints/reviews").status == .forbidden)
        }
    }

    @Test("ACC-03 an accountability case is opened from the complaint page with the complaint as its source")
    func accountabilityFromComplaint() async throws {
        try await withTestApp { app in
            let director = try await app.staff("wangfang", roles: [.csDirector])
            let id = try await app.openCase(as: director, type: "complaint", subject: "服务态度差", extra: ["complaint": [
                "category": "non_quality", "customer_request": "道歉", "severity": "major"]])["id"] as! String
            var session = WebSession(app)
            try await session.logIn("wangfang", director.password)
            let page = try await session.get("/cases/\(id)/complaint")
            #expect(page.body.string.contains("open-accountability"))
            let form = try await session.get("/accountability/new?origin=complaint&trigger=serious_complaint&source_type=case&source_id=\(id)")
            #expect(form.status == .ok)
            #expect(form.body.string.contains(id))
        }
    }
}
