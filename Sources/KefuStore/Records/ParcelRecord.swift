import FluentKit
import Foundation

/// One line of the mail and parcel register (郵件和快遞登記本, FDM-04): an incoming item waiting for its
/// recipient's signature (FDM-05) or cleared when overdue (FDM-06), or an outgoing item sent by the desk.
public final class ParcelRecord: Model, @unchecked Sendable {
    public static let schema = "parcels"

    @ID(key: .id) public var id: UUID?
    /// `incoming` or `outgoing`.
    @Field(key: "direction") public var direction: String
    /// Incoming: `waiting`, `collected`, `cleared`; outgoing: `sent`.
    @Field(key: "state") public var state: String
    @OptionalField(key: "tracking_no") public var trackingNo: String?
    @OptionalField(key: "courier") public var courier: String?
    @Field(key: "sender_name") public var senderName: String
    @OptionalField(key: "sender_organization") public var senderOrganization: String?
    @OptionalField(key: "sender_contact") public var senderContact: String?
    /// Outgoing mail: the member of staff who sends it.
    @OptionalField(key: "sender_user_id") public var senderUserID: UUID?
    @OptionalField(key: "recipient_user_id") public var recipientUserID: UUID?
    @Field(key: "recipient_name") public var recipientName: String
    @OptionalField(key: "recipient_department_id") public var recipientDepartmentID: UUID?
    @OptionalField(key: "recipient_department") public var recipientDepartment: String?
    @OptionalField(key: "recipient_contact") public var recipientContact: String?
    @Field(key: "content") public var content: String
    /// FDM-03: marked 重要, its recipient told first and listed first.
    @Field(key: "important") public var important: Bool
    /// FDM-02: the outer packaging was damaged on receipt, with what was seen and whether the courier was contacted.
    @Field(key: "damaged") public var damaged: Bool
    @OptionalField(key: "damage_note") public var damageNote: String?
    @Field(key: "courier_contacted") public var courierContacted: Bool
    /// FDM-05: the colleague the recipient named to collect for them.
    @OptionalField(key: "delegate_user_id") public var delegateUserID: UUID?
    @OptionalField(key: "delegate_name") public var delegateName: String?
    @Field(key: "registered_by") public var registeredBy: UUID
    @Field(key: "registered_by_name") public var registeredByName: String
    @Field(key: "registered_at") public var registeredAt: Date
    @OptionalField(key: "collected_by") public var collectedBy: UUID?
    @OptionalField(key: "collected_by_name") public var collectedByName: String?
    @OptionalField(key: "collected_at") public var collectedAt: Date?
    /// The on-screen signature (a PNG data URL), when one was drawn.
    @OptionalField(key: "signature") public var signature: String?
    @OptionalField(key: "handed_over_by_name") public var handedOverByName: String?
    @OptionalField(key: "cleared_at") public var clearedAt: Date?
    @OptionalField(key: "clearance_note") public var clearanceNote: String?
    /// FDM-06: when the recipient and the desk were told the item is overdue (once).
    @OptionalField(key: "overdue_notified_at") public var overdueNotifiedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}
}
