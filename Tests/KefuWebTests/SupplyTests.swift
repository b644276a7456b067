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

/// Office supplies at the front desk (FDS): items and stock, requisitions approved by the administrative
/// head and issued against a signature, stocktakes, purchase requests, low-stock alerts.
@Suite("Front desk office supplies (FDS)")
struct SupplyTests {
    struct Office { let desk: TestStaff, adminHead: TestStaff, csManager: TestStaff, leader: TestStaff, lina: TestStaff }

    static func office(_ app: Application) async throws -> Office {
        let admin = try await app.department("行政部", kind: .adminOffice)
        let service = try await app.department("客服部")
        return Office(desk: try await app.staff("qiantai", roles: [.frontDesk]),
                      adminHead: try await app.staff("xingzheng", roles: [.deptManager], departmentID: admin),
                      csManager: try await app.staff("kefujingli", roles: [.deptManager], departmentID: service),
                      leader: try await app.staff("lingdao", roles: [.leadership]),
                      lina: try await app.staff("lina", roles: [.agent], departmentID: service))
    }

    /// Creates an item and returns its id.
    static func item(_ app: Application, _ o: Office, name: String = "签字笔", stock: Int, minimum: Int = 0) async throws -> String {
        let created = try await app.send(.POST, "api/v1/supplies", as: o.desk, json: [
            "name": name, "specification": "0.5mm 黑色", "unit": "支", "category": "文具", "minimum_stock": minimum, "stock": stock])
        #expect(created.status == .created, "\(created.body.string)")
        return try #require(try created.object()["id"] as? String)
    }

    /// Files a requisition as `staff` and has the administrative head approve it; returns its id.
    static func approvedRequisition(_ app: Application, _ o: Office, item: String, quantity: Int) async throws -> String {
        let filed = try await app.send(.POST, "api/v1/supply-requisitions", as: o.lina, json: ["item_id": item, "quantity": quantity, "reason": "日常办公"])
        #expect(filed.status == .created, "\(filed.body.string)")
        let approval = try #require(try filed.object()["approval_id"] as? String)
        #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: o.adminHead, json: [:]).status == .ok)
        return try #require(try filed.object()["id"] as? String)
    }

    @Test("FDS-02 an item has name, specification, unit and minimum stock; a requisition names the item and a positive quantity")
    func items() async throws {
        try await withTestApp { app in
            let o = try await Self.office(app)
            let bad = try await app.send(.POST, "api/v1/supplies", as: o.desk, json: ["name": "", "unit": "", "minimum_stock": -1])
            #expect(bad.status == .badRequest && bad.body.string.contains("unit") && bad.body.string.contains("minimum_stock"))
            #expect(try await app.send(.POST, "api/v1/supplies", as: o.lina, json: ["name": "笔", "unit": "支"]).status == .forbidden)
            let item = try await Self.item(app, o, stock: 10, minimum: 2)
            #expect(try await app.send(.POST, "api/v1/supplies", as: o.desk, json: ["name": "签字笔", "specification": "0.5mm 黑色", "unit": "支"]).status == .conflict)
            let listed = try await app.send(.GET, "api/v1/supplies", as: o.lina).items()
            #expect(listed.count == 1 && listed.first?["stock"] as? Int == 10 && listed.first?["minimum_stock"] as? Int == 2 && listed.first?["unit"] as? String == "支")
            #expect(try await app.send(.PATCH, "api/v1/supplies/\(item)", as: o.desk, json: ["stock": 99]).status == .badRequest)
            let patched = try await app.send(.PATCH, "api/v1/supplies/\(item)", as: o.desk, json: ["minimum_stock": 3, "version": 1])
            #expect(try patched.status == .ok && (try patched.object()["minimum_stock"] as? Int) == 3)
            #expect(try await app.send(.PATCH, "api/v1/supplies/\(item)", as: o.desk, json: ["minimum_stock": 4, "version": 1]).status == .conflict)
            for quantity in [0, -2] {
                #expect(try await app.send(.POST, "api/v1/supply-requisitions", as: o.lina, json: ["item_id": item, "quantity": quantity]).status == .badRequest)
            }
            #expect(try await app.send(.POST, "api/v1/supply-requisitions", as: o.lina, json: ["item_id": UUID().uuidString, "quantity": 1]).status == .badRequest)
        }
    }

