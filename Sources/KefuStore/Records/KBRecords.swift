import FluentKit
import Foundation

/// A knowledge-base entry (知识库条目, REQUIREMENTS §8): the working copy of its unified wording (统一口径:
/// question and standard answer, KB-04) in its catalog (KB-10/11), the business notice it comes from
/// (业务通知单: issuing department, reference, summary), its editing state (KB-07), the confirmation
/// approval (KB-05), its effective period (KB-08) and the published version in force (`live_*`), which
/// stays live while a change is being edited.
public final class KBEntryRecord: Model, @unchecked Sendable {
    public static let schema = "kb_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "catalog") public var catalog: String
    @Field(key: "title") public var title: String
    @Field(key: "question") public var question: String
    @Field(key: "answer") public var answer: String
    @Field(key: "state") public var state: String
    @OptionalField(key: "issuing_department_id") public var issuingDepartmentID: UUID?
    @OptionalField(key: "notice_ref") public var noticeRef: String?
    @OptionalField(key: "notice_summary") public var noticeSummary: String?
    @OptionalField(key: "effective_from") public var effectiveFrom: Date?
    @OptionalField(key: "effective_to") public var effectiveTo: Date?
    /// KB-07: the director who read the notice, and when.
    @OptionalField(key: "read_by") public var readBy: UUID?
    @OptionalField(key: "read_at") public var readAt: Date?
    /// KB-05: the latest confirmation request to the issuing department and its state.
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @OptionalField(key: "approval_state") public var approvalState: String?
    /// The published version in force (nil: never published, or withdrawn) with its title and period.
    @OptionalField(key: "live_revision") public var liveRevision: Int?
    @OptionalField(key: "live_title") public var liveTitle: String?
    @OptionalField(key: "live_from") public var liveFrom: Date?
    @OptionalField(key: "live_to") public var liveTo: Date?
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?
    /// SQLite: the rowid of this entry's row in the FTS5 table `kb_search`.
    @OptionalField(key: "search_rowid") public var searchRowID: Int64?
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}

/// A published version of an entry (KB-08: when it came into force and when it ended), kept for history.
public final class KBEntryVersionRecord: Model, @unchecked Sendable {
    public static let schema = "kb_entry_versions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "entry_id") public var entryID: UUID
    @Field(key: "revision") public var revision: Int
    @Field(key: "catalog") public var catalog: String
    @Field(key: "title") public var title: String
    @Field(key: "question") public var question: String
    @Field(key: "answer") public var answer: String
    @OptionalField(key: "effective_from") public var effectiveFrom: Date?
    @OptionalField(key: "effective_to") public var effectiveTo: Date?
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @Field(key: "published_by") public var publishedBy: UUID
    @Field(key: "published_at") public var publishedAt: Date
    /// When a later version replaced it or the entry was withdrawn.
    @OptionalField(key: "ended_at") public var endedAt: Date?

    public init() {}
}

/// The original document of an entry (信息原件, KB-09); the bytes live in `kb_document_contents`.
public final class KBDocumentRecord: Model, @unchecked Sendable {
    public static let schema = "kb_documents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "entry_id") public var entryID: UUID
    @Field(key: "filename") public var filename: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

public final class KBDocumentContentRecord: Model, @unchecked Sendable {
    public static let schema = "kb_document_contents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "data") public var data: Data

    public init() {}

    public init(id: UUID, data: Data) { self.id = id; self.data = data }
}

/// A reader's acknowledgement of an entry (KB-12/13): the last published revision they read.
public final class KBReadRecord: Model, @unchecked Sendable {
    public static let schema = "kb_reads"

    @ID(key: .id) public var id: UUID?
    @Field(key: "entry_id") public var entryID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "revision") public var revision: Int
    @Field(key: "read_at") public var readAt: Date

    public init() {}
}

/// An entry an agent answered a case with (KB-06), at the revision then in force.
public final class KBUseRecord: Model, @unchecked Sendable {
    public static let schema = "kb_uses"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "entry_id") public var entryID: UUID
    @Field(key: "revision") public var revision: Int
    @Field(key: "used_by") public var usedBy: UUID
    @Field(key: "used_at") public var usedAt: Date

    public init() {}
}

/// An edit of the phrase library (§27, KB-14): a changed or retired default (`key` = the default's key)
/// or an editor's own phrase (`custom.<uuid>`). The defaults themselves live in code (`PhraseDefaults`).
public final class PhraseRecord: Model, @unchecked Sendable {
    public static let schema = "phrases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "category") public var category: String
    @Field(key: "text") public var text: String
    @Field(key: "position") public var position: Int
    @Field(key: "active") public var active: Bool
    @Field(key: "updated_by") public var updatedBy: UUID
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}
