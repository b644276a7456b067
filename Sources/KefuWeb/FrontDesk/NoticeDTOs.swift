import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/notices`: `recipients` names people, teams and departments by id, or `everyone`.
struct NoticeRequest: Content {
    struct Recipients: Content {
        let userIds: [UUID]?, teamIds: [UUID]?, departmentIds: [UUID]?, everyone: Bool?
        enum CodingKeys: String, CodingKey { case everyone, userIds = "user_ids", teamIds = "team_ids", departmentIds = "department_ids" }
    }
    let title: String?, body: String?, source: String?, channel: String?, shiftStart: Bool?, requiresConfirmation: Bool?, confirmBy: Date?
    let recipients: Recipients?
    enum CodingKeys: String, CodingKey {
        case title, body, source, channel, recipients
        case shiftStart = "shift_start", requiresConfirmation = "requires_confirmation", confirmBy = "confirm_by"
    }

    var input: Notices.Input {
        Notices.Input(title: title ?? "", body: body ?? "", source: source, channel: channel ?? NoticeChannel.inApp.rawValue,
                      shiftStart: shiftStart ?? false, requiresConfirmation: requiresConfirmation ?? false, confirmBy: confirmBy,
                      audience: NoticeAudience(userIDs: recipients?.userIds ?? [], teamIDs: recipients?.teamIds ?? [],
                                               departmentIDs: recipients?.departmentIds ?? [], everyone: recipients?.everyone ?? false))
    }
}

struct NoticeResponse: Content {
    let id: UUID, title: String, body: String, source: String?, channel: String, shiftStart: Bool, requiresConfirmation: Bool
    let confirmBy: Date?, issuerId: UUID, issuerName: String, publishedAt: Date, recipientCount: Int, confirmedCount: Int
    let archivedAt: Date?, confirmedAt: Date?, deliveredAt: Date?
    enum CodingKeys: String, CodingKey {
        case id, title, body, source, channel
        case shiftStart = "shift_start", requiresConfirmation = "requires_confirmation", confirmBy = "confirm_by", issuerId = "issuer_id"
        case issuerName = "issuer_name", publishedAt = "published_at", recipientCount = "recipient_count", confirmedCount = "confirmed_count"
        case archivedAt = "archived_at", confirmedAt = "confirmed_at", deliveredAt = "delivered_at"
    }

    /// `mine` is the caller's own recipient row, when they received the notice.
    init(_ n: NoticeRecord, mine: NoticeRecipientRecord?) {
        id = n.id!; title = n.title; body = n.body; source = n.source; channel = n.channel; shiftStart = n.shiftStart
        requiresConfirmation = n.requiresConfirmation; confirmBy = n.confirmBy; issuerId = n.issuerID; issuerName = n.issuerName
        publishedAt = n.publishedAt; recipientCount = n.recipientCount; confirmedCount = n.confirmedCount; archivedAt = n.archivedAt
        confirmedAt = mine?.confirmedAt; deliveredAt = mine?.deliveredAt
    }
}

struct RecipientResponse: Content {
    let userId: UUID, name: String, deliveredAt: Date?, deliveredBy: String?, confirmedAt: Date?
    enum CodingKeys: String, CodingKey {
        case name, userId = "user_id", deliveredAt = "delivered_at", deliveredBy = "delivered_by", confirmedAt = "confirmed_at"
    }
    init(_ r: NoticeRecipientRecord) {
        userId = r.userID; name = r.userName; deliveredAt = r.deliveredAt; deliveredBy = r.deliveredBy; confirmedAt = r.confirmedAt
    }
}
