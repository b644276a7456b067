import Foundation
import KefuCore
import Vapor

extension KefuMetrics {
    /// The request metrics of a matched Vapor route (nil: none matched), labelled by its registered pattern
    /// (`/api/v1/users/:id`), never the raw path with ids or names.
    @discardableResult
    func recordRequest(method: String, route: Route?, status: UInt, duration: Duration) -> String {
        recordRequest(method: method, routeID: route.map(ObjectIdentifier.init), status: status, duration: duration) {
            route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        }
    }
}
