import Foundation

/// One step of the guidance flow (导医流程, HOS-03): the gate guide (HOS-05), the guide desk with the medical
/// record and triage (HOS-06), registration and payment (HOS-07), the consulting room hand-over (HOS-08).
public enum HospitalStep: String, CaseIterable, Sendable, Codable {
    case gate
    case desk
    case registration
    case consultingRoom = "consulting_room"
}

/// Where a patient's visit stands: the last step done, or `left` (the patient went away before the end).
public enum HospitalVisitState: String, CaseIterable, Sendable, Codable {
    case gate, desk, registration
    case consultingRoom = "consulting_room"
    case left

    public init(_ step: HospitalStep) { self = HospitalVisitState(rawValue: step.rawValue)! }

    public var step: HospitalStep? { HospitalStep(rawValue: rawValue) }
}

/// Who receives the patient in the consulting room (HOS-08: 主任 or 醫助).
public enum HospitalHandOver: String, CaseIterable, Sendable, Codable {
    case director
    case assistant
}

/// Consultation fields with a fixed vocabulary (HOS-01/02).
public enum PatientSex: String, CaseIterable, Sendable, Codable { case male, female }

/// 就診意向 (HOS-01/02): how likely the caller is to come.
public enum VisitIntention: String, CaseIterable, Sendable, Codable { case strong, considering, none }
