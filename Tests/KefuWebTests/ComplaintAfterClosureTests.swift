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

/// After closure: the discount certificate and the return slip (CMP-35..39), and the GM office's monthly
/// review with its penalties and deductions (CMP-40..42).
@Suite("Complaints after closure: slips, reconciliation and the monthly review")
struct ComplaintAfterClosureTests {
    struct People {
        let lina: TestStaff, vp: TestStaff, salesVP: TestStaff, warehouse: TestStaff, finance: TestStaff
    }

    func people(_ app: Application) async throws -> People {
        People(lina: try await app.staff("lina", roles: [.agent]), vp: try await app.staff("heyong", roles: [.vp]),
               salesVP: try await app.staff("songjie", roles: [.salesVP]), warehouse: try await app.staff("cang", roles: [.warehouse]),
               finance: try await app.staff("cai", roles: [.finance]))
    }

    /// A complaint decided with `method`, approved by the VP band (2000 yuan), answered and closed.
    func decided(_ app: Application, _ p: People, method: String, close: Bool = true) async throws -> String {
        let opened = try await app.openCase(as: p.lina, type: "complaint", subject: "外壳破裂", extra: ["complaint": [
            "category": "quality", "defective_qty": 12, "customer_request": "退货", "claim_amount": 2000]])
        let id = try #require(opened["id"] as? String)
        var body: [String: Any] = ["method": method, "amount": 2000, "reason": "质量问题属实"]
        if method == "return" || method == "reprocess" { body["return_qty"] = 12 }  // CMP-38: only a return has one
        let decision = try await app.send(.POST, "api/v1/cases/\(id)/complaint/decision", as: p.lina, json: body).object()
        let approval = try #require(((decision["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["approval_id"] as? String)
        #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: p.vp, json: [:]).status == .ok)
        if close { try await app.concludeAndClose(id, as: p.lina) }
        return id
    }

    /// Moves a closed case's closing time to last month (the staff tokens live in real time).
    func closedInOctober(_ app: Application, _ id: String) async throws {
        let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
        record.closedAt = Date.t0.addingTimeInterval(-35 * 86_400)
        try await record.save(on: app.db)
    }

    func approvalID(_ response: TestingHTTPResponse) throws -> String {
        try #require(try response.object()["approval_id"] as? String)
    }

    @Test("CMP-35 CMP-36 a discount is certified after closure: countersigned by the sales VP, signed by the customer, booked by finance")
    func discountCertificate() async throws {
        try await withTestApp { app in
            let p = try await people(app)
            let open = try await decided(app, p, method: "discount", close: false)
            #expect(try await app.send(.POST, "api/v1/cases/\(open)/complaint/slips", as: p.lina, json: ["kind": "discount"]).status == .conflict)
            let id = try await decided(app, p, method: "compensation")
            let wrongKind = try await app.send(.POST, "api/v1/cases/\(id)/complaint/slips", as: p.lina, json: ["kind": "return", "reason": "x", "basis": "y"])
            #expect(wrongKind.status == .unprocessableEntity)
            let issued = try await app.send(.POST, "api/v1/cases/\(id)/complaint/slips", as: p.lina, json: ["kind": "discount"])
            #expect(issued.status == .created, "\(issued.body.string)")
            #expect(try issued.object()["amount"] as? String == "2000.00")
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/complaint/slips", as: p.lina, json: ["kind": "discount"]).status == .conflict)
            let approval = try approvalID(issued)
            let signedEarly = try await app.send(.POST, "api/v1/cases/\(id)/complaint/slips/discount/customer-signed", as: p.lina, json: ["signed_by": "王先生"])
            #expect(signedEarly.status == .conflict)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: p.vp, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: p.salesVP, json: ["comment": "核签"]).status == .ok)
            let signed = try await app.send(.POST, "api/v1/cases/\(id)/complaint/slips/discount/customer-signed", as: p.lina, json: ["signed_by": "王先生（盖章）"])
            #expect(signed.status == .ok, "\(signed.body.string)")
            let book = "api/v1/cases/\(id)/complaint/slips/discount/book"
            #expect(try await app.send(.POST, book, as: p.lina, json: ["voucher_no": "PZ-1"]).status == .forbidden)
            let booked = try await app.send(.POST, book, as: p.finance, json: ["voucher_no": "PZ-2026-1123"])
            #expect(booked.status == .ok, "\(booked.body.string)")
            #expect(try booked.object()["state"] as? String == "booked")
        }
    }

    @Test("CMP-37 CMP-38 CMP-39 a return slip is approved, received by the warehouse, and booked only when the quantities match")
    func returnSlip() async throws {
        try await withTestApp { app in
            let p = try await people(app)
            let id = try await decided(app, p, method: "return")
            let slips = "api/v1/cases/\(id)/complaint/slips"
            #expect(try await app.send(.POST, slips, as: p.lina, json: ["kind": "return"]).status == .badRequest)
            let issued = try await app.send(.POST, slips, as: p.lina, json: ["kind": "return", "reason": "外壳破裂", "basis": "质检报告 QC-1107"])
            #expect(issued.status == .created, "\(issued.body.string)")
            #expect(try issued.object()["approved_qty"] as? Int == 12)
            let receive = "\(slips)/return/receive"
            #expect(try await app.send(.POST, receive, as: p.warehouse, json: ["received_qty": 12]).status == .conflict)
            _ = try await app.send(.POST, "api/v1/approvals/\(try approvalID(issued))/approve", as: p.salesVP, json: [:])
            #expect(try await app.send(.POST, receive, as: p.lina, json: ["received_qty": 12]).status == .forbidden)
            let tooMany = try await app.send(.POST, receive, as: p.warehouse, json: ["received_qty": 13])
            #expect(tooMany.status == .unprocessableEntity)
            #expect((try tooMany.object()["error"] as? [String: Any])?["rule"] as? String == "complaints.return_reconciliation")
            #expect(try await app.send(.POST, receive, as: p.warehouse, json: ["received_qty": "ten"]).status == .badRequest)
            #expect(try await app.send(.POST, receive, as: p.warehouse, json: ["received_qty": 10]).status == .ok)
            let mismatch = try await app.send(.POST, "\(slips)/return/book", as: p.finance, json: ["voucher_no": "PZ-9"])
            #expect(mismatch.status == .unprocessableEntity)
            let message = (try mismatch.object()["error"] as? [String: Any])?["message"] as? String
            #expect(message?.isEmpty == false)
            // The warehouse corrects its count; now the quantities match and finance books.
            #expect(try await app.send(.POST, receive, as: p.warehouse, json: ["received_qty": 12]).status == .ok)
            let booked = try await app.send(.POST, "\(slips)/return/book", as: p.finance, json: ["voucher_no": "PZ-10"])
            #expect(booked.status == .ok, "\(booked.body.string)")
            #expect(try booked.object()["received_qty"] as? Int == 12)
        }
    }

