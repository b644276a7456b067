import KefuCore
import KefuDomain
import Vapor

/// Every registered route with the access it demands, for `kefu routes` (an administrator's check of what
/// is exposed, and the access-matrix drill's route table for the web pages, which the OpenAPI document —
/// API routes only — does not list).
public struct RouteTableRow: Codable, Sendable, Equatable {
    public let method: String
    /// `/cases/{id}`: parameters in OpenAPI's braces.
    public let path: String
    /// `public`, `authenticated` or the permission (`cases.read`); `none` for a route registered without it.
    public let access: String
}

public enum RouteTable {
    public static func rows(_ app: Application) -> [RouteTableRow] {
        app.routes.all.map { route in
            RouteTableRow(method: route.method.rawValue, path: OpenAPIDocument.path(of: route), access: route.access?.description ?? "none")
        }
        .sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }
}
