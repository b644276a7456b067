import Foundation
import KefuCore
import KefuDomain
import FluentKit
import Fluent
import SQLiteNIO
import Vapor

/// The one place errors become responses (STYLE D): JSON error bodies on /api, an error page (or a
/// redirect to the login page) on the web UI. Internals are logged with the request id, never shown.
struct KefuErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            var failure = Failure.from(error)
            var allowed: [HTTPMethod] = []
            if failure.status == .notFound {
                allowed = MethodNotAllowed.instead(of: request)
                if !allowed.isEmpty {
                    failure = Failure(status: .methodNotAllowed, code: Failure.code(for: .methodNotAllowed), messageKey: "error.method_not_allowed")
                }
            }
            if failure.status.code >= 500 {
                // A database error's text can quote the values it refused (a phone number, a name): in
                // production only the error's type goes to the log, with the request id.
                var metadata: Logger.Metadata = ["error": "\(String(reflecting: type(of: error)))"]
                // The SQLite result code (busy, constraint …) says what went wrong without quoting any value.
                if let sqlite = error as? SQLiteError { metadata["sqlite_code"] = "\(sqlite.reason)" }
                if !request.application.environment.isRelease, request.application.environment != .production {
                    metadata["detail"] = "\(error)"
                }
                request.logger.error("request failed", metadata: metadata)
            }
            let response = request.isAPI || ["/health", "/metrics"].contains(request.url.path)
                ? try json(failure, for: request) : try await page(failure, for: request)
            if let seconds = failure.retryAfter, failure.status == .tooManyRequests {
                response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)")
            }
            if !allowed.isEmpty { response.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", ")) }
            return response
        }
    }

    private func json(_ failure: Failure, for request: Request) throws -> Response {
        let body = ErrorBody(error: .init(
            code: failure.code,
            message: request.t(failure.messageKey, failure.messageArguments),
            fields: failure.fields.isEmpty ? nil : failure.fields.mapValues { request.t($0) },
            rule: failure.rule))
        let response = Response(status: failure.status)
        try response.content.encode(body, as: .json)
        if failure.status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
        return response
    }

    private func page(_ failure: Failure, for request: Request) async throws -> Response {
        if failure.status == .unauthorized {
            let next = request.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return request.redirect(to: "/login?next=\(next)", redirectType: .normal)
        }
        let context = ErrorPage(shell: PageShell(request, title: request.t("error.title")),
                                // The field messages too (issue 20: "name: must not contain control characters").
                                status: Int(failure.status.code), message: request.refusal(failure).message)
        let view = try await request.view.render("errors/error", context)
        let response = try await view.encodeResponse(for: request)
        response.status = failure.status
        return response
    }
}

struct ErrorPage: Encodable {
    let shell: PageShell
    let status: Int
    let message: String
}
