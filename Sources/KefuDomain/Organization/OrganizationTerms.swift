/// Department kinds fixed by API.md.
public enum DepartmentKind: String, CaseIterable, Codable, Sendable {
    case customerService = "customer_service"
    case sales, marketing, rnd, finance, warehouse, hr
    case adminOffice = "admin_office"
    case gmOffice = "gm_office"
    case it
    case frontDesk = "front_desk"
    case other
}

/// The promotion ladder (篇九); order matters: later is higher.
public enum Grade: String, CaseIterable, Codable, Sendable, Comparable {
    case probation, junior, intermediate, senior
    case reserveSupervisor = "reserve_supervisor"

    public var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rank < rhs.rank }
}

/// Agent skill types (CHN-18).
public enum Skill: String, CaseIterable, Codable, Sendable {
    case technical, theory
    case allRound = "all_round"
}
