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

@Suite("Customer file: products owned, notes, the full case history")
struct CustomerFileTests {
    @Test("ORD-01 the customer file holds products (model, specification, purchase date and place), notes and the cases the reader may see")
    func customerFile() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cs = try await app.department("客服部")
            let sales = try await app.department("销售部", kind: .sales)
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let zhao = try await app.staff("zhao", roles: [.agent], departmentID: sales)
            let opened = try await app.openCase(as: lina, subject: "净水器漏水")
            let customer = try #require((opened["customer"] as? [String: Any])?["id"] as? String)
            let product = try await app.send(.POST, "api/v1/customers/\(customer)/products", as: lina, json: [
                "model": "KF-200 净水器", "specification": "400G", "purchased_on": "2026-05-01", "purchase_place": "深圳华强北门店"])
            #expect(product.status == .created)
            let future = try await app.send(.POST, "api/v1/customers/\(customer)/products", as: lina, json: ["model": "X", "purchased_on": "2027-01-01"])
            #expect(future.status == .badRequest)
            #expect(future.body.string.contains("purchased_on"))
            #expect(try await app.send(.POST, "api/v1/customers/\(customer)/notes", as: lina, json: ["body": "老客户，偏好下午来电"]).status == .created)
            #expect(try await app.send(.POST, "api/v1/customers/\(customer)/notes", as: lina, json: ["body": " "]).status == .badRequest)
            let file = try await app.send(.GET, "api/v1/customers/\(customer)", as: lina).object()
            #expect(file["name"] as? String == "王先生")
            #expect((file["products"] as? [[String: Any]])?.first?["purchase_place"] as? String == "深圳华强北门店")
            #expect((file["notes"] as? [[String: Any]])?.count == 1)
            #expect((file["cases"] as? [[String: Any]])?.first?["subject"] as? String == "净水器漏水")
            let other = try await app.send(.GET, "api/v1/customers/\(customer)", as: zhao).object()
            #expect((other["cases"] as? [[String: Any]])?.isEmpty == true, "cases outside the reader's scope are not listed")
            let hr = try await app.staff("linxue", roles: [.hr])
            #expect(try await app.send(.GET, "api/v1/customers/\(customer)", as: hr).status == .forbidden, "no customers.read")
            #expect(try await app.send(.POST, "api/v1/customers/\(customer)/notes", as: hr, json: ["body": "x"]).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/cases/\(opened["id"] as! String)", as: hr).status == .forbidden, "no cases.read")
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let page = try await web.get("/customers/\(customer)")
            #expect(page.body.string.contains("KF-200 净水器"))
            #expect(page.body.string.contains("净水器漏水"))
            #expect(try await web.post("/customers/\(customer)/products", ["model": ""]).status == .badRequest)
        }
    }

    @Test("ORD-01 a customer has several phone numbers: each is found by its last digits, none may belong to two customers")
    func severalPhones() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let opened = try await app.openCase(as: lina, phone: "13812345678")
            let customer = try #require((opened["customer"] as? [String: Any])?["id"] as? String)
            _ = try await app.openCase(as: lina, phone: "13900001111")
            let added = try await app.send(.POST, "api/v1/customers/\(customer)/phones", as: lina, json: ["phone": "0755-8888 6666"])
            #expect(added.status == .created, "\(added.body.string)")
            #expect((try added.object()["phones"] as? [String])?.count == 1)
            #expect(try await app.send(.POST, "api/v1/customers/\(customer)/phones", as: lina, json: ["phone": "139 0000 1111"]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/customers/\(customer)/phones", as: lina, json: ["phone": "12"]).status == .badRequest)
            let found = try await app.send(.GET, "api/v1/customers?q=6666", as: lina).items()
            #expect(found.map { $0["id"] as? String } == [customer])
            // A call from the second number is the same customer: no duplicate is registered.
            _ = try await app.openCase(as: lina, phone: "075588886666")
            #expect(try await CustomerRecord.query(on: app.db).count() == 2)
        }
    }
}
