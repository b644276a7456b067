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

/// Issue 22: opening a case is one use case (`OpenCase`) for the new-case page and `POST /api/v1/cases`;
/// what the API stored with a case (a service request's job) the page stores too.
@Suite("Opening a case: one path for the page and the API")
struct CaseOpeningPathTests {
    static let serviceForm = ["phone": "13800138001", "name": "赵女士", "type": "service_request", "channel": "phone",
                              "subject": "空调不制冷，上门维修", "service_category": "paid", "service_product_model": "KF-35GW",
                              "service_purchase_place": "国美电器", "service_address": "海淀区中关村大街 1 号"]

    @Test("SRV-02 the new-case form registers the service job of a service request, like the API")
    func pageRegistersServiceJob() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            let form = try await agent.get("/cases/new?type=service_request")
            #expect(form.body.string.contains("id=\"service-fields\""))
            let created = try await agent.post("/cases", Self.serviceForm)
            #expect(created.status == .seeOther)
            let record = try #require(try await CaseRecord.query(on: app.db).first())
            let job = try #require(try await ServiceJobRepository(db: app.db).find(caseID: record.id!)).toDomain()
            #expect(job.entry.productModel == "KF-35GW")
            #expect(job.entry.address == "海淀区中关村大街 1 号")
            #expect(job.category == .paid)
            let page = try await agent.get("/cases/\(record.id!)")
            #expect(page.body.string.contains("KF-35GW"))
            #expect(!page.body.string.contains("id=\"service-register-form\""))
            // The API's path stores the same job.
            let api = try await app.openCase(as: lina, type: "service_request", subject: "洗衣机漏水", extra: ["service": [
                "category": "paid", "product_model": "XQB-80", "address": "朝阳区 2 号"]])
            let apiCase = try #require(UUID(uuidString: api["id"] as? String ?? ""))
            #expect(try await ServiceJobRepository(db: app.db).find(caseID: apiCase)?.toDomain().entry.productModel == "XQB-80")
        }
    }

    @Test("SRV-02 a service order without its product model re-renders the form with everything typed, and writes nothing")
    func refusedOrderWritesNothing() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var agent = WebSession(app)
            try await agent.logIn("lina", lina.password)
            var form = Self.serviceForm
            form["service_product_model"] = ""
            let refused = try await agent.post("/cases", form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("海淀区中关村大街 1 号"))
            #expect(refused.body.string.contains("空调不制冷"))
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
            #expect(try await ServiceJobRecord.query(on: app.db).count() == 0)
            var unknown = Self.serviceForm
            unknown["service_category"] = "teleport"
            let refusedChoice = try await agent.post("/cases", unknown)
            #expect(refusedChoice.status == .unprocessableEntity)
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("SRV-02 the API names a refused service order's fields under service, and stores no case")
    func apiRefusalNamesServiceFields() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let response = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "service_request", "channel": "phone", "customer": ["name": "钱先生", "phone": "13900139000"], "subject": "热水器不点火",
                "description": "上门", "service": ["category": "paid", "product_model": ""]])
            #expect(response.status == .badRequest)
            let fields = try response.object()["error"].flatMap { ($0 as? [String: Any])?["fields"] as? [String: Any] }
            #expect(fields?.keys.contains { $0.hasPrefix("service.") } == true)
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
        }
    }
}
