import FluentKit
import Foundation
import KefuDomain

/// One entry of a user's in-app inbox. One row per user and dedupe key: a repeated notice either leaves it
/// alone or refreshes it (`NotificationFolding`), it never adds a row.
public final class NotificationRecord: Model, @unchecked Sendable {
    public static let schema = "notifications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "kind") public var kind: String
    /// `needs_me` or `fyi`, from the kind (`NotificationKinds`), kept in the row so the inbox reads one section
    /// through its index.
    @Field(key: "section") public var section: String
    /// Localization key of the title plus its single argument (a subject name or number).
    @Field(key: "title_key") public var titleKey: String
    @Field(key: "title_arg") public var titleArgument: String
    /// A word the reader's language supplies after the argument (`deadline.kind.resolve` → 解决时限), so that no
    /// machine word is stored in the title.
    @OptionalField(key: "title_word_key") public var titleWordKey: String?
    /// The digest's counts per kind (`approval.finished=3;…`), put into words when the page is drawn.
    @OptionalField(key: "summary") public var summary: String?
    @OptionalField(key: "link") public var link: String?
    @OptionalField(key: "subject_type") public var subjectType: String?
    @OptionalField(key: "subject_id") public var subjectID: UUID?
    /// Makes raising the same notice twice (a re-run scan) a no-op or a refresh: unique per user.
    @Field(key: "dedupe_key") public var dedupeKey: String
    /// When it was raised, or last refreshed by a repeat.
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?
    /// Events folded into this row since the user last read it.
    @Field(key: "repeat_count") public var repeatCount: Int

    public init() {}

    public init(userID: UUID, kind: String, titleKey: String, titleArgument: String, titleWordKey: String? = nil, link: String?,
                subjectType: String?, subjectID: UUID?, dedupeKey: String, createdAt: Date, summary: String? = nil) {
        self.id = RowIDs.next(at: createdAt); self.userID = userID; self.kind = kind; self.titleKey = titleKey
        self.titleArgument = titleArgument; self.titleWordKey = titleWordKey; self.link = link; self.subjectType = subjectType
        self.subjectID = subjectID; self.dedupeKey = dedupeKey; self.createdAt = createdAt; self.summary = summary
        self.section = NotificationKinds.section(of: kind).rawValue
        self.repeatCount = 1
    }

    /// The parts a repeat may change, for `NotificationFolding`.
    public var inboxNotice: InboxNotice {
        InboxNotice(kind: kind, titleKey: titleKey, titleArgument: titleArgument, titleWordKey: titleWordKey, link: link,
                    at: createdAt, readAt: readAt, repeatCount: repeatCount)
    }

    /// Takes a folded notice's parts (and the section of its kind).
    public func apply(_ notice: InboxNotice) {
        kind = notice.kind; section = notice.section.rawValue; titleKey = notice.titleKey; titleArgument = notice.titleArgument
        titleWordKey = notice.titleWordKey; link = notice.link; createdAt = notice.at; readAt = notice.readAt
        repeatCount = notice.repeatCount
    }
}
