import Foundation
import KefuCore
import KefuDomain
import FluentKit
import Fluent
import Vapor

/// API.md: every 4xx/5xx body is `{"error": {"code", "message", "fields"?, "rule"?}}`.
struct ErrorBody: Content {
    struct Payload: Content {
        let code: String
        let message: String
        let fields: [String: String]?
        let rule: String?
    }

    let error: Payload
}

/// A translated failure: status, API code, localization key of the message, field messages, rule key.
struct Failure: Error {
    let status: HTTPResponseStatus
    let code: String
    let messageKey: String
    var messageArguments: [String] = []
    var fields: [String: String] = [:]
    var rule: String? = nil
    /// Seconds a refused client should wait (429 → `Retry-After`, issue 20); nil → the middleware's default.
    var retryAfter: Int? = nil

    static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 422: "rule_violation"
        case 429: "rate_limited"
        default: status.code >= 500 ? "internal" : "bad_request"
        }
    }
}
