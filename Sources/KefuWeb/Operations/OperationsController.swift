import Foundation
import KefuCore
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

    /// Scrapers present `KEFU_METRICS_TOKEN` as a bearer token. Without a token `/metrics` is closed unless
    /// `KEFU_METRICS_PUBLIC=1` opens it: a loopback address proves nothing behind a reverse proxy on the same
    /// host, where every caller is loopback (issue 20).
    @Sendable func metrics(req: Request) async throws -> Response {
        let settings = req.services.settings
        if !settings.metricsPublic {
            guard let token = settings.metricsToken else { throw Abort(.forbidden) }
            guard let given = req.headers.bearerAuthorization?.token,
                  Data(given.utf8).constantTimeEquals(Data(token.utf8)) else { throw Abort(.unauthorized) }
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
        Self.record(request, status: response.status, since: started)
        return response
    }

    /// Also for the static files MiddlewareStack answers without the chain.
    static func record(_ request: Request, status: HTTPResponseStatus, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        // Issue 22: the route's label is spelled out once per route, not per request.
        let route = request.services.metrics.recordRequest(method: request.method.rawValue, route: request.route,
                                                           status: status.code, duration: elapsed)
        // The access log names the route pattern, never the raw path or query (they may hold phone numbers).
        request.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(status.code)",
            "ms": "\(elapsed / .milliseconds(1))",
        ])
    }
}

extension Data {
    /// Compares without stopping at the first difference (a scrape token is not guessed byte by byte).
    func constantTimeEquals(_ other: Data) -> Bool {
        guard count == other.count else { return false }
        return zip(self, other).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
