import Foundation

/// The regular safety inspection's checklist (SEC-06) with the standing policies it checks on the spot
/// (SEC-04/07/08/09/12/20/21), so a breach is recorded as a finding against its rule.
public enum InspectionItem: String, CaseIterable, Sendable, Codable {
    case power                      // SEC-06 电源
    case sockets                    // SEC-06 插座
    case fireHazards = "fire_hazards"           // SEC-06 / SEC-04 防火
    case documentControl = "document_control"   // SEC-06 文件控制执行
    case fireEquipment = "fire_equipment"       // SEC-06 消防器材专人保管
    case noSmoking = "no_smoking"               // SEC-21
    case noHeaters = "no_heaters"               // SEC-07 自购电热器具
    case entranceClear = "entrance_clear"       // SEC-20
    case lockersNoValuables = "lockers_no_valuables"  // SEC-08 (reminder: owner's risk)
    case computersMaintained = "computers_maintained" // SEC-12
    case noGaming = "no_gaming"                 // SEC-09
    case fivePreventions = "five_preventions"   // SEC-04 防火、防毒、防泄密、防盗、防事故

    public var ruleID: String {
        switch self {
        case .power, .sockets, .documentControl, .fireEquipment: "SEC-06"
        case .fireHazards, .fivePreventions: "SEC-04"
        case .noSmoking: "SEC-21"
        case .noHeaters: "SEC-07"
        case .entranceClear: "SEC-20"
        case .lockersNoValuables: "SEC-08"
        case .computersMaintained: "SEC-12"
        case .noGaming: "SEC-09"
        }
    }
}

public enum InspectionResult: String, CaseIterable, Sendable, Codable { case pass, finding }

/// SEC-11: what the last person to leave switches off or closes, ticked once a day.
public enum ClosingItem: String, CaseIterable, Sendable, Codable {
    case computers, copiers, lights, doors, windows, power
}

/// Open-flame work (SEC-05) and the private use of company resources (SEC-09/10).
public enum SafetyRequestKind: String, CaseIterable, Sendable, Codable {
    case openFlame = "open_flame"
    case privateUse = "private_use"

    /// The rulebook key that names the approver: a refusal names it.
    public var ruleKey: String { self == .openFlame ? "safety.open_flame_approver" : "safety.private_use_approver" }
}

/// pending → approved (→ started → finished) | rejected | withdrawn.
public enum SafetyRequestState: String, CaseIterable, Sendable, Codable {
    case pending, approved, rejected, withdrawn, started, finished
}
