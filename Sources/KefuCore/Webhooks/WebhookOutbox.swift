import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Puts an event in the outbox of every active webhook that wants its kind, in the caller's
/// transaction; `DeliverWebhooks` sends it later. Titles are in the organization's default language.
package struct WebhookOutbox {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package func enqueue(kind: String, titleKey: String, titleArgument: String, link: String?, subjectType: String?, subjectID: UUID?) async throws {
        try await enqueue(kind: kind, title: services.localization.text(titleKey, .zhHans, [titleArgument]), detail: nil, link: link,
                          subjectType: subjectType, subjectID: subjectID)
    }

    /// An event whose title (and detail) the caller has already put into words.
    package func enqueue(kind: String, title: String, detail: String?, link: String?, subjectType: String?, subjectID: UUID?) async throws {
        let hooks = try await WebhookRepository(db: db).active().filter { $0.wants(kind) }
        guard !hooks.isEmpty else { return }
        let absolute = link.flatMap { path in services.settings.publicURL.map { $0 + path } }
        let event = WebhookEvent(kind: kind, occurredAt: services.now(), subjectType: subjectType ?? "none", subjectID: subjectID ?? UUID(),
                                 title: title, detail: detail, link: absolute)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let text = String(decoding: try encoder.encode(event), as: UTF8.self)
        for hook in hooks {
            try await WebhookRepository(db: db).enqueue(WebhookDeliveryRecord(webhookID: hook.id!, eventKind: kind, event: text, at: services.now()))
        }
    }
}
