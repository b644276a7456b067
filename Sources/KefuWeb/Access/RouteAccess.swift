import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import Vapor

/// Every route declares its `Access` when it is registered; the handler runs only after the check
/// (401 without a staff member, 403 without the permission; web pages redirect to the login page),
/// and web forms (every non-GET web route) must carry the CSRF token. A test enumerates `app.routes`
/// and fails for a route without an `Access`.
enum RouteAccessKey: StorageKey { typealias Value = Access }

struct RouteSummaryKey: StorageKey { typealias Value = String }

extension Route {
    var access: Access? { userInfo["access"] as? Access }
    var summary: String? { userInfo["summary"] as? String }
    /// The JSON body the handler decodes (documented in the OpenAPI document); `Body?.self` unwrapped, nil for `NoBody`.
    var requestType: (any Decodable.Type)? {
        guard let declared = userInfo["request"] as? any Decodable.Type, !declaresNoBody else { return nil }
        return (declared as? any OptionalRequestBody.Type)?.wrapped ?? declared
    }
    /// Declared `request: Body?.self`: the handler reads the body only when one is sent (`optionalContent`, or a default).
    var requestBodyIsOptional: Bool { userInfo["request"] is any OptionalRequestBody.Type }
    /// Declared `request: NoBody.self`: the handler reads no body at all.
    var declaresNoBody: Bool { userInfo["request"] is NoBody.Type }
    /// The JSON body of the success answer: declared, or the handler's own return type.
    var responseType: (any Decodable.Type)? { userInfo["response"] as? any Decodable.Type }
    /// The success status when the handler builds its `Response` itself (a create: 201).
    var successStatus: HTTPStatus? { userInfo["status"] as? HTTPStatus }
    /// The type the handler returns (`Response`, `View`, `HTTPStatus`, a `Content`).
    var outputType: Any.Type? { userInfo["output"] as? Any.Type }
}

/// The `request` of a route whose handler reads no body at all (a plain action: accept, close, archive):
/// the OpenAPI document then says so (`x-kefu-no-body`) rather than merely leaving the body out, and the
/// contract test can tell a forgotten body from a deliberate none.
enum NoBody: Decodable {
    init(from decoder: any Decoder) throws {
        throw DecodingError.typeMismatch(NoBody.self, .init(codingPath: [], debugDescription: "This route reads no body"))
    }
}

/// `request: Body?.self` declares a body the client may leave out (documented as not required).
protocol OptionalRequestBody { static var wrapped: any Decodable.Type { get } }
extension Optional: OptionalRequestBody where Wrapped: Decodable {
    static var wrapped: any Decodable.Type { Wrapped.self }
}

extension RoutesBuilder {
    @discardableResult
    func on<Output: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: PathComponent..., access: Access, summary: String,
        request: (any Decodable.Type)? = nil, response: (any Decodable.Type)? = nil, status: HTTPStatus? = nil,
        body: HTTPBodyStreamStrategy = .collect,
        use handler: @Sendable @escaping (Request) async throws -> Output
    ) -> Route {
        let route = self.on(method, path, body: body) { request async throws -> Output in
            try await request.check(access)
            if !request.isAPI, method != .GET, method != .HEAD { try await CSRF.verify(request) }
            return try await handler(request)
        }
        route.userInfo["access"] = access
        route.userInfo["summary"] = summary
        route.userInfo["output"] = Output.self
        if let request { route.userInfo["request"] = request }
        if let response = response ?? (Output.self as? any Decodable.Type) { route.userInfo["response"] = response }
        if let status { route.userInfo["status"] = status }
        return route
    }
}

extension Request {
    func check(_ access: Access) async throws {
        switch access {
        case .public:
            return
        case .authenticated:
            _ = try requireStaff()
        case .permission(let permission):
            let staff = try requireStaff()
            guard staff.has(permission) else { throw Abort(.forbidden) }
        }
    }
}
