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

@Suite("Customers pages")
struct CustomersWebTests {
    @Test("An agent registers a caller on the customers page and finds them again by the last four digits")
    func registerAndFind() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("lina", agent.password)
            let home = try await web.get("/")
            #expect(home.body.string.contains("href=\"/customers\""))
            try await web.get("/customers")
            let created = try await web.post("/customers", ["name": "王先生", "phone": "13812345678", "region": "深圳", "is_member": "on"])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let file = try await web.get(location)
            #expect(file.body.string.contains("王先生"))
            #expect(file.body.string.contains("13812345678"))
            let found = try await web.get("/customers?q=5678")
            #expect(found.body.string.contains("王先生"))
            try await web.get("/customers")
            let duplicate = try await web.post("/customers", ["name": "王太太", "phone": "138-1234-5678"])
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.body.string.contains("该电话号码已登记为其他客户"))
            #expect(duplicate.body.string.contains("王太太"))
        }
    }

    @Test("A reviewer without PII access sees the masked number and no register form")
    func maskedForReviewers() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            _ = try await RegisterCustomer(db: app.db, services: app.services).run(
                .init(name: "王先生", phone: "13812345678", address: nil, region: nil, isMember: false, tier: nil),
                by: try await app.staffUser(of: agent))
            let marketing = try await app.staff("maning", roles: [.marketing])
            var web = WebSession(app)
            try await web.logIn("maning", marketing.password)
            let page = try await web.get("/customers?q=王")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("138****5678"))
            #expect(!page.body.string.contains("13812345678"))
            #expect(!page.body.string.contains("customer-create-form"))
        }
    }
}