    @Test("FDS-03 a requisition waits for the admin head; another department's manager cannot approve it")
    func approval() async throws {
        try await withTestApp { app in
            let o = try await Self.office(app)
            let item = try await Self.item(app, o, stock: 10)
            let filed = try await app.send(.POST, "api/v1/supply-requisitions", as: o.lina, json: ["item_id": item, "quantity": 2])
            #expect(filed.status == .created)
            let body = try filed.object()
            #expect(body["state"] as? String == "pending" && body["item_name"] as? String == "签字笔" && body["specification"] as? String == "0.5mm 黑色")
            let id = try #require(body["id"] as? String), approval = try #require(body["approval_id"] as? String)
            let detail = try await app.send(.GET, "api/v1/approvals/\(approval)", as: o.adminHead).object()
            #expect(detail["rule"] as? String == "supplies.requisition_approver")
            #expect(try await app.send(.POST, "api/v1/supply-requisitions/\(id)/issue", as: o.desk, json: ["collector_name": "Lina"]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: o.csManager, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: o.adminHead, json: [:]).status == .ok)
            #expect(try await app.send(.GET, "api/v1/supply-requisitions/\(id)", as: o.lina).object()["state"] as? String == "approved")
            #expect(try await app.send(.GET, "api/v1/notifications", as: o.desk).items().contains { $0["kind"] as? String == "supply.requisition_approved" })
            #expect(try await app.send(.GET, "api/v1/supply-requisitions?scope=all", as: o.lina).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/supply-requisitions?scope=all&state=approved", as: o.desk).items().count == 1)
        }
    }

    @Test("FDS-04 an approved requisition is issued from stock once, against the collector's signature")
    func issue() async throws {
        try await withTestApp { app in
            let o = try await Self.office(app)
            let item = try await Self.item(app, o, stock: 10)
            let id = try await Self.approvedRequisition(app, o, item: item, quantity: 3)
            #expect(try await app.send(.POST, "api/v1/supply-requisitions/\(id)/issue", as: o.lina, json: ["collector_name": "Lina"]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/supply-requisitions/\(id)/issue", as: o.desk, json: ["collector_name": " "]).status == .badRequest)
            let issued = try await app.send(.POST, "api/v1/supply-requisitions/\(id)/issue", as: o.desk, json: [
                "collector_name": "Lina", "signature": "data:image/png;base64,iVBORw0KGgo="])
            #expect(issued.status == .ok, "\(issued.body.string)")
            let body = try issued.object()
            #expect(body["state"] as? String == "issued" && body["collector_name"] as? String == "Lina" && body["signed"] as? Bool == true && body["issued_at"] is String)
            #expect(try await app.send(.GET, "api/v1/supplies/\(item)", as: o.desk).object()["stock"] as? Int == 7)
            #expect(try await app.send(.POST, "api/v1/supply-requisitions/\(id)/issue", as: o.desk, json: ["collector_name": "Lina"]).status == .conflict)
        }
    }

