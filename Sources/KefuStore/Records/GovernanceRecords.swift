import FluentKit
import Foundation

/// A rulebook version an administrator stored (GOV-02): the organization file as uploaded, in force from
/// `effectiveAt` until a later version takes over. Cancelled before its instant, it never applies.
public final class RulebookVersionRecord: Model, @unchecked Sendable {
    public static let schema = "rulebook_versions"

    @ID(key: .id) public var id: UUID?
    /// The content hash of the effective rules (`Rulebook.version`).
    @Field(key: "version") public var version: String
    @Field(key: "content") public var content: String
    @Field(key: "file_name") public var fileName: String
    @Field(key: "effective_at") public var effectiveAt: Date
    /// GOV-01: the interpreting body named by this version.
    @Field(key: "interpreted_by") public var interpretedBy: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "uploaded_by") public var uploadedBy: UUID
    @Field(key: "uploaded_by_name") public var uploadedByName: String
    @Field(key: "uploaded_at") public var uploadedAt: Date
    @OptionalField(key: "cancelled_at") public var cancelledAt: Date?
    /// GOV-03: the notice announcing the change, when one was sent.
    @OptionalField(key: "notice_id") public var noticeID: UUID?

    public init() {}
}

/// A suggestion or objection on a rule (GOV-04/05), answered by the owner of the rule's section.
public final class RuleFeedbackRecord: Model, @unchecked Sendable {
    public static let schema = "rule_feedback"

    @ID(key: .id) public var id: UUID?
    @Field(key: "rule_key") public var ruleKey: String
    /// `suggestion` or `objection`.
    @Field(key: "kind") public var kind: String
    @Field(key: "body") public var body: String
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "author_name") public var authorName: String
    @Field(key: "owner_role") public var ownerRole: String
    @Field(key: "rulebook_version") public var rulebookVersion: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "answer") public var answer: String?
    @OptionalField(key: "answered_by_name") public var answeredByName: String?
    @OptionalField(key: "answered_at") public var answeredAt: Date?

    public init() {}
}

/// One read of a customer's full record (SEC-01..03): the admin lists who looked at a customer.
public final class CustomerReadRecord: Model, @unchecked Sendable {
    public static let schema = "customer_reads"

    @ID(key: .id) public var id: UUID?
    @Field(key: "customer_id") public var customerID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    /// The route: `api.customer`, `page.customer`, `page.case`, `api.case`, `export.csv` …
    @Field(key: "via") public var via: String
    @Field(key: "at") public var at: Date

    public init() {}
}
