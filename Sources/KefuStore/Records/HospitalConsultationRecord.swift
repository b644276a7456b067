import FluentKit
import Foundation

/// One phone or online consultation in the register (咨詢登記, HOS-01 general and HOS-02 targeted fields,
/// ORG-19); `arrived_*` link it to the patient's visit when the caller comes to the hospital (RPT-08).
public final class HospitalConsultationRecord: Model, @unchecked Sendable {
    public static let schema = "hospital_consultations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "channel") public var channel: String
    @Field(key: "media_source") public var mediaSource: String
    @Field(key: "answered_by") public var answeredBy: UUID
    @Field(key: "answered_by_name") public var answeredByName: String
    @OptionalField(key: "age") public var age: Int?
    @Field(key: "sex") public var sex: String
    @OptionalField(key: "course_of_disease") public var courseOfDisease: String?
    @OptionalField(key: "history") public var history: String?
    @Field(key: "disease_type") public var diseaseType: String
    @OptionalField(key: "address") public var address: String?
    @OptionalField(key: "phone") public var phone: String?
    @Field(key: "visit_intention") public var visitIntention: String
    @OptionalField(key: "concerns") public var concerns: String?
    @OptionalField(key: "health_consultation") public var healthConsultation: String?
    @OptionalField(key: "price_comparison") public var priceComparison: String?
    @OptionalField(key: "consumption_habits") public var consumptionHabits: String?
    @OptionalField(key: "economic_status") public var economicStatus: String?
    @OptionalField(key: "person_type") public var personType: String?
    @OptionalField(key: "answer") public var answer: String?
    @OptionalField(key: "expert_referral") public var expertReferral: String?
    @OptionalField(key: "arrived_visit_id") public var arrivedVisitID: UUID?
    @OptionalField(key: "arrived_at") public var arrivedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int

    public init() {}
}
