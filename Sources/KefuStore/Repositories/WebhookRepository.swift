import FluentKit
import Foundation

public struct WebhookRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ hook: WebhookRecord) async throws { try await hook.create(on: db) }

    /// Active endpoints (an organization has a handful).
    public func active() async throws -> [WebhookRecord] {
        try await WebhookRecord.query(on: db).filter(\.$active == true).limit(50).all()
    }

    public func all() async throws -> [WebhookRecord] { try await WebhookRecord.query(on: db).sort(\.$createdAt).limit(200).all() }

    public func find(_ id: UUID) async throws -> WebhookRecord? { try await WebhookRecord.find(id, on: db) }

    public func enqueue(_ delivery: WebhookDeliveryRecord) async throws { try await delivery.create(on: db) }

    /// Pending deliveries due now, oldest first.
    public func due(at now: Date, limit: Int) async throws -> [WebhookDeliveryRecord] {
        try await WebhookDeliveryRecord.query(on: db).filter(\.$state == "pending").filter(\.$nextAttemptAt <= now)
            .sort(\.$nextAttemptAt).sort(\.$id).limit(limit).all()
    }

    public func deliveries(webhookID: UUID, limit: Int) async throws -> [WebhookDeliveryRecord] {
        try await WebhookDeliveryRecord.query(on: db).filter(\.$webhookID == webhookID).sort(\.$createdAt, .descending).limit(limit).all()
    }
}
