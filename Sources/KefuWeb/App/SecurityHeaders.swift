import Foundation
import KefuCore
import Vapor

/// Issue 20: the browser-side protections on every answer, in one place (outermost, so error pages and
/// static files get them too).
///
/// - Content-Security-Policy: scripts and styles from Kefu's own files only — no inline script and no
///   inline `style` attributes (the few there were moved to kefu.css: a strict `style-src 'self'` costs
///   nothing and keeps injected markup from restyling a page).
/// - Not framed (`frame-ancestors 'none'`, X-Frame-Options DENY) — except the customer chat pages under
///   `/chat`, which the chat widget frames on the organization's websites (`KEFU_CHAT_FRAME_ANCESTORS`).
/// - `nosniff`, `Referrer-Policy: same-origin`, and `Cache-Control: no-store` on every routed answer (pages
///   and API: they may hold personal data) unless the route chose its own caching.
/// - A 429 without `Retry-After` gets the default wait.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// The wait announced on a 429 whose refusal did not name one.
    static let defaultRetryAfter = 60

    static func policy(frameAncestors: String) -> String {
        ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
         "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
         "frame-ancestors \(frameAncestors)"].joined(separator: "; ")
    }

    /// `/chat` and below: the customer's chat pages (the agent console is `/console/chat`).
    static func isCustomerChat(_ path: String) -> Bool { path == "/chat" || path.hasPrefix("/chat/") }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = response.headers
        var add = HTTPHeaders()
        if Self.isCustomerChat(request.url.path) {
            add.add(name: "Content-Security-Policy",
                    value: Self.policy(frameAncestors: request.services.settings.chatFrameAncestors))
        } else {
            add.add(name: "Content-Security-Policy", value: Self.policy(frameAncestors: "'none'"))
            add.add(name: "X-Frame-Options", value: "DENY")
        }
        add.add(name: "X-Content-Type-Options", value: "nosniff")
        add.add(name: "Referrer-Policy", value: "same-origin")
        if request.route != nil, !headers.contains(name: .cacheControl) { add.add(name: .cacheControl, value: "no-store") }
        if response.status == .tooManyRequests, !headers.contains(name: .retryAfter) {
            add.add(name: .retryAfter, value: "\(Self.defaultRetryAfter)")
        }
        for (name, value) in add { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}

/// Issue 20: `/js/kefu.js%00.html` served the script as `text/html` (the file system stopped at the NUL, the
/// media type came from the name after it). A path whose decoded form holds a control character is 400; one
/// with a `..` segment (also encoded, also with backslashes) is 404 — before any file or route is looked up,
/// so a static file's media type always comes from the name of the file really served.
struct PathGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let decoded = request.url.path.removingPercentEncoding else { throw Abort(.badRequest) }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { throw Abort(.badRequest) }
        let segments = decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if segments.contains(where: { $0 == ".." }) { throw Abort(.notFound) }
        return try await next.respond(to: request)
    }
}
