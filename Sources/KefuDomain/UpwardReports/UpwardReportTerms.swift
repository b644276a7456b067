import Foundation

/// What a report to a superior (请示报告) is about (ESC-01..05, ESC-08..12).
public enum UpwardReportCategory: String, CaseIterable, Codable, Sendable {
    /// ESC-01: political problems and leaks (政治问题和失泄密问题).
    case politicalConfidentiality = "political_confidentiality"
    /// ESC-02: major errors and accidents, serious breaches of communication discipline.
    case majorError = "major_error"
    /// ESC-03: danger to communication equipment or personal safety.
    case safetyDanger = "safety_danger"
    /// ESC-04: a problem beyond one's own remit.
    case beyondRemit = "beyond_remit"
    /// ESC-05: a customer who deliberately makes trouble (用户故意刁难).
    case troublesomeCustomer = "troublesome_customer"
    /// ESC-08: cannot handle it, a system-operation problem, abnormal equipment.
    case cannotHandle = "cannot_handle"
    /// ESC-09..12: difficult problems, important events, emergencies, important complaints.
    case difficultOrEmergency = "difficult_or_emergency"

    /// The rule that makes this category reportable, shown next to it and written into the audit.
    public var ruleID: String {
        switch self {
        case .politicalConfidentiality: "ESC-01"
        case .majorError: "ESC-02"
        case .safetyDanger: "ESC-03"
        case .beyondRemit: "ESC-04"
        case .troublesomeCustomer: "ESC-05"
        case .cannotHandle: "ESC-08"
        case .difficultOrEmergency: "ESC-09"
        }
    }
}

/// Where a report stands (ESC-07 workflow: 请示 → 指示 → 记载 → 执行 → 有不同意见先执行后反映).
public enum UpwardReportStatus: String, CaseIterable, Codable, Sendable {
    /// Filed; the addressed superior has to record an instruction.
    case awaitingInstruction = "awaiting_instruction"
    /// Instructed; the reporter acknowledges or objects.
    case instructed
    /// The reporter acknowledged; they record the execution.
    case acknowledged
    /// The reporter objected; the superior revises the instruction or insists.
    case objected
    /// The superior insisted: execute first, then object through channels (先执行后反映).
    case insisted
    /// Executed as instructed (closed).
    case executed
    /// Executed after insistence, and the objection went one level above the superior (closed).
    case forwarded

    public var isOpen: Bool { self != .executed && self != .forwarded }
    public static var open: [UpwardReportStatus] { allCases.filter(\.isOpen) }
    /// The statuses in which the addressed superior has to act.
    public static var awaitingSuperior: [UpwardReportStatus] { [.awaitingInstruction, .objected] }
}
