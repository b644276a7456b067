import FluentKit
import Foundation

/// An internal notice passed on to a list of people (FDN-01..06): what, from whom, how it travels, and
/// whether recipients must confirm by a deadline. Counts are kept on the row so lists need no joins.
public final class NoticeRecord: Model, @unchecked Sendable {
    public static let schema = "notices"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    /// The department that issued it (FDN-04: questions go back there); free text as printed on the notice.
    @OptionalField(key: "source") public var source: String?
    /// `in_app`, `group` or `printed` (FDN-03).
    @Field(key: "channel") public var channel: String
    /// KB-13: shown to agents at the start of their shift until they confirm.
    @Field(key: "shift_start") public var shiftStart: Bool
    @Field(key: "requires_confirmation") public var requiresConfirmation: Bool
    @OptionalField(key: "confirm_by") public var confirmBy: Date?
    @Field(key: "issuer_id") public var issuerID: UUID
    @Field(key: "issuer_name") public var issuerName: String
    @Field(key: "published_at") public var publishedAt: Date
    @Field(key: "recipient_count") public var recipientCount: Int
    @Field(key: "confirmed_count") public var confirmedCount: Int
    @OptionalField(key: "reminded_at") public var remindedAt: Date?
    /// FDN-05: when the confirmation report went to the issuer (after the deadline).
    @OptionalField(key: "reported_at") public var reportedAt: Date?
    @OptionalField(key: "archived_at") public var archivedAt: Date?

    public init() {}
}

/// One person a notice went to: when it was handed over in person (printed notices) and when they confirmed.
public final class NoticeRecipientRecord: Model, @unchecked Sendable {
    public static let schema = "notice_recipients"

    @ID(key: .id) public var id: UUID?
    @Field(key: "notice_id") public var noticeID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    /// Copied from the notice so "my notices" is one indexed range.
    @Field(key: "published_at") public var publishedAt: Date
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?
    @OptionalField(key: "delivered_by") public var deliveredBy: String?
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?

    public init() {}
}

/// An employee's access card (门禁卡, FDA-01/02): issued by the front desk, recovered when the person leaves
/// or the card is replaced; a lost card is marked so the desk refuses it at the door.
public final class AccessCardRecord: Model, @unchecked Sendable {
    public static let schema = "access_cards"

    @ID(key: .id) public var id: UUID?
    @Field(key: "card_no") public var cardNo: String
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    /// `issued`, `returned` or `lost`.
    @Field(key: "state") public var state: String
    @Field(key: "issued_at") public var issuedAt: Date
    @Field(key: "issued_by") public var issuedBy: String
    @OptionalField(key: "ended_at") public var endedAt: Date?
    @OptionalField(key: "ended_by") public var endedBy: String?
    @Field(key: "version") public var version: Int

    public init() {}
}

/// A check or fault of the access equipment (FDA-07), reported to the administrative department.
public final class AccessEquipmentReportRecord: Model, @unchecked Sendable {
    public static let schema = "access_equipment_reports"

    @ID(key: .id) public var id: UUID?
    /// `check_ok`, `card_failure`, `system_failure` or `other`.
    @Field(key: "kind") public var kind: String
    @Field(key: "note") public var note: String
    @Field(key: "reported_by") public var reportedBy: UUID
    @Field(key: "reported_by_name") public var reportedByName: String
    @Field(key: "reported_at") public var reportedAt: Date
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    @OptionalField(key: "resolution") public var resolution: String?

    public init() {}
}

/// A front-desk person's monthly assessment (PRM-19..21): the month's counted workload (RPT-15) kept as it
/// was when assessed, the attitude and service-quality scores (PRM-20, SAT-09), the grade and who gave it.
public final class FrontDeskAssessmentRecord: Model, @unchecked Sendable {
    public static let schema = "front_desk_assessments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "user_name") public var userName: String
    /// "2026-11".
    @Field(key: "month") public var month: String
    @Field(key: "visitors") public var visitors: Int
    @Field(key: "messages") public var messages: Int
    @Field(key: "parcels") public var parcels: Int
    @Field(key: "supplies") public var supplies: Int
    @Field(key: "attitude") public var attitude: Int
    @Field(key: "quality") public var quality: Int
    @Field(key: "grade") public var grade: String
    @Field(key: "comment") public var comment: String
    @Field(key: "assessor_id") public var assessorID: UUID
    @Field(key: "assessor_name") public var assessorName: String
    @Field(key: "assessed_at") public var assessedAt: Date

    public init() {}
}
