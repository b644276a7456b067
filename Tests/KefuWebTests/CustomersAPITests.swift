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

@Suite("Customers (客户档案): register, duplicate phone, masking, phone-suffix lookup")
struct CustomersAPITests {
    struct NewCustomer: Content {
        var name = "王先生"
        var phone = "138 1234 5678"
        var address: String? = "深圳市南山区科技园南区"
        var region: String? = "深圳"
        var is_member: Bool? = true
    }

    func register(_ app: Application, _ staff: TestStaff, _ body: NewCustomer = NewCustomer()) async throws -> TestingHTTPResponse {
        var headers = staff.bearer
        headers.contentType = .json
        return try await app.testing().sendRequest(.POST, "api/v1/customers", headers: headers,
                                                   body: try JSONEncoder().encodeAsByteBuffer(body, allocator: .init()))
    }

    @Test("ORD-01 an agent registers a customer; the number is stored normalized and shown in full to PII roles")
    func registerCustomer() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            let response = try await register(app, agent)
            #expect(response.status == .created)
            #expect(response.body.string.contains("\"phone\":\"13812345678\""))
            let stored = try #require(try await CustomerRepository(db: app.db).find(phone: "13812345678"))
            #expect(stored.isMember)
            let audit = try await AuditRepository(db: app.db).timeline(subjectType: "customer", subjectID: stored.id!, after: nil, limit: 5)
            #expect(audit.items.map(\.summary) == ["phone 138****5678"])
        }
    }

    @Test("The same number in another spelling is a duplicate: 409, nothing written")
    func duplicatePhone() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            _ = try await register(app, agent)
            var again = NewCustomer()
            again.name = "王太太"
            again.phone = "+86 138-1234-5678"
            let response = try await register(app, agent, again)
            #expect(response.status == .conflict)
            #expect(response.errorCode == "conflict")
            #expect(try await CustomerRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("Roles without customer.pii.read see 138****5678 and a cut address")
    func masking() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            let marketing = try await app.staff("maning", roles: [.marketing])
            let created = try await register(app, agent)
            struct Created: Decodable { let id: UUID }
            let id = try created.json(Created.self).id
            try await app.testing().test(.GET, "api/v1/customers/\(id)", headers: marketing.bearer) { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("138****5678"))
                #expect(!res.body.string.contains("13812345678"))
                #expect(!res.body.string.contains("科技园南区"))
            }
        }
    }

    @Test("The last four digits, or the whole number, find the customer; a name finds them too")
    func lookup() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            _ = try await register(app, agent)
            var other = NewCustomer()
            other.name = "李女士"
            other.phone = "0755-8765 5678"
            _ = try await register(app, agent, other)
            for (query, expected) in [("5678", ["李女士", "王先生"]), ("45678", ["王先生"]), ("13812345678", ["王先生"]), ("李", ["李女士"])] {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                try await app.testing().test(.GET, "api/v1/customers?q=\(encoded)", headers: agent.bearer) { res async throws in
                    struct List: Decodable { struct Item: Decodable { let name: String }; let items: [Item] }
                    #expect(try res.json(List.self).items.map(\.name).sorted() == expected.sorted(), "\(query)")
                }
            }
        }
    }

    @Test("Bad input: no name, a number that is not a phone, a 201-character address, search syntax characters — 400s, never a 500")
    func badInput() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            var bad = NewCustomer()
            bad.name = " "
            bad.phone = "call me maybe"
            bad.address = String(repeating: "路", count: 201)
            let response = try await register(app, agent, bad)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "validation_failed")
            for field in ["name", "phone", "address"] { #expect(response.body.string.contains("\"\(field)\"")) }
            let syntax = "\" * : ( ) OR NEAR".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await app.testing().test(.GET, "api/v1/customers?q=\(syntax)", headers: agent.bearer) { res async in
                #expect(res.status == .ok)
            }
            let frontDesk = try await app.staff("luoyan", roles: [.frontDesk])
            try await app.testing().test(.GET, "api/v1/customers", headers: frontDesk.bearer) { res async in #expect(res.status == .ok) }
            let finance = try await app.staff("hujun", roles: [.finance])
            try await app.testing().test(.GET, "api/v1/customers", headers: finance.bearer) { res async in #expect(res.status == .forbidden) }
        }
    }
}
