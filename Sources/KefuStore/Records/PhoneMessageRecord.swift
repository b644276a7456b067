import FluentKit
import Foundation

/// A phone message taken at the front desk for a member of staff (留言信息, FDP-05).
public final class PhoneMessageRecord: Model, @unchecked Sendable {
    public static let schema = "phone_messages"

    @ID(key: .id) public var id: UUID?
    @Field(key: "caller_name") public var callerName: String
    @OptionalField(key: "organization") public var organization: String?
    @Field(key: "contact") public var contact: String
    @Field(key: "content") public var content: String
    @Field(key: "for_user_id") public var forUserID: UUID
    @Field(key: "for_name") public var forName: String
    @OptionalField(key: "for_department_id") public var forDepartmentID: UUID?
    /// FDP-06: important or urgent — passed on at once and escalated when unread.
    @Field(key: "urgent") public var urgent: Bool
    @Field(key: "taken_by") public var takenBy: UUID
    @Field(key: "taken_by_name") public var takenByName: String
    @Field(key: "taken_at") public var takenAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?
    @OptionalField(key: "escalated_at") public var escalatedAt: Date?

    public init() {}
}
