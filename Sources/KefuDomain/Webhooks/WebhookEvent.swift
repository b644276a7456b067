import Foundation

/// A domain event that may be pushed to an outbound webhook.
///
/// `title` and `detail` are already-localized human text and are treated as
/// untrusted (they may contain Chinese, quotes, newlines, markup, `<script>`).
public struct WebhookEvent: Sendable, Codable, Hashable {
    /// Event kind, e.g. `case.assigned`, `deadline.warning`, `deadline.breach`, `visitor.arrived`.
    public var kind: String
    public var occurredAt: Date
    public var subjectType: String
    public var subjectID: UUID
    public var title: String
    public var detail: String?
    /// Absolute URL to the subject in the Kefu UI, or nil.
    public var link: String?

    public init(
        kind: String,
        occurredAt: Date,
        subjectType: String,
        subjectID: UUID,
        title: String,
        detail: String? = nil,
        link: String? = nil
    ) {
        self.kind = kind
        self.occurredAt = occurredAt
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.title = title
        self.detail = detail
        self.link = link
    }
}
