import Foundation
import KefuCore
import KefuWeb
import NIOConcurrencyHelpers
import Vapor

/// Keeps the OpenAPI document true: in every test app, each answer of an `/api/` route is checked against
/// the document — its status must be documented, a JSON body must match the schema of that route and
/// status, and a request the server accepted (2xx) must match the documented request body. Violations are
/// collected while the test runs and `withTestApp` fails the test with them (route, status, JSON path).
public enum OpenAPIConformance {
    /// The document is the same for every test app (the routes are): built once per test process.
    private static let cache = NIOLockedValueBox<Built?>(nil)

    /// Immutable once built; `[String: Any]` is not `Sendable` by type.
    final class Built: @unchecked Sendable {
        let document: [String: Any]
        let validator: JSONSchemaValidator
        init(_ document: [String: Any]) { self.document = document; validator = JSONSchemaValidator(document: document) }
    }

    struct ViolationsKey: StorageKey { typealias Value = NIOLockedValueBox<[String]> }

    public struct Failed: Error, CustomStringConvertible {
        public let violations: [String]
        public var description: String {
            "The API answered differently from its OpenAPI document:\n" + violations.joined(separator: "\n")
        }
    }

    /// Installs the check in front of every other middleware (so it sees the final answers, errors included).
    public static func install(in app: Application) {
        _ = document(app)
        app.storage[ViolationsKey.self] = NIOLockedValueBox([])
        app.middleware.use(Check(), at: .beginning)
    }

    /// Throws the violations seen so far.
    public static func verify(_ app: Application) throws {
        guard let box = app.storage[ViolationsKey.self] else { return }
        let violations = box.withLockedValue { $0 }
        if !violations.isEmpty { throw Failed(violations: violations) }
    }

    static func document(_ app: Application) -> Built {
        cache.withLockedValue { cached in
            if let cached { return cached }
            let built = Built(OpenAPIDocument.object(for: app.routes.all))
            cached = built
            return built
        }
    }

    /// The problems of one exchange (empty when it conforms).
    public static func problems(request: Request, response: Response) -> [String] {
        // 405: the path belongs to another route (a constant where this route has a parameter), not to this one.
        guard let route = request.route, response.status != .methodNotAllowed else { return [] }
        let path = "/" + route.path.map { component -> String in
            if case .parameter(let name) = component { return "{\(name)}" }
            return component.description
        }.joined(separator: "/")
        guard path.hasPrefix("/api/") else { return [] }
        let built = document(request.application)
        let (document, validator) = (built.document, built.validator)
        let method = route.method.rawValue
        guard let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method.lowercased()] as? [String: Any] else {
            return ["\(method) \(path): not in the document"]
        }
        let status = "\(response.status.code)"
        let label = "\(method) \(path) → \(status)"
        guard let documented = (operation["responses"] as? [String: Any])?[status] as? [String: Any] else {
            return ["\(label): status not documented"]
        }
        var problems: [String] = []
        if response.headers.contentType?.subType == "json", let buffer = response.body.buffer, buffer.readableBytes > 0 {
            let content = documented["content"] as? [String: Any]
            if let schema = (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any] {
                if let value = JSONValue.parse(Data(buffer.readableBytesView)) {
                    problems += validator.validate(value, against: schema).map { "\(label): response \($0)" }
                } else {
                    problems.append("\(label): response is not JSON")
                }
            } else if content?["*/*"] == nil {
                problems.append("\(label): JSON answer but no JSON schema documented")
            }
        }
        if (200..<300).contains(response.status.code), request.headers.contentType?.subType == "json",
           let body = request.body.data, body.readableBytes > 0,
           let schema = ((((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                as? [String: Any])?["schema"] as? [String: Any]),
           let value = JSONValue.parse(Data(body.readableBytesView)) {
            problems += validator.validate(value, against: schema).map { "\(label): accepted request \($0)" }
        }
        return problems
    }

    struct Check: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            let response = try await next.respond(to: request)
            let problems = OpenAPIConformance.problems(request: request, response: response)
            if !problems.isEmpty, let box = request.application.storage[ViolationsKey.self] {
                box.withLockedValue { $0 += problems }
            }
            return response
        }
    }
}
