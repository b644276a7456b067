import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/webhooks` (administrators): outbound endpoints in generic JSON, 企业微信 or 钉钉 robot format,
/// the event kinds each wants (`case.assigned`, `case.deadline_breach`, `case.` for every case event, `*`),
/// and the delivery log.
struct WebhooksAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let hooks = routes.grouped("api", "v1", "webhooks")
        hooks.on(.POST, access: .permission(.webhooksManage), summary: "Add an outbound webhook", request: CreateWebhookRequest.self, response: WebhookResponse.self, status: .created, use: create)
        hooks.on(.GET, access: .permission(.webhooksManage), summary: "Outbound webhooks", use: list)
        hooks.on(.GET, ":id", "deliveries", access: .permission(.webhooksManage), summary: "Recent deliveries of a webhook", use: deliveries)
    }

    struct CreateWebhookRequest: Content {
        let name: String
        let url: String
        let format: WebhookFormat
        let secret: String?
        let events: [String]?
    }

    struct WebhookResponse: Content {
        let id: UUID, name: String, url: String, format: String, hasSecret: Bool, events: [String], active: Bool

        enum CodingKeys: String, CodingKey {
            case id, name, url, format, events, active
            case hasSecret = "has_secret"
        }

        init(_ record: WebhookRecord) {
            id = record.id!; name = record.name; url = record.url; format = record.format; hasSecret = record.secret != nil
            events = record.events.split(separator: ",").map(String.init); active = record.active
        }
    }

    struct DeliveryResponse: Content {
        let id: UUID, eventKind: String, state: String, attempts: Int, lastStatus: Int?, createdAt: Date, deliveredAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, state, attempts
            case eventKind = "event_kind", lastStatus = "last_status", createdAt = "created_at", deliveredAt = "delivered_at"
        }

        init(_ record: WebhookDeliveryRecord) {
            id = record.id!; eventKind = record.eventKind; state = record.state; attempts = record.attempts
            lastStatus = record.lastStatus; createdAt = record.createdAt; deliveredAt = record.deliveredAt
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateWebhookRequest.self)
        var fields: [String: String] = [:]
        let name = body.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 64 { fields["name"] = "error.field.name" }
        let url = URL(string: body.url)
        if body.url.count > 1_000 || url?.host == nil || !["http", "https"].contains(url?.scheme ?? "") { fields["url"] = "error.field.url" }
        let events = (body.events ?? ["*"]).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if events.isEmpty || events.count > 20 || events.contains(where: { $0.count > 60 || $0.contains(",") }) { fields["events"] = "error.field.invalid_value" }
        if let secret = body.secret, secret.count > 200 { fields["secret"] = "error.field.too_long" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        let record = WebhookRecord(name: name, url: body.url, format: body.format.rawValue, secret: body.secret?.nilIfBlank,
                                   events: events.joined(separator: ","), createdAt: req.services.now())
        let staff = try req.requireStaff()
        let services = req.services
        try await req.db.transaction { db in
            try await WebhookRepository(db: db).insert(record)
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: staff.id, actorName: staff.username, action: "webhook.created", subjectType: "webhook",
                subjectID: record.id!, summary: "\(record.format) \(record.events)", rulebookVersion: services.rulebook.versionShort))
        }
        return try await WebhookResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<WebhookResponse> {
        ListResponse(items: try await WebhookRepository(db: req.db).all().map(WebhookResponse.init))
    }

    @Sendable func deliveries(req: Request) async throws -> ListResponse<DeliveryResponse> {
        guard let id = req.parameters.get("id", as: UUID.self), try await WebhookRepository(db: req.db).find(id) != nil else {
            throw DomainError.notFound(subject: "webhook")
        }
        return ListResponse(items: try await WebhookRepository(db: req.db).deliveries(webhookID: id, limit: 100).map(DeliveryResponse.init))
    }
}
