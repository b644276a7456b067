import FluentKit
import Foundation

/// A patient's visit through the guidance flow (導醫臺登記, HOS-03..08): each step keeps when and by whom.
public final class HospitalVisitRecord: Model, @unchecked Sendable {
    public static let schema = "hospital_visits"

    @ID(key: .id) public var id: UUID?
    @Field(key: "state") public var state: String
    @OptionalField(key: "consultation_id") public var consultationID: UUID?
    @OptionalField(key: "patient_name") public var patientName: String?
    @OptionalField(key: "phone") public var phone: String?
    @Field(key: "appointment") public var appointment: Bool
    @Field(key: "first_visit") public var firstVisit: Bool
    @Field(key: "medical_record") public var medicalRecord: Bool
    @OptionalField(key: "main_complaint") public var mainComplaint: String?
    @OptionalField(key: "media_source") public var mediaSource: String?
    @OptionalField(key: "department") public var department: String?
    @OptionalField(key: "expert") public var expert: String?
    @Field(key: "paid") public var paid: Bool
    @Field(key: "experts_introduced") public var expertsIntroduced: Bool
    @OptionalField(key: "handed_to") public var handedTo: String?
    @OptionalField(key: "handed_to_name") public var handedToName: String?
    @OptionalField(key: "left_reason") public var leftReason: String?
    @Field(key: "gate_at") public var gateAt: Date
    @Field(key: "gate_by") public var gateBy: UUID
    @Field(key: "gate_by_name") public var gateByName: String
    @OptionalField(key: "desk_at") public var deskAt: Date?
    @OptionalField(key: "desk_by") public var deskBy: UUID?
    @OptionalField(key: "desk_by_name") public var deskByName: String?
    @OptionalField(key: "registration_at") public var registrationAt: Date?
    @OptionalField(key: "registration_by") public var registrationBy: UUID?
    @OptionalField(key: "registration_by_name") public var registrationByName: String?
    @OptionalField(key: "room_at") public var roomAt: Date?
    @OptionalField(key: "room_by") public var roomBy: UUID?
    @OptionalField(key: "room_by_name") public var roomByName: String?
    @OptionalField(key: "left_at") public var leftAt: Date?
    @OptionalField(key: "left_by") public var leftBy: UUID?
    @OptionalField(key: "left_by_name") public var leftByName: String?
    /// RTV-14: the case the periodic return visits hang on, how many were opened and when the next is due.
    @OptionalField(key: "case_id") public var caseID: UUID?
    @Field(key: "return_visits_made") public var returnVisitsMade: Int
    @OptionalField(key: "next_return_visit_at") public var nextReturnVisitAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}