    @Test("FDS-04 a requisition above stock is refused with 409 when filed, and again at issue if the stock went meanwhile")
    func aboveStock() async throws {
        try await withTestApp { app in
            let o = try await Self.office(app)
            let item = try await Self.item(app, o, stock: 5)
            let above = try await app.send(.POST, "api/v1/supply-requisitions", as: o.lina, json: ["item_id": item, "quantity": 6])
            #expect(try above.status == .conflict && (try above.error()["code"] as? String) == "conflict")
            #expect(try await SupplyRequisitionRecord.query(on: app.db).count() == 0)
            let first = try await Self.approvedRequisition(app, o, item: item, quantity: 4)
            let second = try await Self.approvedRequisition(app, o, item: item, quantity: 4)
            #expect(try await app.send(.POST, "api/v1/supply-requisitions/\(first)/issue", as: o.desk, json: ["collector_name": "Lina"]).status == .ok)
            let short = try await app.send(.POST, "api/v1/supply-requisitions/\(second)/issue", as: o.desk, json: ["collector_name": "Lina"])
            #expect(short.status == .conflict)
            #expect(try await app.send(.GET, "api/v1/supply-requisitions/\(second)", as: o.lina).object()["state"] as? String == "approved")
            #expect(try await app.send(.GET, "api/v1/supplies/\(item)", as: o.desk).object()["stock"] as? Int == 1)
        }
    }

    @Test("FDS-06 a stocktake compares counted with book quantity; a variance must be explained and is reported to the admin head")
    func stocktake() async throws {
        try await withTestApp { app in
            let o = try await Self.office(app)
            let pens = try await Self.item(app, o, stock: 10)
            let paper = try await Self.item(app, o, name: "复印纸", stock: 5)
            let unexplained = try await app.send(.POST, "api/v1/supplies/stocktakes", as: o.desk, json: [
                "lines": [["item_id": pens, "counted": 8], ["item_id": paper, "counted": 5]]])
            #expect(unexplained.status == .badRequest && unexplained.body.string.contains("lines[0].explanation"))
            #expect(try await app.send(.POST, "api/v1/supplies/stocktakes", as: o.lina, json: ["lines": [["item_id": pens, "counted": 8]]]).status == .forbidden)
            let taken = try await app.send(.POST, "api/v1/supplies/stocktakes", as: o.desk, json: [
                "lines": [["item_id": pens, "counted": 8, "explanation": "两支损坏报废"], ["item_id": paper, "counted": 5]], "note": "11月盘点"])
            #expect(taken.status == .created, "\(taken.body.string)")
            let lines = try #require(try taken.object()["lines"] as? [[String: Any]])
            let pen = try #require(lines.first { $0["item_id"] as? String == pens })
            #expect(pen["book_quantity"] as? Int == 10 && pen["counted_quantity"] as? Int == 8 && pen["variance"] as? Int == -2)
            #expect(try taken.object()["variance_lines"] as? Int == 1)
            #expect(try await app.send(.GET, "api/v1/supplies/\(pens)", as: o.desk).object()["stock"] as? Int == 8)
            #expect(try await app.send(.GET, "api/v1/notifications", as: o.adminHead).items().contains { $0["kind"] as? String == "supply.stocktake_variance" })
            #expect(try await app.send(.GET, "api/v1/notifications", as: o.csManager).items().isEmpty)
            let id = try #require(try taken.object()["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/supplies/stocktakes/\(id)", as: o.desk).object()["note"] as? String == "11月盘点")
        }
    }

    @Test("FDS-06 a stocktake with a negative count is 400 and changes nothing")
    func negativeCount() async throws {
        try await withTestApp { app in
            let o = try await Self.office(app)
            let pens = try await Self.item(app, o, stock: 10)
            let negative = try await app.send(.POST, "api/v1/supplies/stocktakes", as: o.desk, json: ["lines": [["item_id": pens, "counted": -1, "explanation": "?"]]])
            #expect(negative.status == .badRequest && negative.body.string.contains("lines[0].counted"))
            #expect(try await app.send(.POST, "api/v1/supplies/stocktakes", as: o.desk, json: ["lines": []]).status == .badRequest)
            #expect(try await SupplyStocktakeRecord.query(on: app.db).count() == 0)
            #expect(try await app.send(.GET, "api/v1/supplies/\(pens)", as: o.desk).object()["stock"] as? Int == 10)
        }
    }

