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

    public init() {}

    /// Route is the registered path pattern (`/api/v1/users/:id`), never the raw path with ids or names.
    public func recordRequest(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", "\(status / 100)xx")]
        registry.makeCounter(descriptor: .init(namespace: "kefu", metricName: "http_requests", unitName: "total",
                                               helpText: "HTTP requests served"), labels: labels).increment()
        registry.makeDurationHistogram(descriptor: .init(namespace: "kefu", metricName: "http_request_duration",
                                                         unitName: "seconds", helpText: "HTTP request latency"),
                                       labels: [("route", route)], buckets: Self.latencyBuckets).record(duration)
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
