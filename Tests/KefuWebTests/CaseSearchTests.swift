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

@Suite("Case search: Chinese bigrams, phone suffix, hostile queries")
struct CaseSearchTests {
    func numbers(_ response: TestingHTTPResponse) throws -> Set<String> { Set(try response.items().compactMap { $0["number"] as? String }) }

    @Test("退货 (2 characters) finds a case whose text says 我要退货; a note's words are found too; unrelated cases are not")
    func twoCharacters() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let returns = try await app.openCase(as: lina, subject: "商品质量问题", description: "客户说：我要退货，包装破损")
            let other = try await app.openCase(as: lina, subject: "查询话费", description: "本月话费偏高", phone: "13900001111")
            let found = try await app.send(.GET, "api/v1/cases?q=%E9%80%80%E8%B4%A7", as: lina)
            #expect(found.status == .ok)
            #expect(try numbers(found) == [returns["number"] as! String])
            let id = try #require(other["id"] as? String)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "客户要求开具增值税发票"])
            let byNote = try await app.send(.GET, "api/v1/cases?q=" + "发票".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, as: lina)
            #expect(try numbers(byNote) == [other["number"] as! String])
            let single = try await app.send(.GET, "api/v1/cases?q=" + "货".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, as: lina)
            #expect(try numbers(single) == [returns["number"] as! String])
        }
    }

    @Test("A phone suffix finds the customer's cases; the customer's name finds them too")
    func phoneSuffix() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let mine = try await app.openCase(as: lina, phone: "13812345678")
            _ = try await app.openCase(as: lina, phone: "13900001111")
            let found = try await app.send(.GET, "api/v1/cases?q=5678", as: lina)
            #expect(try numbers(found) == [mine["number"] as! String])
            let customers = try await app.send(.GET, "api/v1/customers?q=5678", as: lina)
            #expect(try customers.items().count == 1)
        }
    }

    @Test("Search strings with SQL/FTS syntax, a 1-character and a 200-character query never fail")
    func hostileQueries() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            _ = try await app.openCase(as: lina, subject: "NEAR OR 退货")
            let hostile = ["\"", "*", ":", "(", ")", "OR", "NEAR", "退货\" OR \"x", "a*) OR (b", "'; DROP TABLE cases; --", "-退货", "^x",
                           "x", String(repeating: "退货", count: 100), String(repeating: "a", count: 200)]
            for query in hostile {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let response = try await app.send(.GET, "api/v1/cases?q=\(encoded)", as: lina)
                #expect(response.status == .ok, "\(query): \(response.body.string)")
            }
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("Search respects scope: another department's agent finds nothing")
    func searchScope() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let sales = try await app.department("销售部", kind: .sales)
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let other = try await app.staff("zhao", roles: [.agent], departmentID: sales)
            _ = try await app.openCase(as: lina, description: "我要退货")
            let q = "退货".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await app.send(.GET, "api/v1/cases?q=\(q)", as: lina).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/cases?q=\(q)", as: other).items().isEmpty)
        }
    }
}
