import Foundation
import KefuDomain
import FluentKit
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// `GET /api/v1/openapi.json`: an OpenAPI 3.1 document built from the registered routes themselves
/// (path, method, summary, access), so it cannot forget a route; request bodies come from `OpenAPISchemas`.
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

enum OpenAPIDocument {
    /// The OpenAPI path of a route: `/api/v1/users/{id}`.
    static func path(of route: Route) -> String {
        "/" + route.path.map { component -> String in
            if case .parameter(let name) = component { return "{\(name)}" }
            return component.description
        }.joined(separator: "/")
    }

    static func build(_ routes: [Route]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for route in routes where path(of: route).hasPrefix("/api/") {
            let path = path(of: route)
            let method = route.method.rawValue.lowercased()
            var operation: [String: Any] = [
                "summary": route.summary ?? "",
                "operationId": "\(method)_\(path.replacingOccurrences(of: "/", with: "_"))",
                "x-kefu-access": route.access?.description ?? "none",
                "responses": responses(for: route),
            ]
            let parameters = route.path.compactMap { component -> [String: Any]? in
                guard case .parameter(let name) = component else { return nil }
                return ["name": name, "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if case .public = route.access { operation["security"] = [] as [Any] }
            let key = "\(route.method.rawValue) \(path)"
            if let body = OpenAPISchemas.requestBodies[key] ?? OpenAPISchemas.caseBodies[key] ?? OpenAPISchemas.chatBodies[key]
                ?? OpenAPISchemas.chatCoreBodies[key] {
                let type = key.hasSuffix("/attachments") || key.hasSuffix("/images") ? "application/octet-stream" : "application/json"
                operation["requestBody"] = ["required": true, "content": [type: ["schema": body]]]
            }
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
                "schemas": OpenAPISchemas.components.merging(OpenAPISchemas.chatComponents) { current, _ in current },
            ],
        ]
    }

    private static func responses(for route: Route) -> [String: Any] {
        let error: [String: Any] = ["description": "Error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        var responses: [String: Any] = ["200": ["description": "OK"], "400": error, "404": error]
        if route.method == .POST, route.path.last?.description != "login" { responses["201"] = ["description": "Created"] }
        if case .public = route.access {} else { responses["401"] = error; responses["403"] = error }
        if route.method != .GET { responses["409"] = error; responses["413"] = error; responses["422"] = error }
        return responses
    }
}
