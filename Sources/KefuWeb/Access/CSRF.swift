import KefuCore
import KefuDomain
import FluentKit
import Fluent
import Crypto
import Foundation
import Vapor

/// CSRF protection for web forms. Signed-in users: the synchronizer token stored with their session.
/// Before login (the login form, the language switch): a random token in an HttpOnly cookie that the
/// form must echo (double submit). Every non-GET web route verifies it (RouteAccess).
enum CSRF {
    static let anonymousCookie = "kefu_csrf"
    static let field = "csrf_token"

    private struct FreshTokenKey: StorageKey { typealias Value = String }

    /// The token forms on this page must carry.
    static func token(for request: Request) -> String {
        if let session = request.staff?.csrfToken { return session }
        if let fresh = request.storage[FreshTokenKey.self] { return fresh }
        return request.cookies[anonymousCookie]?.string ?? ""
    }

    static func verify(_ request: Request) async throws {
        let sent: String
        do {
            sent = try request.content.get(String.self, at: field)
        } catch let refused as DomainError {
            throw refused  // issue 20: a field holding a control character is a 400 naming it, not a CSRF failure
        } catch let refused as Failure {
            throw refused
        } catch {
            sent = ""
        }
        let expected = token(for: request)
        guard !expected.isEmpty, sent.utf8.count == expected.utf8.count,
              zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw Abort(.forbidden, reason: "error.csrf")
        }
    }

    /// Gives anonymous web visitors a CSRF cookie on their first page.
    struct Middleware: AsyncMiddleware {
        let secureCookies: Bool

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            var fresh: String?
            if !request.isAPI, request.staff == nil, request.cookies[anonymousCookie] == nil {
                fresh = TokenSecret.make()
                request.storage[FreshTokenKey.self] = fresh
            }
            let response = try await next.respond(to: request)
            if let fresh {
                response.cookies[anonymousCookie] = HTTPCookies.Value(
                    string: fresh, maxAge: 86_400, path: "/", isSecure: secureCookies, isHTTPOnly: true, sameSite: .lax)
            }
            return response
        }
    }
}
