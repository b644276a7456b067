import NIOCore
import Vapor

/// Issue 22: Kefu's middleware run as one Vapor middleware.
///
/// Vapor runs every `AsyncMiddleware` in a Task of its own, bridged from and back to an EventLoopFuture
/// (`completeWithTask` for each middleware, `.get()` for each `next`): the ten in Kefu's chain cost ten Tasks
/// and some twenty hops between the event loop and the concurrency pool per request — more than the whole
/// work of answering a static file. Here the same middleware, in the same order, call each other directly
/// inside one Task.
///
/// A static file needs none of them but the security headers and the metrics: a GET or HEAD of a public file
/// by its plain path (nothing percent-encoded, so nothing for PathGuardMiddleware to refuse), with no query
/// (nothing for StrictQueryMiddleware) and no Range, matching no route, is answered right on the event loop,
/// with the headers SecurityHeadersMiddleware would add, precomputed. Anything else takes the full chain, where
/// `PublicFilesMiddleware` serves the same files (after the path guard, with Range support).
struct MiddlewareStack: Middleware {
    /// Outermost first.
    let middleware: [any AsyncMiddleware]
    let publicFiles: PublicFiles

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if let response = staticAnswer(request) { return request.eventLoop.makeSucceededFuture(response) }
        var responder: any AsyncResponder = RouteResponder(route: next)
        for middleware in middleware.reversed() { responder = Link(middleware: middleware, next: responder) }
        let promise = request.eventLoop.makePromise(of: Response.self)
        promise.completeWithTask { [responder] in try await responder.respond(to: request) }
        return promise.futureResult
    }

    private func staticAnswer(_ request: Request) -> Response? {
        guard request.method == .GET || request.method == .HEAD, request.route == nil,
              request.url.query?.isEmpty ?? true, !request.headers.contains(name: .range) else { return nil }
        let path = request.url.path
        guard let file = publicFiles.files[path], !SecurityHeadersMiddleware.isCustomerChat(path) else { return nil }
        let started = ContinuousClock.now
        let response = publicFiles.answer(file, to: request, extraHeaders: SecurityHeadersMiddleware.framedNowhere)
        RequestMetricsMiddleware.record(request, status: response.status, since: started)
        return response
    }

    private struct Link: AsyncResponder {
        let middleware: any AsyncMiddleware
        let next: any AsyncResponder

        func respond(to request: Request) async throws -> Response {
            try await middleware.respond(to: request, chainingTo: next)
        }
    }

    /// The route (or Vapor's 404) behind the chain.
    private struct RouteResponder: AsyncResponder {
        let route: any Responder

        func respond(to request: Request) async throws -> Response {
            try await route.respond(to: request).get()
        }
    }
}
