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

/// The office-supplies pages: the catalogue, requisitions filed by anyone and issued by the desk, the
/// stocktake form and purchases.
@Suite("Front desk office supplies pages (FDS)")
struct SupplyPagesTests {
    @Test("FDS-04 on the web an employee files a requisition, the admin head sees it with the stock, the desk issues it; above stock re-renders with 409")
    func requisitionPages() async throws {
        try await withTestApp { app in
            let o = try await SupplyTests.office(app)
            let item = try await SupplyTests.item(app, o, stock: 3)
            var lina = WebSession(app)
            try await lina.logIn("lina", o.lina.password)
            let above = try await lina.post("/supplies/requisitions", ["item_id": item, "quantity": "9", "reason": "会议<b>"])
            #expect(above.status == .conflict && above.body.string.contains("会议&lt;b&gt;") && above.body.string.contains("id=\"requisition-form\""))
            #expect(try await lina.post("/supplies/requisitions", ["item_id": item, "quantity": "2"]).status == .seeOther)
            #expect(try await lina.get("/supplies/stocktake").status == .forbidden)
            let record = try #require(try await SupplyRequisitionRecord.query(on: app.db).first())
            var head = WebSession(app)
            try await head.logIn("xingzheng", o.adminHead.password)
            #expect(try await head.get("/approvals/\(record.approvalID!)").body.string.contains("/supplies/requisitions/\(record.id!)"))
            let detail = try await head.get("/supplies/requisitions/\(record.id!)")
            #expect(detail.status == .ok && detail.body.string.contains("签字笔") && detail.body.string.contains("id=\"supply-request\""))
            #expect(try await app.send(.POST, "api/v1/approvals/\(record.approvalID!)/approve", as: o.adminHead, json: [:]).status == .ok)
            var desk = WebSession(app)
            try await desk.logIn("qiantai", o.desk.password)
            let list = try await desk.get("/supplies/requisitions")
            #expect(list.body.string.contains("id=\"issue-\(record.id!)\""))
            #expect(try await desk.get("/supplies/requisitions/\(record.id!)").body.string.contains("id=\"issue-form\""))
            #expect(try await desk.post("/supplies/requisitions/\(record.id!)/issue", ["collector_name": "Lina"]).status == .seeOther)
            #expect(try await SupplyItemRecord.find(UUID(uuidString: item)!, on: app.db)?.stock == 1)
            let console = try await desk.get("/front-desk").body.string
            #expect(console.contains("href=\"/parcels\"") && console.contains("href=\"/supplies\""))
        }
    }

    @Test("FDS-06 on the web the desk counts stock; a negative count re-renders with 400 and what was typed")
    func stocktakePage() async throws {
        try await withTestApp { app in
            let o = try await SupplyTests.office(app)
            let item = try await SupplyTests.item(app, o, stock: 3)
            var desk = WebSession(app)
            try await desk.logIn("qiantai", o.desk.password)
            #expect(try await desk.get("/supplies/stocktake").body.string.contains("counted_\(item.uppercased())"))
            let negative = try await desk.post("/supplies/stocktake", ["counted_\(item.uppercased())": "-2", "explanation_\(item.uppercased())": "丢失"])
            #expect(negative.status == .badRequest && negative.body.string.contains("丢失"))
            let saved = try await desk.post("/supplies/stocktake", ["counted_\(item.uppercased())": "2", "explanation_\(item.uppercased())": "丢失一支"])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers.first(name: .location))
            let result = try await desk.get(location)
            #expect(result.body.string.contains("丢失一支") && result.body.string.contains("-1"))
            #expect(try await desk.post("/supplies", ["name": "订书钉", "unit": "盒", "minimum_stock": "2", "stock": "1"]).status == .seeOther)
            #expect(try await desk.post("/supplies/purchases", ["item_id": item, "quantity": "5", "reason": "补货"]).status == .seeOther)
            #expect(try await desk.get("/supplies/purchases").body.string.contains("补货"))
        }
    }
}