    @Test("FDS-07 a purchase request is reviewed by the admin head, then approved by leadership, then received into stock")
    func purchase() async throws {
        try await withTestApp { app in
            let o = try await Self.office(app)
            let item = try await Self.item(app, o, stock: 1, minimum: 5)
            #expect(try await app.send(.POST, "api/v1/supplies/purchases", as: o.desk, json: ["item_id": item, "quantity": 20]).status == .badRequest)
            let asked = try await app.send(.POST, "api/v1/supplies/purchases", as: o.desk, json: ["item_id": item, "quantity": 20, "reason": "库存低于最低库存"])
            #expect(asked.status == .created, "\(asked.body.string)")
            let id = try #require(try asked.object()["id"] as? String), approval = try #require(try asked.object()["approval_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: o.leader, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: o.adminHead, json: [:]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/supplies/purchases/\(id)/receive", as: o.desk, json: [:]).status == .conflict)
            let steps = try #require(try await app.send(.GET, "api/v1/approvals/\(approval)", as: o.leader).object()["steps"] as? [[String: Any]])
            #expect(steps.map { $0["role"] as? String } == ["dept_manager", "leadership"])
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: o.leader, json: [:]).status == .ok)
            let received = try await app.send(.POST, "api/v1/supplies/purchases/\(id)/receive", as: o.desk, json: ["quantity": 20])
            #expect(try received.status == .ok && (try received.object()["state"] as? String) == "received")
            let stock = try await app.send(.GET, "api/v1/supplies/\(item)", as: o.desk).object()
            #expect(stock["stock"] as? Int == 21 && stock["low"] as? Bool == false)
            #expect(try await app.send(.POST, "api/v1/supplies/purchases/\(id)/receive", as: o.desk, json: [:]).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/supplies/purchases?state=received", as: o.desk).items().count == 1)
        }
    }

    @Test("FDS-01 an item falling below its minimum alerts the desk once and is listed as low stock until restocked")
    func lowStock() async throws {
        try await withTestApp { app in
            let o = try await Self.office(app)
            let item = try await Self.item(app, o, stock: 6, minimum: 5)
            #expect(try await app.send(.GET, "api/v1/supplies?low=true", as: o.desk).items().isEmpty)
            for _ in 0..<2 {
                let id = try await Self.approvedRequisition(app, o, item: item, quantity: 1)
                #expect(try await app.send(.POST, "api/v1/supply-requisitions/\(id)/issue", as: o.desk, json: ["collector_name": "Lina"]).status == .ok)
            }
            let low = try await app.send(.GET, "api/v1/supplies?low=true", as: o.desk).items()
            #expect(low.count == 1 && low.first?["stock"] as? Int == 4)
            let alerts = try await app.send(.GET, "api/v1/notifications", as: o.desk).items().filter { $0["kind"] as? String == "supply.low_stock" }
            #expect(alerts.count == 1)
            var desk = WebSession(app)
            try await desk.logIn("qiantai", o.desk.password)
            let console = try await desk.get("/front-desk").body.string
            #expect(console.contains("id=\"low-stock-panel\"") && console.contains("签字笔"))
            let page = try await desk.get("/supplies").body.string
            #expect(page.contains("class=\"urgent\""))
        }
    }
    @Test("FDS-06 a stocktake is due when none was taken within supplies.stocktake_every")
    func stocktakeDue() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let o = try await Self.office(app)
            let pens = try await Self.item(app, o, stock: 4)
            let takes = SupplyStocktakes(db: app.db, services: app.services)
            #expect(try await takes.isDue(now: clock.now))
            #expect(try await app.send(.POST, "api/v1/supplies/stocktakes", as: o.desk, json: ["lines": [["item_id": pens, "counted": 4]]]).status == .created)
            #expect(try await !takes.isDue(now: clock.now.addingTimeInterval(29 * 86_400)))
            #expect(try await takes.isDue(now: clock.now.addingTimeInterval(31 * 86_400)))
            app.services.rulebook.supplies.stocktakeEvery = DurationSpec(value: 7, unit: .naturalDays)
            #expect(try await SupplyStocktakes(db: app.db, services: app.services).isDue(now: clock.now.addingTimeInterval(8 * 86_400)))
        }
    }
}
