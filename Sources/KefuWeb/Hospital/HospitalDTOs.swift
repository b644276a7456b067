import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// JSON of the hospital desk (API.md conventions: snake_case, ids as strings, times in UTC).
enum HospitalPhone {
    /// Phones are masked (`138****5678`) for roles without customer PII access, unless the reader took them.
    static func shown(_ digits: String?, for staff: StaffUser, own: Bool) -> String? {
        guard let digits else { return nil }
        if own || staff.has(.customerPIIRead) { return digits }
        return PhoneNumber(digits)?.masked ?? "****"
    }
}

struct ConsultationRequest: Content {
    let channel: String?, mediaSource: String?, age: Int?, sex: String?, courseOfDisease: String?, history: String?
    let diseaseType: String?, address: String?, phone: String?, visitIntention: String?, concerns: String?
    let healthConsultation: String?, priceComparison: String?, consumptionHabits: String?, economicStatus: String?
    let personType: String?, answer: String?, expertReferral: String?

    enum CodingKeys: String, CodingKey {
        case channel, age, sex, history, address, phone, concerns, answer
        case mediaSource = "media_source", courseOfDisease = "course_of_disease", diseaseType = "disease_type"
        case visitIntention = "visit_intention", healthConsultation = "health_consultation", priceComparison = "price_comparison"
        case consumptionHabits = "consumption_habits", economicStatus = "economic_status", personType = "person_type"
        case expertReferral = "expert_referral"
    }

    var input: Consultations.Input {
        .init(channel: channel, mediaSource: mediaSource, age: age, sex: sex, courseOfDisease: courseOfDisease, history: history,
              diseaseType: diseaseType, address: address, phone: phone, visitIntention: visitIntention, concerns: concerns,
              healthConsultation: healthConsultation, priceComparison: priceComparison, consumptionHabits: consumptionHabits,
              economicStatus: economicStatus, personType: personType, answer: answer, expertReferral: expertReferral)
    }
}

struct ConsultationResponse: Content {
    let id: UUID, channel: String, mediaSource: String, answeredBy: UUID, answeredByName: String
    let age: Int?, sex: String, courseOfDisease: String?, history: String?, diseaseType: String, address: String?, phone: String?
    let visitIntention: String, concerns: String?, healthConsultation: String?, priceComparison: String?, consumptionHabits: String?
    let economicStatus: String?, personType: String?, answer: String?, expertReferral: String?
    let arrived: Bool, arrivedVisitId: UUID?, arrivedAt: Date?, createdAt: Date, version: Int

    enum CodingKeys: String, CodingKey {
        case id, channel, age, sex, history, address, phone, concerns, answer, arrived, version
        case mediaSource = "media_source", answeredBy = "answered_by", answeredByName = "answered_by_name"
        case courseOfDisease = "course_of_disease", diseaseType = "disease_type", visitIntention = "visit_intention"
        case healthConsultation = "health_consultation", priceComparison = "price_comparison", consumptionHabits = "consumption_habits"
        case economicStatus = "economic_status", personType = "person_type", expertReferral = "expert_referral"
        case arrivedVisitId = "arrived_visit_id", arrivedAt = "arrived_at", createdAt = "created_at"
    }

    init(_ r: HospitalConsultationRecord, for staff: StaffUser) {
        let own = r.answeredBy == staff.id
        id = r.id!; channel = r.channel; mediaSource = r.mediaSource; answeredBy = r.answeredBy; answeredByName = r.answeredByName
        age = r.age; sex = r.sex; courseOfDisease = r.courseOfDisease; history = r.history; diseaseType = r.diseaseType
        address = own || staff.has(.customerPIIRead) ? r.address : r.address.map { String($0.prefix(6)) + "****" }
        phone = HospitalPhone.shown(r.phone, for: staff, own: own)
        visitIntention = r.visitIntention; concerns = r.concerns; healthConsultation = r.healthConsultation
        priceComparison = r.priceComparison; consumptionHabits = r.consumptionHabits; economicStatus = r.economicStatus
        personType = r.personType; answer = r.answer; expertReferral = r.expertReferral
        arrived = r.arrivedAt != nil; arrivedVisitId = r.arrivedVisitID; arrivedAt = r.arrivedAt; createdAt = r.createdAt; version = r.version
    }
}