    @Test("CMP-40 the scheduler opens the GM office's review of last month's closed complaints once, due by the 10th")
    func monthlyReviewOpens() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let p = try await people(app)
            let office = try await app.staff("gmo", roles: [.gmOffice])
            let october = try await decided(app, p, method: "discount")
            try await closedInOctober(app, october)
            _ = try await decided(app, p, method: "discount")
            let review = try #require(try await ComplaintReviews(db: app.db, services: app.services).openDue(now: clock.now))
            #expect(review.month == "2026-10")
            #expect(review.dueOn == "2026-11-10")
            #expect(try await ComplaintReviews(db: app.db, services: app.services).openDue(now: clock.now) == nil)
            let detail = try await app.send(.GET, "api/v1/complaint-reviews/\(review.id!)", as: office).object()
            #expect((detail["items"] as? [[String: Any]])?.compactMap { $0["case_id"] as? String } == [october])
            #expect(try await app.send(.GET, "api/v1/complaint-reviews/\(review.id!)", as: p.lina).status == .forbidden)
            let inbox = try await NotificationRepository(db: app.db).inbox(userID: office.id, unreadOnly: true, after: nil, limit: 20)
            #expect(inbox.items.contains { $0.kind == "complaint.review" })
        }
    }

    @Test("CMP-41 CMP-42 an administrative penalty goes to HR's announcement; a bonus deduction approved by the GM lands in the fines ledger")
    func reviewOutcomes() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let p = try await people(app)
            let office = try await app.staff("gmo", roles: [.gmOffice])
            let gm = try await app.staff("zong", roles: [.gm])
            let hr = try await app.staff("renshi", roles: [.hr])
            let worker = try await app.staff("wangwu", roles: [.agent])
            try await closedInOctober(app, try await decided(app, p, method: "discount"))
            try await closedInOctober(app, try await decided(app, p, method: "discount"))
            let review = try #require(try await ComplaintReviews(db: app.db, services: app.services).openDue(now: clock.now))
            let items = try #require(try await app.send(.GET, "api/v1/complaint-reviews/\(review.id!)", as: office).object()["items"] as? [[String: Any]])
            #expect(items.count == 2)
            let base = "api/v1/complaint-reviews/\(review.id!)"
            let first = "\(base)/items/\(items[0]["id"] as! String)/outcome", second = "\(base)/items/\(items[1]["id"] as! String)/outcome"
            #expect(try await app.send(.POST, "\(base)/complete", as: office).status == .conflict)
            #expect(try await app.send(.POST, first, as: office, json: ["outcome": "bonus_deduction", "person_id": worker.id.uuidString, "note": "x"]).status == .badRequest)
            #expect(try await app.send(.POST, first, as: hr, json: ["outcome": "none"]).status == .forbidden)
            let deduction = try await app.send(.POST, first, as: office, json: [
                "outcome": "bonus_deduction", "person_id": worker.id.uuidString, "amount": 200, "note": "未按时回复客户"])
            #expect(deduction.status == .ok, "\(deduction.body.string)")
            let approval = try #require(try deduction.object()["approval_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: office, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: gm, json: ["comment": "核准"]).status == .ok)
            let ledger = try await app.send(.GET, "api/v1/fines-ledger", as: worker).items()
            #expect(ledger.map { $0["amount"] as? String } == ["-200.00"])
            // ATT-25: the deduction names who recorded it (the approving GM) and counts in a month's statement.
            #expect(ledger.first?["recorded_by_id"] as? String == gm.id.uuidString)
            #expect(ledger.first?["month"] as? String != nil)
            #expect(try await app.send(.GET, "api/v1/fines-ledger?staff_id=\(worker.id.uuidString)", as: p.lina).status == .forbidden)
            #expect(try await app.send(.POST, "\(base)/announce", as: hr).status == .conflict)
            #expect(try await app.send(.POST, second, as: office, json: [
                "outcome": "administrative_penalty", "person_id": worker.id.uuidString, "note": "通报批评"]).status == .ok)
            #expect(try await app.send(.POST, "\(base)/announce", as: office).status == .forbidden)
            let announced = try await app.send(.POST, "\(base)/announce", as: hr)
            #expect(announced.status == .ok, "\(announced.body.string)")
            #expect(try announced.object()["announced_at"] as? String != nil)
            let completed = try await app.send(.POST, "\(base)/complete", as: office)
            #expect(completed.status == .ok, "\(completed.body.string)")
            #expect(try completed.object()["state"] as? String == "completed")
        }
    }
}
