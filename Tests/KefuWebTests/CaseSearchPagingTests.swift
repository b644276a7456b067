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

/// Paging a text search (issue 10): SQLite walks the index newest first in growing batches
/// (`CaseSearchWalk`), PostgreSQL filters cases newest first; on both, every match inside the scope comes
/// exactly once, in order, and nothing outside the scope.
@Suite("Case search paging: every match once, newest first, scope applied in every batch")
struct CaseSearchPagingTests {
    @Test("Pages of 2 with batches of 2: the 7 matches of my scope come once each, newest first; other departments' matches never")
    func pagesAcrossBatches() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let sales = try await app.department("销售部", kind: .sales)
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let zhao = try await app.staff("zhao", roles: [.agent], departmentID: sales)
            var mine: [String] = []
            for round in 0..<7 {
                // Matches outside lina's scope sit between hers, so most batches hold more of them than of hers.
                for _ in 0..<3 { _ = try await app.openCase(as: zhao, description: "销售部客户要求退货 \(round)") }
                mine.append(try #require(try await app.openCase(as: lina, description: "我要退货 \(round)")["id"] as? String))
                _ = try await app.openCase(as: lina, description: "宽带无法上网 \(round)")
            }
            let staff = try await app.staffUser(of: lina)
            let scope = try await CaseScope.of(staff, db: app.db).repositoryScope
            var filter = CaseRepository.Filter()
            filter.text = "退货"
            var seen: [String] = [], cursor: Cursor?, pages = 0
            repeat {
                let page = try await CaseRepository(db: app.db, searchBatch: 2).list(scope: scope, filter: filter, after: cursor, limit: 2)
                seen += page.items.map { $0.id!.uuidString }
                cursor = try Cursor.decode(page.nextCursor)
                pages += 1
            } while cursor != nil && pages < 20
            #expect(seen.map { $0.lowercased() } == mine.reversed().map { $0.lowercased() })
            #expect(pages == 4)
        }
    }

    @Test("The API pages a search with its cursor: the same matches as one big page")
    func apiCursor() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            for n in 0..<5 { _ = try await app.openCase(as: lina, description: "客户要求退货 \(n)") }
            _ = try await app.openCase(as: lina, description: "查询话费")
            let q = "退货".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let whole = try await app.send(.GET, "api/v1/cases?q=\(q)&limit=50", as: lina).items().compactMap { $0["id"] as? String }
            #expect(whole.count == 5)
            var paged: [String] = [], next: String?
            repeat {
                let response = try await app.send(.GET, "api/v1/cases?q=\(q)&limit=2" + (next.map { "&cursor=\($0)" } ?? ""), as: lina)
                #expect(response.status == .ok)
                paged += try response.items().compactMap { $0["id"] as? String }
                next = try response.object()["next_cursor"] as? String
            } while next != nil && paged.count < 10
            #expect(paged == whole)
        }
    }

    @Test("A cursor that is not a search cursor is refused on a search (400 cursor), not misread")
    func foreignCursor() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            for n in 0..<3 { _ = try await app.openCase(as: lina, description: "客户要求退货 \(n)") }
            let plain = try await app.send(.GET, "api/v1/cases?limit=1", as: lina)
            let dateCursor = try #require(try plain.object()["next_cursor"] as? String)
            let q = "退货".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await app.send(.GET, "api/v1/cases?q=\(q)&cursor=\(dateCursor)", as: lina)
            // PostgreSQL pages searches by date like every other list, so the same cursor is valid there.
            #expect(response.status == (testsUsePostgres ? .ok : .badRequest), "\(response.body.string)")
            if !testsUsePostgres { #expect(response.body.string.contains("cursor")) }
        }
    }
}
