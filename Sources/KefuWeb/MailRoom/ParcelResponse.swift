import Foundation
import KefuCore
import KefuStore
import Vapor

/// A line of the mail and parcel register as the API shows it.
struct ParcelResponse: Content {
    let id: UUID, direction: String, state: String, trackingNo: String?, courier: String?
    let senderName: String, senderOrganization: String?, senderContact: String?, senderUserId: UUID?
    let recipientUserId: UUID?, recipientName: String, recipientDepartmentId: UUID?, recipientDepartment: String?, recipientContact: String?
    let content: String, important: Bool, damaged: Bool, damageNote: String?, courierContacted: Bool
    let delegateUserId: UUID?, delegateName: String?, registeredBy: String, registeredAt: Date
    let collectedBy: UUID?, collectedByName: String?, collectedAt: Date?, signed: Bool, clearedAt: Date?, clearanceNote: String?
    let overdue: Bool, version: Int

    enum CodingKeys: String, CodingKey {
        case id, direction, state, courier, content, important, damaged, signed, overdue, version
        case trackingNo = "tracking_no", senderName = "sender_name", senderOrganization = "sender_organization", senderContact = "sender_contact"
        case senderUserId = "sender_user_id", recipientUserId = "recipient_user_id", recipientName = "recipient_name"
        case recipientDepartmentId = "recipient_department_id", recipientDepartment = "recipient_department", recipientContact = "recipient_contact"
        case damageNote = "damage_note", courierContacted = "courier_contacted", delegateUserId = "delegate_user_id", delegateName = "delegate_name"
        case registeredBy = "registered_by", registeredAt = "registered_at", collectedBy = "collected_by", collectedByName = "collected_by_name"
        case collectedAt = "collected_at", clearedAt = "cleared_at", clearanceNote = "clearance_note"
    }

    init(_ r: ParcelRecord, overdue: Bool) {
        id = r.id!; direction = r.direction; state = r.state; trackingNo = r.trackingNo; courier = r.courier
        senderName = r.senderName; senderOrganization = r.senderOrganization; senderContact = r.senderContact; senderUserId = r.senderUserID
        recipientUserId = r.recipientUserID; recipientName = r.recipientName; recipientDepartmentId = r.recipientDepartmentID
        recipientDepartment = r.recipientDepartment; recipientContact = r.recipientContact
        content = r.content; important = r.important; damaged = r.damaged; damageNote = r.damageNote; courierContacted = r.courierContacted
        delegateUserId = r.delegateUserID; delegateName = r.delegateName; registeredBy = r.registeredByName; registeredAt = r.registeredAt
        collectedBy = r.collectedBy; collectedByName = r.collectedByName; collectedAt = r.collectedAt; signed = r.signature != nil
        clearedAt = r.clearedAt; clearanceNote = r.clearanceNote; self.overdue = overdue; version = r.version
    }
}
