import Fluent
import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

@Suite("Every route declares its access and is in the OpenAPI document")
struct RoutesContractTests {
    @Test("Every registered route declares the permission it needs")
    func everyRouteHasAccess() async throws {
        try await withTestApp { app in
            let missing = app.routes.all.filter { $0.access == nil }.map { "\($0.method) /\($0.path.map(\.description).joined(separator: "/"))" }
            #expect(missing.isEmpty, "routes without an Access: \(missing)")
            #expect(app.routes.all.count > 20)
        }
    }

    @Test("Only the public routes of API.md are public")
    func publicRoutes() async throws {
        try await withTestApp { app in
            let open = Set(app.routes.all.filter { if case .public = $0.access { true } else { false } }
                .map { "\($0.method) " + OpenAPIDocument.path(of: $0) })
            #expect(open == ["POST /api/v1/auth/login", "GET /api/v1/openapi.json", "GET /health", "GET /metrics",
                             "GET /login", "POST /login", "POST /language",
                             // API.md: the customer survey page by its one-time token.
                             "GET /survey/{token}", "POST /survey/{token}",
                             // API.md "Online chat": the customer's page, the widget, and the chat routes authorized by
                             // the chat's own customer token (checked inside; staff use their session or bearer token).
                             "GET /chat", "POST /chat", "POST /chat/send", "POST /chat/end", "POST /chat/rate", "POST /chat/new",
                             "GET /chat/transcript", "GET /chat/widget.js", "GET /chat/ws/{chatID}",
                             "GET /chat/images/{seq}", "POST /chat/images", "POST /chat/leave-message",
                             "POST /api/v1/chats", "GET /api/v1/chats/{chatID}", "GET /api/v1/chats/{chatID}/messages",
                             "POST /api/v1/chats/{chatID}/messages", "POST /api/v1/chats/{chatID}/end",
                             "POST /api/v1/chats/{chatID}/rate", "GET /api/v1/chats/{chatID}/transcript",
                             "POST /api/v1/chats/{chatID}/leave-message", "GET /api/v1/chats/{chatID}/queue",
                             "POST /api/v1/chats/{chatID}/images", "GET /api/v1/chats/{chatID}/images/{seq}"])
        }
    }

    @Test("GET /api/v1/openapi.json describes every API route")
    func openAPIComplete() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for route in app.routes.all where OpenAPIDocument.path(of: route).hasPrefix("/api/") {
                let path = OpenAPIDocument.path(of: route)
                #expect(paths[path]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is missing")
            }
        }
    }

    @Test("GET /health checks the database; /metrics speaks Prometheus text without personal data")
    func operations() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "health") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"database\":\"ok\""))
            }
            _ = try await app.testing().sendRequest(.GET, "api/v1/users/11111111-1111-1111-1111-111111111111")
            app.services.settings.metricsPublic = true
            try await app.testing().test(.GET, "metrics") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("kefu_http_requests_total"))
                #expect(res.body.string.contains("route=\"/api/v1/users/:id\""))
                #expect(!res.body.string.contains("11111111-1111"))
            }
        }
    }

    @Test("Audit trail of a subject is readable by auditors only")
    func auditAPI() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            let agent = try await app.staff("lina", roles: [.agent])
            try await app.testing().test(.GET, "api/v1/audit?subject_type=user&subject_id=\(agent.id)", headers: admin.bearer) { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("user.created"))
                #expect(res.body.string.contains("auth.login"))
            }
            try await app.testing().test(.GET, "api/v1/audit", headers: agent.bearer) { res async in #expect(res.status == .forbidden) }
        }
    }
}
