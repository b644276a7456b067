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
