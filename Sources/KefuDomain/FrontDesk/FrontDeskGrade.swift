/// The front desk's monthly result (PRM-19..21): four grades, each with what follows from it.
public enum FrontDeskGrade: String, CaseIterable, Sendable, Codable {
    case excellent, good, pass, fail

    /// PRM-21: 優秀 → commendation and reward; 不合格 → an admonishment talk (誡勉談話), a penalty as
    /// appropriate (recorded separately in the fines ledger by whoever decides it).
    public var consequence: Consequence? {
        switch self {
        case .excellent: .commendation
        case .fail: .admonishmentTalk
        case .good, .pass: nil
        }
    }

    public enum Consequence: String, Sendable { case commendation, admonishmentTalk = "admonishment_talk" }
}

/// PRM-20: the scores of the two judged dimensions (attitude; service quality from surveys and internal
/// complaints, SAT-09), 1 (poor) … 5 (excellent). Work results are the counted workload (RPT-15).
public enum AssessmentScore {
    public static let range = 1...5
}
