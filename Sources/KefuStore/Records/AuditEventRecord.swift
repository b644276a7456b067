import FluentKit
import Foundation

/// Append-only: the store has no update or delete for this table (AuditRepository only inserts and reads).
public final class AuditEventRecord: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "at") public var at: Date
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "action") public var action: String
    @Field(key: "subject_type") public var subjectType: String
    @Field(key: "subject_id") public var subjectID: UUID
    @Field(key: "summary") public var summary: String
    @OptionalField(key: "rule_key") public var ruleKey: String?
    @Field(key: "rulebook_version") public var rulebookVersion: String
    @OptionalField(key: "request_id") public var requestID: String?

    public init() {}
}

public final class NotificationRecord: Model, @unchecked Sendable {
    public static let schema = "notifications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "kind") public var kind: String
    /// Localization key of the title plus its single argument (a subject name or number).
    @Field(key: "title_key") public var titleKey: String
    @Field(key: "title_arg") public var titleArgument: String
    @OptionalField(key: "link") public var link: String?
    @OptionalField(key: "subject_type") public var subjectType: String?
    @OptionalField(key: "subject_id") public var subjectID: UUID?
    /// Makes raising the same notice twice (a re-run scan) a no-op: unique per user.
    @Field(key: "dedupe_key") public var dedupeKey: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?

    public init() {}

    public init(userID: UUID, kind: String, titleKey: String, titleArgument: String, link: String?,
                subjectType: String?, subjectID: UUID?, dedupeKey: String, createdAt: Date) {
        self.id = UUID(); self.userID = userID; self.kind = kind; self.titleKey = titleKey
        self.titleArgument = titleArgument; self.link = link; self.subjectType = subjectType
        self.subjectID = subjectID; self.dedupeKey = dedupeKey; self.createdAt = createdAt
    }
}
