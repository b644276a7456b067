import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Logging
import Vapor

/// Sends due outbox entries (with the deadline scan): builds the body for the endpoint's format
/// (generic JSON, 企业微信 or 钉钉 group robot, DingTalk signed when a secret is set), checks the answer
/// (robots answer 200 with an errcode), and retries per `WebhookRetryPolicy` until it gives up.
struct DeliverWebhooks {
    let db: any Database
    let services: AppServices
    let client: any Client
    var policy = WebhookRetryPolicy.default
    let logger = Logger(label: "kefu.webhooks")

    struct Report: Sendable, Equatable { var delivered = 0, retrying = 0, failed = 0 }

    func run(now: Date) async throws -> Report {
        var report = Report()
        let repository = WebhookRepository(db: db)
        let due = try await repository.due(at: now, limit: 100)
        guard !due.isEmpty else { return report }
        let hooks = Dictionary(try await repository.all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        // A run sends for at most 20 s (each request times out after 5 s) so that deliveries never hold up
        // the deadline scan they share a lease with; what is left goes in the next run.
        let started = ContinuousClock.now
        for delivery in due where ContinuousClock.now - started < .seconds(20) {
            guard let hook = hooks[delivery.webhookID], let format = WebhookFormat(rawValue: hook.format),
                  let event = try? decoder.decode(WebhookEvent.self, from: Data(delivery.event.utf8)) else {
                delivery.state = "failed"
                try await delivery.save(on: db)
                report.failed += 1
                continue
            }
            let (status, body) = await send(event, to: hook, format: format, now: now)
            delivery.attempts += 1
            delivery.lastStatus = status
            if let status, WebhookResponseCheck.succeeded(format: format, statusCode: status, body: body) {
                delivery.state = "delivered"
                delivery.deliveredAt = now
                report.delivered += 1
            } else if policy.isRetryable(statusCode: status) || (status.map { (200..<300).contains($0) } ?? false),
                      let next = policy.nextAttempt(after: delivery.attempts, at: now) {
                // A robot's 200 with a non-zero errcode (rate limit, …) is retried like a 5xx.
                delivery.nextAttemptAt = next
                report.retrying += 1
            } else {
                delivery.state = "failed"
                report.failed += 1
                logger.warning("webhook delivery failed", metadata: ["webhook": "\(hook.name)", "status": "\(status.map(String.init) ?? "network")"])
            }
            try await delivery.save(on: db)
        }
        return report
    }

    private func send(_ event: WebhookEvent, to hook: WebhookRecord, format: WebhookFormat, now: Date) async -> (Int?, Data) {
        var url = hook.url
        if format == .dingtalk, let secret = hook.secret, let base = URL(string: hook.url) {
            url = DingTalkSignature.signedURL(base: base, secret: secret, timestampMillis: Int64(now.timeIntervalSince1970 * 1000)).absoluteString
        }
        do {
            let response = try await client.post(URI(string: url)) { request in
                request.headers.contentType = .json
                request.body = ByteBuffer(bytes: Array(WebhookPayload.body(for: event, format: format)))
                request.timeout = .seconds(5)
            }
            return (Int(response.status.code), response.body.map { Data($0.readableBytesView) } ?? Data())
        } catch {
            return (nil, Data())
        }
    }
}
