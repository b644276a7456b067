import Foundation
import KefuDomain
import Fluent
import FluentKit
import SQLKit
import Vapor

/// `GET /health` (checks the database) and `GET /metrics` (Prometheus text).
struct OperationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "health", access: .public, summary: "Liveness and database check", use: health)
        routes.on(.GET, "metrics", access: .public, summary: "Prometheus metrics (no personal data)", use: metrics)
    }

    struct Health: Content {
        let status: String
        let database: String
    }

    @Sendable func health(req: Request) async throws -> Response {
        var healthy = true
        do {
            if let sql = req.db as? any SQLDatabase { _ = try await sql.raw("SELECT 1 AS ok").first() }
        } catch {
            healthy = false
            req.logger.error("health check: database unreachable")
        }
        let response = try await Health(status: healthy ? "ok" : "unavailable", database: healthy ? "ok" : "unreachable")
            .encodeResponse(for: req)
        response.status = healthy ? .ok : .serviceUnavailable
        return response
    }

    /// Scrapers present `KEFU_METRICS_TOKEN` as a bearer token; without a configured token only loopback
    /// callers are answered (the traffic profile is not for the public internet).
    @Sendable func metrics(req: Request) async throws -> Response {
        if let token = req.services.settings.metricsToken {
            guard req.headers.bearerAuthorization?.token == token else { throw Abort(.unauthorized) }
        } else {
            let host = req.remoteAddress?.ipAddress ?? ""
            guard host.isEmpty || host == "127.0.0.1" || host == "::1" else { throw Abort(.forbidden) }
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: req.services.metrics.text()))
    }
}

/// Counts requests and their latency by route pattern (never the raw path: ids and names stay out).
struct RequestMetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next.respond(to: request)
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let elapsed = ContinuousClock.now - started
        request.services.metrics.recordRequest(method: request.method.rawValue, route: route,
                                               status: response.status.code, duration: elapsed)
        // The access log names the route pattern, never the raw path or query (they may hold phone numbers).
        request.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(response.status.code)",
            "ms": "\(elapsed / .milliseconds(1))",
        ])
        return response
    }
}
