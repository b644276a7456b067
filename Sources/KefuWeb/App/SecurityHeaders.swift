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

    /// Issue 22: every answer outside the customer chat carries these; built once, not per request.
    static let framedNowhere: HTTPHeaders = [
        "Content-Security-Policy": policy(frameAncestors: "'none'"), "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
    ]

    /// `/chat` and below: the customer's chat pages (the agent console is `/console/chat`).
    static func isCustomerChat(_ path: String) -> Bool { path == "/chat" || path.hasPrefix("/chat/") }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        var headers = response.headers  // one copy out and one back: each `response.headers` access takes a lock
        if Self.isCustomerChat(request.url.path) {
            headers.replaceOrAdd(name: "Content-Security-Policy",
                                 value: Self.policy(frameAncestors: request.services.settings.chatFrameAncestors))
            headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
            headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        } else {
            for (name, value) in Self.framedNowhere { headers.replaceOrAdd(name: name, value: value) }
        }
        if request.route != nil, !headers.contains(name: .cacheControl) { headers.add(name: .cacheControl, value: "no-store") }
        if response.status == .tooManyRequests, !headers.contains(name: .retryAfter) {
            headers.add(name: .retryAfter, value: "\(Self.defaultRetryAfter)")
        }
        response.headers = headers
        return response
    }
}

/// Issue 20: `/js/kefu.js%00.html` served the script as `text/html` (the file system stopped at the NUL, the
/// media type came from the name after it). A path whose decoded form holds a control character is 400; one
/// with a `..` segment (also encoded, also with backslashes) is 404 — before any file or route is looked up,
/// so a static file's media type always comes from the name of the file really served.
struct PathGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        // Issue 22: Foundation's decoding is slow; a path with no % decodes to itself.
        guard let decoded = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding : path else {
            throw Abort(.badRequest)
        }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { throw Abort(.badRequest) }
        let segments = decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if segments.contains(where: { $0 == ".." }) { throw Abort(.notFound) }
        return try await next.respond(to: request)
    }
}
