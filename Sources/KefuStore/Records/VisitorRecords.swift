import FluentKit
import Foundation

/// One visit in the register (FDV-03): who, for whom, why, when in and out, and the temporary card.
public final class VisitorRecord: Model, @unchecked Sendable {
    public static let schema = "visitors"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @OptionalField(key: "organization") public var organization: String?
    @Field(key: "phone") public var phone: String
    @Field(key: "purpose") public var purpose: String
    @Field(key: "host_id") public var hostID: UUID
    @Field(key: "host_name") public var hostName: String
    @OptionalField(key: "host_department_id") public var hostDepartmentID: UUID?
    /// `expected` (pre-registered by the host), `in` (in the building), `left`, or `message_left` (FDV-04).
    @Field(key: "state") public var state: String
    @OptionalField(key: "badge_no") public var badgeNo: String?
    /// The card is out (with the visitor, or lost and not found): it cannot be issued again.
    @Field(key: "card_out") public var cardOut: Bool
    @OptionalField(key: "expected_at") public var expectedAt: Date?
    @OptionalField(key: "arrived_at") public var arrivedAt: Date?
    @OptionalField(key: "left_at") public var leftAt: Date?
    @OptionalField(key: "message") public var message: String?
    /// FDA-05: the card was not returned; `compensation` is what the visitor owes.
    @Field(key: "badge_lost") public var badgeLost: Bool
    @OptionalField(key: "compensation") public var compensation: String?
    /// Where the visitor goes: `reception` (no approval), `office` (FDV-08/FDA-06) or `machine_room` (FDV-09).
    @Field(key: "area") public var area: String
    /// The prior approval a restricted area needs, and whether it was granted.
    @OptionalField(key: "area_approval_id") public var areaApprovalID: UUID?
    @OptionalField(key: "area_approved") public var areaApproved: Bool?
    @Field(key: "registered_by") public var registeredBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// A person the front desk must not let in (by phone number), with the reason.
public final class VisitorBlockRecord: Model, @unchecked Sendable {
    public static let schema = "visitor_blocklist"

    @ID(key: .id) public var id: UUID?
    @Field(key: "phone") public var phone: String
    @Field(key: "name") public var name: String
    @Field(key: "reason") public var reason: String
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
