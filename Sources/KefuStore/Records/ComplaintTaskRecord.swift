import FluentKit
import Foundation

/// A department's part of a complaint (CMP-05..09): owner department, deadline of its step (CMP-31), result.
public final class ComplaintTaskRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_tasks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "step") public var step: String
    @Field(key: "owner_department_id") public var ownerDepartmentID: UUID
    /// CMP-08: the other company or supplier handling it jointly.
    @OptionalField(key: "partner") public var partner: String?
    @Field(key: "state") public var state: String
    @OptionalField(key: "result") public var result: String?
    @Field(key: "due_at") public var dueAt: Date
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "done_at") public var doneAt: Date?
    @OptionalField(key: "done_by") public var doneBy: String?
    @Field(key: "version") public var version: Int

    public init() {}

    public static func forCase(_ caseID: UUID, on db: any Database) async throws -> [ComplaintTaskRecord] {
        try await ComplaintTaskRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).sort(\.$id).limit(200).all()
    }

    /// Open tasks of a department, most urgent first (the department's to-do list).
    public static func open(departmentID: UUID, limit: Int, on db: any Database) async throws -> [ComplaintTaskRecord] {
        try await ComplaintTaskRecord.query(on: db).filter(\.$ownerDepartmentID == departmentID).filter(\.$state == "open")
            .sort(\.$dueAt).sort(\.$id).limit(limit).all()
    }
}
