import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// A receiver on loopback that records what it is sent and answers as told.
final class LoopbackReceiver: Sendable {
    let app: Application
    let received = NIOLockedValueBox<[(path: String, query: String?, body: String)]>([])
    let answers = NIOLockedValueBox<[HTTPStatus]>([])

    init() async throws {
        app = try await Application.make(.testing)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        app.post("**") { [received, answers] req -> Response in
            received.withLockedValue { $0.append((req.url.path, req.url.query, req.body.string ?? "")) }
            let status = answers.withLockedValue { $0.isEmpty ? .ok : $0.removeFirst() }
            return Response(status: status, body: .init(string: req.url.path.contains("robot") ? #"{"errcode":0,"errmsg":"ok"}"# : "ok"))
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    }

    var port: Int { app.http.server.shared.localAddress?.port ?? 0 }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

@Suite("Outbound webhooks: generic, 企业微信, 钉钉 — delivered to a receiver on loopback, with retries")
struct WebhookDeliveryTests {
    @Test("An assignment notice reaches each configured endpoint in its format; a 503 is retried later and then delivered")
    func deliverAndRetry() async throws {
        let receiver = try await LoopbackReceiver()
        do {
            try await withTestApp { app in
                let clock = TestClock(.t0)
                app.services.now = { clock.now }
                let admin = try await app.staff("root", roles: [.admin])
                let lina = try await app.staff("lina", roles: [.agent])
                let base = "http://127.0.0.1:\(receiver.port)"
                for (name, path, format) in [("通用", "/generic", "generic"), ("企业微信群", "/robot/wecom", "wecom"), ("钉钉群", "/robot/ding?access_token=t", "dingtalk")] {
                    var body: [String: Any] = ["name": name, "url": base + path, "format": format, "events": ["case.assigned"]]
                    if format == "dingtalk" { body["secret"] = "SECabc" }
                    let created = try await app.send(.POST, "api/v1/webhooks", as: admin, json: body)
                    #expect(created.status == .created, "\(created.body.string)")
                    #expect(!created.body.string.contains("SECabc"))
                }
                #expect(try await app.send(.POST, "api/v1/webhooks", as: lina, json: ["name": "x", "url": base, "format": "generic"]).status == .forbidden)
                #expect(try await app.send(.POST, "api/v1/webhooks", as: admin, json: ["name": "x", "url": "ftp://x", "format": "generic"]).status == .badRequest)
                receiver.answers.withLockedValue { $0 = [.serviceUnavailable] }
                let id = try await app.openCase(as: lina, subject: "<b>宽带</b>")["id"] as! String
                let wang = try await app.staff("wang", roles: [.agent])
                let director = try await app.staff("boss", roles: [.csDirector])
                _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: director, json: ["assignee_id": wang.id.uuidString])
                let first = try await DeliverWebhooks(db: app.db, services: app.services, client: app.client).run(now: clock.now)
                #expect(first.delivered == 2 && first.retrying == 1)
                clock.now = Date.t0.addingTimeInterval(29)
                #expect(try await DeliverWebhooks(db: app.db, services: app.services, client: app.client).run(now: clock.now) == .init())
                clock.now = Date.t0.addingTimeInterval(31)
                let second = try await DeliverWebhooks(db: app.db, services: app.services, client: app.client).run(now: clock.now)
                #expect(second.delivered == 1)
                let got = receiver.received.withLockedValue { $0 }
                #expect(got.count == 4)
                let generic = try #require(got.last { $0.path == "/generic" })
                #expect(generic.body.contains("\"event\":\"case.assigned\""))
                let wecom = try #require(got.first { $0.path == "/robot/wecom" })
                #expect(wecom.body.contains("\"msgtype\":\"markdown\""))
                let ding = try #require(got.first { $0.path == "/robot/ding" })
                #expect(ding.query?.contains("access_token=t&timestamp=") == true)
                #expect(ding.query?.contains("&sign=") == true)
            }
        } catch {
            try? await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }
}
