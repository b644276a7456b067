import FluentKit
import Foundation

/// A case (工单) row. `type`, `channel`, `status` and `priority` hold the API's words; the domain's
/// `ServiceCase` (see `CaseRecord+Domain.swift`) decides the transitions.
public final class CaseRecord: Model, @unchecked Sendable {
    public static let schema = "cases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "type") public var type: String
    @Field(key: "channel") public var channel: String
    @Field(key: "status") public var status: String
    @Field(key: "priority") public var priority: String
    @Field(key: "subject") public var subject: String
    @Field(key: "description") public var description: String
    @Field(key: "customer_id") public var customerID: UUID
    @OptionalField(key: "call_at") public var callAt: Date?
    @OptionalField(key: "caller_region") public var callerRegion: String?
    @OptionalField(key: "contact") public var contact: String?
    @OptionalField(key: "related_department_id") public var relatedDepartmentID: UUID?
    @OptionalField(key: "feedback_result") public var feedbackResult: String?
    /// CHN-12: 首问负责人, set once.
    @Field(key: "owner_id") public var ownerID: UUID
    @OptionalField(key: "assignee_id") public var assigneeID: UUID?
    @OptionalField(key: "team_id") public var teamID: UUID?
    @OptionalField(key: "department_id") public var departmentID: UUID?
    /// ESC-06: how many levels of the escalation chain the case has gone up.
    @Field(key: "escalation_level") public var escalationLevel: Int
    @OptionalField(key: "appointment_at") public var appointmentAt: Date?
    @OptionalField(key: "resolution") public var resolution: String?
    @Field(key: "created_at") public var createdAt: Date
    /// The last time anyone worked on the case (CHN-14 backlog).
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "first_responded_at") public var firstRespondedAt: Date?
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// Set when one of the case's clocks breached (maintained, so "breached first" needs no join).
    @OptionalField(key: "breached_at") public var breachedAt: Date?
    /// SQLite only: the row of the case in the FTS5 index.
    @OptionalField(key: "search_rowid") public var searchRowID: Int64?
    @Field(key: "version") public var version: Int

    public init() {}
}

public final class CaseNoteRecord: Model, @unchecked Sendable {
    public static let schema = "case_notes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "author_name") public var authorName: String
    @Field(key: "body") public var body: String
    /// Internal notes are for staff; the others were said to (or by) the customer.
    @Field(key: "internal") public var isInternal: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(caseID: UUID, authorID: UUID, authorName: String, body: String, isInternal: Bool, createdAt: Date) {
        self.id = RowIDs.next(at: createdAt); self.caseID = caseID; self.authorID = authorID; self.authorName = authorName; self.body = body
        self.isInternal = isInternal; self.createdAt = createdAt
    }
}

public final class CaseLinkRecord: Model, @unchecked Sendable {
    public static let schema = "case_links"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "other_case_id") public var otherCaseID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(caseID: UUID, otherCaseID: UUID, kind: String, createdBy: UUID, createdAt: Date) {
        self.id = RowIDs.next(at: createdAt); self.caseID = caseID; self.otherCaseID = otherCaseID; self.kind = kind; self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

public final class CaseAttachmentRecord: Model, @unchecked Sendable {
    public static let schema = "case_attachments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "filename") public var filename: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(caseID: UUID, filename: String, contentType: String, size: Int, sha256: String, createdBy: UUID, createdAt: Date) {
        self.id = RowIDs.next(at: createdAt); self.caseID = caseID; self.filename = filename; self.contentType = contentType; self.size = size
        self.sha256 = sha256; self.createdBy = createdBy; self.createdAt = createdAt
    }
}

public final class CaseAttachmentContentRecord: Model, @unchecked Sendable {
    public static let schema = "case_attachment_contents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "data") public var data: Data

    public init() {}

    public init(id: UUID, data: Data) { self.id = id; self.data = data }
}
