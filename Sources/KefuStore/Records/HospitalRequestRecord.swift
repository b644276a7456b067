import FluentKit
import Foundation

/// A question the desk passes to a department (HOS-09, kind `referral`) or a clinical department's request
/// the desk accepts (HOS-10, kind `clinical`).
public final class HospitalRequestRecord: Model, @unchecked Sendable {
    public static let schema = "hospital_requests"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "state") public var state: String
    @Field(key: "department_id") public var departmentID: UUID
    @Field(key: "department_name") public var departmentName: String
    @Field(key: "content") public var content: String
    @OptionalField(key: "visit_id") public var visitID: UUID?
    @OptionalField(key: "consultation_id") public var consultationID: UUID?
    @Field(key: "requested_by") public var requestedBy: UUID
    @Field(key: "requested_by_name") public var requestedByName: String
    @OptionalField(key: "accepted_by") public var acceptedBy: UUID?
    @OptionalField(key: "accepted_by_name") public var acceptedByName: String?
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}
