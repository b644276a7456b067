import KefuCore
import KefuTestSupport
@testable import KefuWeb
import Testing

/// `kefu routes` (issue 20 §4: the access-matrix drill reads the web pages' routes from it).
@Suite("Route table: every route with the access it needs")
struct RouteTableTests {
    @Test("The table lists pages and API routes with their access, in OpenAPI's path form, each route once")
    func rows() async throws {
        try await withTestApp { app in
            let rows = RouteTable.rows(app)
            #expect(rows.contains(RouteTableRow(method: "GET", path: "/cases/{id}", access: "cases.read")))
            #expect(rows.contains(RouteTableRow(method: "GET", path: "/api/v1/openapi.json", access: "public")))
            #expect(rows.contains { $0.method == "GET" && $0.path == "/login" && $0.access == "public" })
            #expect(rows.count == app.routes.all.count)
            #expect(Set(rows.map { "\($0.method) \($0.path)" }).count == rows.count)
            // Every route declares what it needs; "none" would mean one slipped past `routes.on(…, access:)`.
            #expect(rows.filter { $0.access == "none" }.map(\.path) == [])
        }
    }
}
