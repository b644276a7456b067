import Foundation

/// Routing of cases to agents (CHN-17, CHN-18): which queue a case waits in, and which agents suit it.
///
/// CHN-18 segments agents into technical-leaning (技术倾向型), theory-leaning (理论倾向型) and all-round
/// (全能型) types "and routes customers according to their situation". NOTE: the source does not map
/// case types to agent types; the default here is that faults and service requests want a technical
/// agent, advice, queries and disputes a theory-leaning one, and an all-round agent suits any case.
public enum CaseRouting {
    /// The agent type a case of `type` wants first.
    public static func preferredSkill(for type: CaseType) -> Skill {
        switch type {
        case .faultReport, .serviceRequest: .technical
        case .consultation, .query, .tariffDispute, .suggestion, .redemption, .complaint: .theory
        case .proactive, .other: .allRound
        }
    }

    /// How well an agent of `skill` fits a case of `type`: 2 the preferred type, 1 an all-round agent,
    /// 0 otherwise (or unknown).
    public static func fit(_ skill: Skill?, for type: CaseType) -> Int {
        guard let skill else { return 0 }
        if skill == preferredSkill(for: type) { return 2 }
        return skill == .allRound ? 1 : 0
    }

    public struct Candidate: Sendable, Equatable {
        public let userID: UUID
        public let skill: Skill?
        public let openCases: Int

        public init(userID: UUID, skill: Skill?, openCases: Int) {
            self.userID = userID; self.skill = skill; self.openCases = openCases
        }
    }

    /// Candidates best first: the better fit, then the lighter load (fewer open cases), then a stable order.
    public static func rank(_ candidates: [Candidate], for type: CaseType) -> [Candidate] {
        candidates.sorted { a, b in
            let (fa, fb) = (fit(a.skill, for: type), fit(b.skill, for: type))
            if fa != fb { return fa > fb }
            if a.openCases != b.openCases { return a.openCases < b.openCases }
            return a.userID.uuidString < b.userID.uuidString
        }
    }

    /// CHN-17: the case types of a queue.
    public static func types(in queue: CaseQueue) -> [CaseType] { CaseType.allCases.filter { $0.queue == queue } }
}
