import Foundation
import KefuCore
import KefuDomain
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 20 §3: the OpenAPI document describes what the server really does, and the suite keeps it so
/// (`withTestApp` validates every API answer against it; these tests check the document and the check).
@Suite("The OpenAPI document is true")
struct OpenAPIContractTests {
    private func document(_ app: Application) async throws -> [String: Any] {
        let response = try await app.testing().sendRequest(.GET, "api/v1/openapi.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test("Every API operation documents its success answer, its request body when it decodes one, and the errors (415 included)")
    func everyOperationDocumented() async throws {
        try await withTestApp { app in
            let paths = try #require(try await document(app)["paths"] as? [String: [String: Any]])
            var problems: [String] = []
            for route in app.routes.all where OpenAPIDocument.path(of: route).hasPrefix("/api/") {
                let label = "\(route.method) \(OpenAPIDocument.path(of: route))"
                guard let operation = paths[OpenAPIDocument.path(of: route)]?[route.method.rawValue.lowercased()] as? [String: Any],
                      let responses = operation["responses"] as? [String: Any] else { problems.append("\(label): missing"); continue }
                if !responses.keys.contains(where: { $0.hasPrefix("2") }) { problems.append("\(label): no success answer") }
                if route.requestType != nil, operation["requestBody"] == nil { problems.append("\(label): body not documented") }
                if operation["requestBody"] != nil, responses["415"] == nil { problems.append("\(label): 415 not documented") }
                for (status, answer) in responses where status.hasPrefix("2") {
                    if (answer as? [String: Any])?["content"] == nil, route.outputType != HTTPStatus.self {
                        problems.append("\(label): \(status) without content")
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    @Test("Every POST, PATCH and PUT under /api/ documents its request body or is declared body-less (NoBody), never both")
    func everyWriteDeclaresItsBody() async throws {
        try await withTestApp { app in
            let paths = try #require(try await document(app)["paths"] as? [String: [String: Any]])
            var undeclared: [String] = [], contradictory: [String] = []
            for route in app.routes.all where [.POST, .PATCH, .PUT].contains(route.method) {
                let path = OpenAPIDocument.path(of: route)
                guard path.hasPrefix("/api/") else { continue }
                let label = "\(route.method) \(path)"
                let operation = paths[path]?[route.method.rawValue.lowercased()] as? [String: Any] ?? [:]
                let documented = operation["requestBody"] != nil
                let bodyless = operation["x-kefu-no-body"] as? Bool == true
                if !documented, !bodyless { undeclared.append(label) }
                if route.declaresNoBody, documented || !bodyless { contradictory.append(label) }
            }
            #expect(undeclared.isEmpty, "No request body documented and not declared `request: NoBody.self`:\n\(undeclared.sorted().joined(separator: "\n"))")
            #expect(contradictory.isEmpty, "Declared `NoBody` but documenting a body (a hand-written schema) or not marked body-less:\n\(contradictory.sorted().joined(separator: "\n"))")
            // A hand-written body whose key names no route documents nothing.
            let routes = Set(app.routes.all.map { "\($0.method.rawValue) \(OpenAPIDocument.path(of: $0))" })
            let unused = OpenAPISchemas.handWritten.keys.filter { !routes.contains($0) }.sorted()
            #expect(unused.isEmpty, "Hand-written bodies for no route:\n\(unused.joined(separator: "\n"))")
            // `request: Body?.self`: a body the handler reads only when one is sent is documented as not required.
            let giveBack = paths["/api/v1/access-cards/{id}/return"]?["post"] as? [String: Any]
            #expect((giveBack?["requestBody"] as? [String: Any])?["required"] as? Bool == false)
            let upload = paths["/api/v1/kb/entries/{id}/attachments"]?["post"] as? [String: Any]
            #expect(((upload?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/octet-stream"] != nil)
        }
    }

    @Test("A DTO's schema comes from its Codable conformance: required and optional fields, formats, enums")
    func derivedSchema() {
        let user = SchemaDerivation.schema(of: UserResponse.self)
        let properties = user["properties"] as? [String: [String: Any]] ?? [:]
        #expect(user["type"] as? String == "object")
        #expect(Set(user["required"] as? [String] ?? []).isSuperset(of: ["id", "username", "display_name", "roles", "created_at", "version"]))
        #expect(!(user["required"] as? [String] ?? []).contains("department_id"))
        #expect(properties["created_at"]?["format"] as? String == "date-time")
        #expect(properties["department_id"]?["format"] as? String == "uuid")
        #expect(properties["department_id"]?["type"] as? [String] == ["string", "null"])
        #expect((properties["roles"]?["items"] as? [String: Any])?["type"] as? String == "string")
        let list = SchemaDerivation.schema(of: ListResponse<UserResponse>.self)
        #expect(list["required"] as? [String] == ["items"])
        let decision = SchemaDerivation.schema(of: ApprovalDecision.self)
        #expect(Set(decision["enum"] as? [String] ?? []) == Set(ApprovalDecision.allCases.map(\.rawValue)))
    }

    @Test("An answer that drifts from the document is reported with its route, status and JSON path")
    func driftIsReported() async throws {
        try await withTestApp { app in
            let route = try #require(app.routes.all.first { $0.method == .GET && OpenAPIDocument.path(of: $0) == "/api/v1/users/{id}" })
            let request = Request(application: app, method: .GET, url: "/api/v1/users/\(UUID())", on: app.eventLoopGroup.next())
            request.route = route
            var headers = HTTPHeaders()
            headers.contentType = .json
            let drifted = Response(status: .ok, headers: headers, body: .init(string: #"{"id":"x","username":7}"#))
            let problems = OpenAPIConformance.problems(request: request, response: drifted)
            #expect(problems.contains { $0.contains("GET /api/v1/users/{id} → 200") && $0.contains("$.username") })
            #expect(problems.contains { $0.contains("$.id") && $0.contains("uuid") })
            #expect(problems.contains { $0.contains("$.display_name: required") })
            let undocumented = Response(status: .accepted, headers: headers, body: .init(string: "{}"))
            #expect(OpenAPIConformance.problems(request: request, response: undocumented) == ["GET /api/v1/users/{id} → 202: status not documented"])
        }
    }

    @Test("TRACE (or any method a known path does not answer) is 405 with Allow and the API error body; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("admin405", roles: [.admin])
            let trace = try await app.testing().sendRequest(.TRACE, "api/v1/users", headers: admin.bearer)
            #expect(trace.status == .methodNotAllowed)
            #expect(Set((trace.headers.first(name: .allow) ?? "").components(separatedBy: ", ")) == ["GET", "POST", "HEAD"])
            #expect(trace.body.string.contains(#""code":"bad_request""#))
            let put = try await app.testing().sendRequest(.PUT, "api/v1/users/\(UUID())", headers: admin.bearer)
            #expect(put.status == .methodNotAllowed)
            #expect(Set((put.headers.first(name: .allow) ?? "").components(separatedBy: ", ")) == ["GET", "PATCH", "HEAD"])
            #expect(try await app.testing().sendRequest(.TRACE, "api/v1/no-such-thing", headers: admin.bearer).status == .notFound)
            // A constant segment wins over a sibling's parameter, as in the router: GET /duties/generate is not a duty.
            let generate = try await app.testing().sendRequest(.GET, "api/v1/duties/generate", headers: admin.bearer)
            #expect(generate.status == .methodNotAllowed)
            #expect(generate.headers.first(name: .allow) == "POST")
            // A record that does not exist is still 404.
            #expect(try await app.testing().sendRequest(.GET, "api/v1/users/\(UUID())", headers: admin.bearer).status == .notFound)
        }
    }
}
