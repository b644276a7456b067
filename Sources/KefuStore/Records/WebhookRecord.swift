import FluentKit
import Foundation

public final class WebhookRecord: Model, @unchecked Sendable {
    public static let schema = "webhooks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "url") public var url: String
    /// generic, wecom (企业微信) or dingtalk (钉钉).
    @Field(key: "format") public var format: String
    /// DingTalk 加签 secret; never shown again after it is set.
    @OptionalField(key: "secret") public var secret: String?
    /// Comma-separated event kinds, or "*" for all.
    @Field(key: "events") public var events: String
    @Field(key: "active") public var active: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(name: String, url: String, format: String, secret: String?, events: String, createdAt: Date) {
        self.id = UUID(); self.name = name; self.url = url; self.format = format; self.secret = secret; self.events = events
        self.active = true; self.createdAt = createdAt
    }

    public func wants(_ kind: String) -> Bool {
        active && (events == "*" || events.split(separator: ",").contains { kind.hasPrefix($0.trimmingCharacters(in: .whitespaces)) })
    }
}

public final class WebhookDeliveryRecord: Model, @unchecked Sendable {
    public static let schema = "webhook_deliveries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "webhook_id") public var webhookID: UUID
    @Field(key: "event_kind") public var eventKind: String
    /// The `WebhookEvent` as JSON; the body is built per format at send time.
    @Field(key: "event") public var event: String
    /// pending, delivered, failed
    @Field(key: "state") public var state: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "last_status") public var lastStatus: Int?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?

    public init() {}

    public init(webhookID: UUID, eventKind: String, event: String, at now: Date) {
        self.id = RowIDs.next(at: now); self.webhookID = webhookID; self.eventKind = eventKind; self.event = event; self.state = "pending"
        self.attempts = 0; self.nextAttemptAt = now; self.createdAt = now
    }
}
