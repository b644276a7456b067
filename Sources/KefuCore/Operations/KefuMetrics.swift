import Foundation
import Prometheus

/// Prometheus metrics for `/metrics`: requests by method/route/status class, request latency, scanner
/// runs and their outcomes. One registry per application (tests build many applications).
public struct KefuMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    private static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    private let requestHandles = RequestHandles()

    public init() {}

    /// Issue 22: the counter and histogram of each (method, route, status class) are looked up once. Finding them in
    /// the registry by name and labels — and spelling the route pattern out — on every request cost about as much as
    /// answering a static file. `routeID` identifies the matched route (nil: none); `label` spells it, called only the
    /// first time. Returns the route's label (for the access log).
    @discardableResult
    public func recordRequest(method: String, routeID: ObjectIdentifier?, status: UInt, duration: Duration, label: () -> String) -> String {
        let key = RequestHandles.Key(method: method, route: routeID, statusClass: status / 100)
        if let handles = requestHandles.table.withLockedValue({ $0[key] }) {
            handles.counter.increment()
            handles.histogram.record(duration)
            return handles.route
        }
        let label = label()
        let handles = RequestHandles.Handles(route: label, counter: requestCounter(method: method, route: label, status: status),
                                             histogram: requestHistogram(route: label))
        requestHandles.table.withLockedValue { $0[key] = handles }
        handles.counter.increment()
        handles.histogram.record(duration)
        return label
    }

    /// Route is the registered path pattern (`/api/v1/users/:id`), never the raw path with ids or names.
    public func recordRequest(method: String, route: String, status: UInt, duration: Duration) {
        requestCounter(method: method, route: route, status: status).increment()
        requestHistogram(route: route).record(duration)
    }

    private func requestCounter(method: String, route: String, status: UInt) -> Prometheus.Counter {
        let labels = [("method", method), ("route", route), ("status", "\(status / 100)xx")]
        return registry.makeCounter(descriptor: .init(namespace: "kefu", metricName: "http_requests", unitName: "total",
                                                      helpText: "HTTP requests served"), labels: labels)
    }

    private func requestHistogram(route: String) -> DurationHistogram {
        registry.makeDurationHistogram(descriptor: .init(namespace: "kefu", metricName: "http_request_duration",
                                                         unitName: "seconds", helpText: "HTTP request latency"),
                                       labels: [("route", route)], buckets: Self.latencyBuckets)
    }

    public func recordScan(breached: Int, warned: Int, duration: Duration) {
        registry.makeCounter(descriptor: .init(namespace: "kefu", metricName: "deadline_scans", unitName: "total",
                                               helpText: "Deadline scanner runs"), labels: []).increment()
        registry.makeCounter(descriptor: .init(namespace: "kefu", metricName: "deadline_breaches", unitName: "total",
                                               helpText: "Clocks marked breached"), labels: []).increment(by: Int64(breached))
        registry.makeCounter(descriptor: .init(namespace: "kefu", metricName: "deadline_warnings", unitName: "total",
                                               helpText: "Pre-breach warnings raised"), labels: []).increment(by: Int64(warned))
        registry.makeDurationHistogram(descriptor: .init(namespace: "kefu", metricName: "deadline_scan_duration",
                                                         unitName: "seconds", helpText: "Deadline scan latency"),
                                       labels: [], buckets: Self.latencyBuckets).record(duration)
    }

    public func text() -> String { registry.emitToString() }
}

/// The request metrics' handles by (method, route, status class), shared by the event loops.
final class RequestHandles: Sendable {  // routes live as long as the application, and so as its metrics
    struct Key: Hashable, Sendable {
        let method: String
        let route: ObjectIdentifier?  // routes live as long as the application, and so as its metrics
        let statusClass: UInt
    }

    struct Handles: Sendable {
        let route: String
        let counter: Prometheus.Counter
        let histogram: DurationHistogram
    }

    let table = LockedValue<[Key: Handles]>([:])
}
