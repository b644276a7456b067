import Foundation
import KefuCore
import KefuDomain
import FluentKit
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// `GET /api/v1/openapi.json`: an OpenAPI 3.1 document built from the registered routes themselves
/// (path, method, summary, access), so it cannot forget a route; request bodies come from `OpenAPISchemas`
/// or the route's declared `request` type (`NoBody` for a route that reads none).
struct OpenAPIController: RouteCollection {
    /// Routes do not change once the application runs: the document is built on first request only.
    private let cache = NIOLockedValueBox<Data?>(nil)

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1").on(.GET, "openapi.json", access: .public, summary: "This OpenAPI document", use: document)
    }

    @Sendable func document(req: Request) async throws -> Response {
        let data: Data
        if let cached = cache.withLockedValue({ $0 }) {
            data = cached
        } else {
            data = try JSONSerialization.data(withJSONObject: OpenAPIDocument.build(req.application.routes.all),
                                              options: [.sortedKeys, .prettyPrinted])
            cache.withLockedValue { $0 = data }
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}

public enum OpenAPIDocument {
    /// The document as `JSONSerialization` objects (the test suite validates every API answer against it).
    public static func object(for routes: [Route]) -> [String: Any] { build(routes) }

    /// The OpenAPI path of a route: `/api/v1/users/{id}`.
    static func path(of route: Route) -> String {
        "/" + route.path.map { component -> String in
            if case .parameter(let name) = component { return "{\(name)}" }
            return component.description
        }.joined(separator: "/")
    }

    /// Path parameters that are not record ids.
    nonisolated(unsafe) static let parameterSchemas: [String: [String: Any]] = [
        "seq": ["type": "integer"], "kind": ["type": "string"], "action": ["type": "string"],
    ]

    static func build(_ routes: [Route]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        var schemas = OpenAPISchemas.components.merging(OpenAPISchemas.chatComponents) { current, _ in current }
        for route in routes where path(of: route).hasPrefix("/api/") {
            let path = path(of: route)
            let method = route.method.rawValue.lowercased()
            var operation: [String: Any] = [
                "summary": route.summary ?? "",
                "operationId": "\(method)_\(path.replacingOccurrences(of: "/", with: "_"))",
                "x-kefu-access": route.access?.description ?? "none",
            ]
            let parameters = route.path.compactMap { component -> [String: Any]? in
                guard case .parameter(let name) = component else { return nil }
                return ["name": name, "in": "path", "required": true,
                        "schema": parameterSchemas[name] ?? ["type": "string", "format": "uuid"]]
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if case .public = route.access { operation["security"] = [] as [Any] }
            let key = "\(route.method.rawValue) \(path)"
            let body = OpenAPISchemas.handWritten[key] ?? route.requestType.map { reference(to: $0, in: &schemas) }
            if let body {
                let type = OpenAPISchemas.uploadBodies[key] != nil ? "application/octet-stream" : "application/json"
                operation["requestBody"] = ["required": !route.requestBodyIsOptional, "content": [type: ["schema": body]]]
            } else if route.declaresNoBody {
                // Deliberate, not forgotten: the handler reads no body (a contract test tells the two apart).
                operation["x-kefu-no-body"] = true
            }
            operation["responses"] = responses(for: route, hasBody: body != nil, schemas: &schemas)
            paths[path, default: [:]][method] = operation
        }
        paths["/chat/ws/{chatID}"] = OpenAPISchemas.chatSocketPath
        return [
            "openapi": "3.1.0",
            "info": ["title": "Kefu 客服 API", "version": "1"],
            "servers": [["url": "/"]],
            "paths": paths,
            "security": [["bearer": [] as [Any]]],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": schemas,
            ],
        ]
    }

    /// A derived schema, stored once under the type's name in `components.schemas`.
    static func reference(to type: any Decodable.Type, in schemas: inout [String: Any]) -> [String: Any] {
        let name = componentName(type)
        if schemas[name] == nil { schemas[name] = SchemaDerivation.schema(of: type) }
        return ["$ref": "#/components/schemas/\(name)"]
    }

    /// `ListResponse<KefuWeb.UserResponse>` → `ListResponse_UserResponse` (nested types keep their outer name).
    static func componentName(_ type: Any.Type) -> String {
        String(reflecting: type)
            .replacingOccurrences(of: "KefuWeb.", with: "").replacingOccurrences(of: "KefuDomain.", with: "")
            .replacingOccurrences(of: "KefuStore.", with: "").replacingOccurrences(of: "Swift.", with: "")
            .replacingOccurrences(of: "Foundation.", with: "")
            .map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "_"))
    }

    /// The success answer (its status and JSON schema, derived from the handler's types) and every error
    /// answer the middleware can give, each with the error body of API.md.
    private static func responses(for route: Route, hasBody: Bool, schemas: inout [String: Any]) -> [String: Any] {
        let error: [String: Any] = ["description": "Error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        // 401 and 403 on public routes too: a wrong password at login; a chat route without its customer token,
        // or a staff member who may not read that chat.
        var responses: [String: Any] = ["400": error, "401": error, "403": error, "404": error, "429": error]
        responses["422"] = error  // a rulebook limit can refuse a read too (reports.max_range_days)
        if route.method != .GET { responses["409"] = error }
        if hasBody || route.method != .GET { responses["413"] = error; responses["415"] = error }
        if route.outputType == HTTPStatus.self {
            // A bare status: done (200), created (201) or nothing to say (204), without a body.
            for status in ["200", "201", "204"] { responses[status] = ["description": "Done"] }
        } else if route.outputType == String.self {
            responses["200"] = ["description": "OK", "content": ["text/plain": ["schema": ["type": "string"]]]]
        } else if let type = route.responseType {
            let status = route.successStatus.map { "\($0.code)" } ?? "200"
            responses[status] = ["description": status == "201" ? "Created" : "OK",
                                 "content": ["application/json": ["schema": reference(to: type, in: &schemas)]]]
        } else {
            // A handler that builds its own answer (files, CSV, a record with a computed status).
            let any: [String: Any] = ["description": "OK", "content": ["*/*": ["schema": [String: Any]()]]]
            responses["200"] = any
            if route.method == .POST { responses["201"] = any }
        }
        return responses
    }
}