struct HospitalVisitResponse: Content {
    struct Step: Content {
        let at: Date, by: UUID, byName: String
        enum CodingKeys: String, CodingKey { case at, by; case byName = "by_name" }
    }
    let id: UUID, state: String, nextStep: String?, consultationId: UUID?, patientName: String?, phone: String?
    let appointment: Bool, firstVisit: Bool, medicalRecord: Bool, mainComplaint: String?, mediaSource: String?
    let department: String?, expert: String?, paid: Bool, expertsIntroduced: Bool, handedTo: String?, handedToName: String?
    let leftReason: String?, steps: [String: Step], caseId: UUID?, returnVisitsMade: Int, nextReturnVisitAt: Date?
    let createdAt: Date, version: Int

    enum CodingKeys: String, CodingKey {
        case id, state, phone, appointment, paid, expert, department, steps, version
        case nextStep = "next_step", consultationId = "consultation_id", patientName = "patient_name", firstVisit = "first_visit"
        case medicalRecord = "medical_record", mainComplaint = "main_complaint", mediaSource = "media_source"
        case expertsIntroduced = "experts_introduced", handedTo = "handed_to", handedToName = "handed_to_name", leftReason = "left_reason"
        case caseId = "case_id", returnVisitsMade = "return_visits_made", nextReturnVisitAt = "next_return_visit_at", createdAt = "created_at"
    }

    init(_ r: HospitalVisitRecord, flow: HospitalFlow, for staff: StaffUser) {
        id = r.id!; state = r.state
        nextStep = HospitalVisitState(rawValue: r.state).flatMap { flow.next(after: $0) }?.rawValue
        consultationId = r.consultationID; patientName = r.patientName
        phone = HospitalPhone.shown(r.phone, for: staff, own: r.deskBy == staff.id)
        appointment = r.appointment; firstVisit = r.firstVisit; medicalRecord = r.medicalRecord; mainComplaint = r.mainComplaint
        mediaSource = r.mediaSource; department = r.department; expert = r.expert; paid = r.paid; expertsIntroduced = r.expertsIntroduced
        handedTo = r.handedTo; handedToName = r.handedToName; leftReason = r.leftReason
        var steps: [String: Step] = ["gate": Step(at: r.gateAt, by: r.gateBy, byName: r.gateByName)]
        if let at = r.deskAt, let by = r.deskBy { steps["desk"] = Step(at: at, by: by, byName: r.deskByName ?? "") }
        if let at = r.registrationAt, let by = r.registrationBy { steps["registration"] = Step(at: at, by: by, byName: r.registrationByName ?? "") }
        if let at = r.roomAt, let by = r.roomBy { steps["consulting_room"] = Step(at: at, by: by, byName: r.roomByName ?? "") }
        if let at = r.leftAt, let by = r.leftBy { steps["left"] = Step(at: at, by: by, byName: r.leftByName ?? "") }
        self.steps = steps
        caseId = r.caseID; returnVisitsMade = r.returnVisitsMade; nextReturnVisitAt = r.nextReturnVisitAt
        createdAt = r.createdAt; version = r.version
    }
}

struct HospitalRequestResponse: Content {
    let id: UUID, kind: String, state: String, departmentId: UUID, departmentName: String, content: String
    let visitId: UUID?, consultationId: UUID?, requestedBy: UUID, requestedByName: String
    let acceptedByName: String?, acceptedAt: Date?, createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, state, content
        case departmentId = "department_id", departmentName = "department_name", visitId = "visit_id", consultationId = "consultation_id"
        case requestedBy = "requested_by", requestedByName = "requested_by_name", acceptedByName = "accepted_by_name"
        case acceptedAt = "accepted_at", createdAt = "created_at"
    }

    init(_ r: HospitalRequestRecord) {
        id = r.id!; kind = r.kind; state = r.state; departmentId = r.departmentID; departmentName = r.departmentName; content = r.content
        visitId = r.visitID; consultationId = r.consultationID; requestedBy = r.requestedBy; requestedByName = r.requestedByName
        acceptedByName = r.acceptedByName; acceptedAt = r.acceptedAt; createdAt = r.createdAt
    }
}
