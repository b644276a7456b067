import KefuCore
import KefuDomain
import FluentKit
import Fluent
import Crypto
import Foundation
import KefuStore
import Vapor

/// Finds the staff member of a request: a bearer token on /api routes, the session cookie elsewhere.
/// Neither is accepted in the other place, so the API needs no CSRF protection and the web session
/// cannot be replayed as an API token. Not finding one is not an error here: each route's `Access` decides.
struct StaffAuthenticator: AsyncMiddleware {
    static let sessionCookie = "kefu_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let secret: String? = request.isAPI ? request.headers.bearerAuthorization?.token
                                            : request.cookies[Self.sessionCookie]?.string
        if let secret, !secret.isEmpty {
            let now = request.services.now()
            let kind = request.isAPI ? TokenKind.api : TokenKind.web
            // One statement (token joined with its active user), read anew on every request: no cache, so a
            // revoked session or a changed password takes effect at once.
            if let account = try await AuthRepository(db: request.db).signedIn(hash: TokenSecret.hash(secret), kind: kind.rawValue, at: now) {
                request.staff = StaffUser(account)
            }
        }
        return try await next.respond(to: request)
    }
}

enum TokenKind: String {
    case web, api
}

